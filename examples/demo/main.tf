# The configuration `make demo` applies against the local emulator. USEAPI_TOKEN and USEAPI_BASE_URL
# come from the environment the demo sets; nothing here points at the real service.
terraform {
  required_providers {
    useapi = {
      source = "useapi-community/useapi"
    }
  }
}

provider "useapi" {}

variable "demo_password" {
  description = "The accounts' password, sent write-only (never stored in plan or state)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

# Stop before changing anything if the subscription has lapsed.
data "useapi_subscription" "this" {}

resource "terraform_data" "subscription_guard" {
  lifecycle {
    precondition {
      condition     = data.useapi_subscription.this.subscription_active
      error_message = "The useapi.net subscription is not active: renew it before adding accounts."
    }
  }
}

locals {
  # A subscription allows up to three accounts per service.
  kling_teams = {
    video  = 4
    promo  = 2
    social = 1
  }
}

resource "useapi_kling_account" "team" {
  for_each   = local.kling_teams
  depends_on = [terraform_data.subscription_guard]

  email               = "${each.key}@studio.example.com"
  max_jobs            = each.value
  password_wo         = var.demo_password
  password_wo_version = 1
}

resource "useapi_runway_account" "video" {
  depends_on = [terraform_data.subscription_guard]

  email               = "video@studio.example.com"
  max_jobs            = 3
  password_wo         = var.demo_password
  password_wo_version = 1
}

# Muse's max_jobs may be left out: the service's default (2) shows in state.
resource "useapi_muse_account" "stills" {
  depends_on = [terraform_data.subscription_guard]

  email               = "stills@studio.example.com"
  password_wo         = var.demo_password
  password_wo_version = 1
}

# A Dreamina account is its region and email together.
resource "useapi_dreamina_account" "canada" {
  depends_on = [terraform_data.subscription_guard]

  region              = "CA"
  email               = "video@studio.example.com"
  max_jobs            = 5
  password_wo         = var.demo_password
  password_wo_version = 1
}

output "kling_accounts" {
  description = "Each Kling account's email, job limit and Kling user."
  value = {
    for name, account in useapi_kling_account.team : name => {
      email    = account.email
      max_jobs = account.max_jobs
      user_id  = account.session.user_id
      expires  = account.session.expire_time_utc
    }
  }
}

output "other_accounts" {
  description = "The other services' accounts, by their import IDs."
  value = {
    runway   = useapi_runway_account.video.id
    muse     = "${useapi_muse_account.stills.id} (max_jobs ${useapi_muse_account.stills.max_jobs})"
    dreamina = useapi_dreamina_account.canada.id
  }
}

# Reads the lists back from the service once the accounts exist.
data "useapi_kling_accounts" "all" {
  depends_on = [useapi_kling_account.team]
}

output "configured_kling_emails" {
  description = "Every Kling account the service holds for the token, sorted by email."
  value       = data.useapi_kling_accounts.all.accounts[*].email
}

data "useapi_kling_account" "video" {
  email = useapi_kling_account.team["video"].email
}

output "video_credit" {
  description = "Kling credit left on the video account."
  value       = data.useapi_kling_account.video.balance.total
}

output "subscription" {
  description = "The subscription the token belongs to, as read before the apply."
  value = {
    active                   = data.useapi_subscription.this.subscription_active
    max_accounts_per_service = data.useapi_subscription.this.max_accounts_per_service
  }
}
