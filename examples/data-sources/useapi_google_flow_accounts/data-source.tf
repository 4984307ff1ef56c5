# Every Google Flow account configured for the token, including ones added outside Terraform, such as
# accounts set up in useapi.net's remote browser.
data "useapi_google_flow_accounts" "all" {}

# When each account's session expires, and when useapi.net next refreshes it by itself.
output "google_flow_sessions" {
  value = {
    for a in data.useapi_google_flow_accounts.all.accounts : a.email => {
      session_expires = a.session_expires
      next_refresh    = a.next_refresh
    }
  }
}

# A warning, not a failure: an account whose session Google ended, or whose health useapi.net reports as
# other than healthy, is named with the reason until it is added again with fresh cookies.
check "google_flow_accounts_healthy" {
  assert {
    condition = alltrue([for a in data.useapi_google_flow_accounts.all.accounts : a.error == null])
    error_message = join("; ", [
      for a in data.useapi_google_flow_accounts.all.accounts : "${a.email}: ${a.error}" if a.error != null
    ])
  }
}
