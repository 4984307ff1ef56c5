# One ACE Music account's live values (plan_name, credits), which useapi.net reads from ACE Music when this
# data source is read: no resource's refresh makes that call, so ask for it only where you use it.
data "useapi_ace_music_account" "studio" {
  email = "studio@example.com"
}

# A warning, not a failure, when the account runs low.
check "ace_music_credits" {
  assert {
    condition     = data.useapi_ace_music_account.studio.credits == null || data.useapi_ace_music_account.studio.credits > 100
    error_message = "ACE Music account studio@example.com is running low: ${coalesce(data.useapi_ace_music_account.studio.credits, 0)} left."
  }
}
