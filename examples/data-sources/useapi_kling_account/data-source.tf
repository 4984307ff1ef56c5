# Check an account's Kling credit, for example before queueing a batch of jobs.
data "useapi_kling_account" "studio" {
  email = "studio@example.com"
}

output "studio_credit" {
  value = data.useapi_kling_account.studio.balance.total
}

check "enough_credit" {
  assert {
    condition     = data.useapi_kling_account.studio.balance.total >= 1000
    error_message = "The studio Kling account has less than 1000 credits left."
  }
}
