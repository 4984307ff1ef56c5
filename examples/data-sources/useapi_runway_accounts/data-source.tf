# Every Runway account configured for the token, including ones added outside Terraform.
data "useapi_runway_accounts" "all" {}

output "runway_emails" {
  value = data.useapi_runway_accounts.all.accounts[*].email
}

# A warning, not a failure: name the accounts useapi.net reports in an error state, with the reason.
check "runway_accounts_healthy" {
  assert {
    condition = alltrue([for a in data.useapi_runway_accounts.all.accounts : a.error == null])
    error_message = join("; ", [
      for a in data.useapi_runway_accounts.all.accounts : "${a.email}: ${a.error}" if a.error != null
    ])
  }
}
