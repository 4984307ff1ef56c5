# Every Kling account configured for the token, including ones added outside Terraform.
data "useapi_kling_accounts" "all" {}

output "kling_emails" {
  value = data.useapi_kling_accounts.all.accounts[*].email
}
