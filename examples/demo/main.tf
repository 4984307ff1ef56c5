# The configuration `make demo` applies against the local emulator. USEAPI_TOKEN and USEAPI_BASE_URL
# come from the environment the demo script sets; nothing here points at the real service.
terraform {
  required_providers {
    useapi = {
      source = "useapi-community/useapi"
    }
  }
}

provider "useapi" {}

variable "kling_password" {
  description = "Password of the studio account, sent write-only (never stored in state)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

locals {
  # A subscription allows up to three Kling accounts.
  teams = {
    video  = 4
    promo  = 2
    social = 1
  }
}

resource "useapi_kling_account" "team" {
  for_each = local.teams

  email               = "${each.key}@studio.example.com"
  max_jobs            = each.value
  password_wo         = var.kling_password
  password_wo_version = 1
}

output "accounts" {
  description = "Each account's email, job limit and Kling user."
  value = {
    for name, account in useapi_kling_account.team : name => {
      email    = account.email
      max_jobs = account.max_jobs
      user_id  = account.session.user_id
      expires  = account.session.expire_time_utc
    }
  }
}

# Reads the list back from the service once the accounts exist.
data "useapi_kling_accounts" "all" {
  depends_on = [useapi_kling_account.team]
}

output "configured_emails" {
  description = "Every account the service holds for the token, sorted by email."
  value       = data.useapi_kling_accounts.all.accounts[*].email
}

data "useapi_kling_account" "video" {
  email = useapi_kling_account.team["video"].email
}

output "video_credit" {
  description = "Kling credit left on the video account."
  value       = data.useapi_kling_account.video.balance.total
}
