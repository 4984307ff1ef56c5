# Every Google Vids account configured for the token, including ones added outside Terraform, such as
# accounts set up in useapi.net's remote browser.
data "useapi_google_vids_accounts" "all" {}

# Each account's monthly allowances, as Google reported them when the account was added.
output "google_vids_allowances" {
  value = {
    for a in data.useapi_google_vids_accounts.all.accounts : a.email => a.monthly_limits
  }
}

# A warning, not a failure: an account whose session ended is named with useapi.net's reason until it is
# added again with fresh cookies.
check "google_vids_accounts_healthy" {
  assert {
    condition = alltrue([for a in data.useapi_google_vids_accounts.all.accounts : a.error == null])
    error_message = join("; ", [
      for a in data.useapi_google_vids_accounts.all.accounts : "${a.email}: ${a.error}" if a.error != null
    ])
  }
}
