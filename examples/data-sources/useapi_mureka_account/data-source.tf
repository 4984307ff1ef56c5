# One Mureka account's live values (credits, plan), which useapi.net reads from Mureka's profile when
# this data source is read: no resource's refresh makes that call, so ask for it only where you use it.
data "useapi_mureka_account" "studio" {
  account = "123456789"
}

# A warning, not a failure, when the account runs low.
check "mureka_credits" {
  assert {
    condition     = data.useapi_mureka_account.studio.credits == null || data.useapi_mureka_account.studio.credits > 100
    error_message = "Mureka account 123456789 is running low: ${coalesce(data.useapi_mureka_account.studio.credits, 0)} left (plan ${coalesce(data.useapi_mureka_account.studio.plan, "unknown")})."
  }
}
