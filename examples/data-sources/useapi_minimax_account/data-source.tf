# One MiniMax account's live values (credits, plan), which useapi.net reads from MiniMax when this data
# source is read: no resource's refresh makes that call, so ask for it only where you use it.
data "useapi_minimax_account" "studio" {
  account = "1234567890123456"
}

# A warning, not a failure, when the account runs low.
check "minimax_credits" {
  assert {
    condition     = data.useapi_minimax_account.studio.credits == null || data.useapi_minimax_account.studio.credits > 100
    error_message = "MiniMax account 1234567890123456 is running low: ${coalesce(data.useapi_minimax_account.studio.credits, 0)} left."
  }
}
