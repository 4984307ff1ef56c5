# Every Dreamina account configured for the token, in both regions, including ones added outside
# Terraform. It reads the account list only, so it never claims an account's daily free credits.
data "useapi_dreamina_accounts" "all" {}

# Account keys (REGION:email) grouped by region.
output "dreamina_by_region" {
  value = {
    for a in data.useapi_dreamina_accounts.all.accounts : a.region => a.id...
  }
}

# The accounts that need attention, with useapi.net's reason.
output "dreamina_errors" {
  value = {
    for a in data.useapi_dreamina_accounts.all.accounts : a.id => a.error if a.error != null
  }
}
