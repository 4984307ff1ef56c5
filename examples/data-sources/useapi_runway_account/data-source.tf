# One Runway account's live values (plan_credits, plan_credits_used), which useapi.net reads from Runway
# when this data source is read: no resource's refresh makes that call, so ask for it only where you use it.
data "useapi_runway_account" "studio" {
  email = "studio@example.com"
}

# A warning, not a failure, when the account runs low.
check "runway_credits" {
  assert {
    condition     = data.useapi_runway_account.studio.plan_credits_used == null || data.useapi_runway_account.studio.plan_credits_used < 0.9 * data.useapi_runway_account.studio.plan_credits
    error_message = "Runway account studio@example.com has used most of its plan credits."
  }
}
