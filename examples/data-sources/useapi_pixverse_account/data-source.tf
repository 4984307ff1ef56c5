# One PixVerse account's live values (plan, credits_monthly, concurrent_generations), which useapi.net reads
# from PixVerse when this data source is read: no resource's refresh makes that call, so ask for it only
# where you use it.
data "useapi_pixverse_account" "studio" {
  email = "studio@example.com"
}

# A warning, not a failure, when the account runs low.
check "pixverse_credits" {
  assert {
    condition     = data.useapi_pixverse_account.studio.credits_monthly == null || data.useapi_pixverse_account.studio.credits_monthly > 100
    error_message = "PixVerse account studio@example.com is running low: ${coalesce(data.useapi_pixverse_account.studio.credits_monthly, 0)} left."
  }
}

# PixVerse runs concurrent_generations jobs of the plan at once: a higher max_jobs only queues them there.
output "pixverse_concurrency" {
  value = data.useapi_pixverse_account.studio.concurrent_generations
}
