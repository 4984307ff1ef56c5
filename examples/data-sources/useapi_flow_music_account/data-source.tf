# One Flow Music account's live values (credits_remaining, tokens_remaining), which useapi.net reads from
# Flow Music when this data source is read: no resource's refresh makes that call, so ask for it only where
# you use it.
data "useapi_flow_music_account" "studio" {
  email = "studio@example.com"
}

# A warning, not a failure, when the account runs low.
check "flow_music_credits" {
  assert {
    condition     = data.useapi_flow_music_account.studio.credits_remaining == null || data.useapi_flow_music_account.studio.credits_remaining > 100
    error_message = "Flow Music account studio@example.com is running low: ${coalesce(data.useapi_flow_music_account.studio.credits_remaining, 0)} left."
  }
}
