# One Muse account's live values (quota_percent_used, quota_resets_at), which useapi.net reads from Muse
# when this data source is read: no resource's refresh makes that call, so ask for it only where you use it.
data "useapi_muse_account" "studio" {
  email = "studio@example.com"
}

# A warning, not a failure, when the account runs low.
check "muse_credits" {
  assert {
    condition     = data.useapi_muse_account.studio.quota_percent_used == null || data.useapi_muse_account.studio.quota_percent_used < 90
    error_message = "Muse account studio@example.com has used ${data.useapi_muse_account.studio.quota_percent_used}% of its weekly allowance."
  }
}
