# One Google Flow account's live values (credits, paygate_tier), which useapi.net reads from Google Flow
# when this data source is read: no resource's refresh makes that call, so ask for it only where you use it.
data "useapi_google_flow_account" "studio" {
  email = "studio@example.com"
}

# A warning, not a failure, when the account runs low.
check "google_flow_credits" {
  assert {
    condition     = data.useapi_google_flow_account.studio.credits == null || data.useapi_google_flow_account.studio.credits > 100
    error_message = "Google Flow account studio@example.com is running low: ${coalesce(data.useapi_google_flow_account.studio.credits, 0)} left."
  }
}
