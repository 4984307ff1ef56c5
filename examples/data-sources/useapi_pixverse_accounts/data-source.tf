# Every PixVerse account configured for the token, including ones added outside Terraform.
data "useapi_pixverse_accounts" "all" {}

# How many PixVerse jobs useapi.net may run at once across all accounts.
output "pixverse_total_max_jobs" {
  value = sum(concat([0], data.useapi_pixverse_accounts.all.accounts[*].max_jobs))
}

# When each account's PixVerse session expires.
output "pixverse_sessions" {
  value = {
    for a in data.useapi_pixverse_accounts.all.accounts : a.email => try(a.session.expire_time_utc, null)
  }
}
