# Read the subscription behind the API token, to stop a plan before it meets a lapsed subscription or a
# service that has no room for the accounts declared.
data "useapi_subscription" "current" {}

variable "runway_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

locals {
  # The Runway accounts this configuration manages, with their max_jobs.
  runway_accounts = {
    "studio@example.com" = 5
    "promo@example.com"  = 2
  }
}

resource "useapi_runway_account" "team" {
  for_each = local.runway_accounts

  email               = each.key
  max_jobs            = each.value
  password_wo         = var.runway_password
  password_wo_version = 1

  lifecycle {
    # Fails the plan, before any account is touched.
    precondition {
      condition     = data.useapi_subscription.current.subscription_active
      error_message = "The useapi.net subscription behind USEAPI_TOKEN is not active: renew it before changing accounts."
    }
    precondition {
      condition     = length(local.runway_accounts) <= data.useapi_subscription.current.max_accounts_per_service
      error_message = "This configuration declares ${length(local.runway_accounts)} Runway accounts, but the subscription allows ${data.useapi_subscription.current.max_accounts_per_service} per service."
    }
  }
}

# A warning, not a failure: services that are full or hold accounts in an error state.
check "subscription_services" {
  assert {
    condition = alltrue([
      for name, s in data.useapi_subscription.current.services :
      s.total < data.useapi_subscription.current.max_accounts_per_service && coalesce(s.error, 0) == 0
    ])
    error_message = join("; ", [
      for name, s in data.useapi_subscription.current.services :
      "${name}: ${s.total} of ${data.useapi_subscription.current.max_accounts_per_service} accounts, ${coalesce(s.error, 0)} in error"
      if s.total >= data.useapi_subscription.current.max_accounts_per_service || coalesce(s.error, 0) > 0
    ])
  }
}
