# Terraform 1.11 and later: the token and url are write-only, never stored in plan or state.
# Feed them from ephemeral variables (TF_VAR_minimax_token and TF_VAR_minimax_url, or sensitive workspace
# variables). The url is the request URL of a /cursor call copied from DevTools: it carries the session's
# device ids, so it is as secret as the token.
# useapi.net reads the account, MiniMax's numeric user id, from the token, so it is known after apply.
variable "minimax_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "minimax_url" {
  type      = string
  sensitive = true
  ephemeral = true
}

# MiniMax has no update without the token: every change, max_jobs included, sends token and url again,
# so keep both configured for as long as the resource is managed.
resource "useapi_minimax_account" "main" {
  max_jobs         = 3
  token_wo         = var.minimax_token
  url_wo           = var.minimax_url
  token_wo_version = 1 # bump to send a new token and url, after signing in again
}

# Any Terraform version: the token and url are kept in state, marked sensitive.
variable "backup_minimax_token" {
  type      = string
  sensitive = true
}

variable "backup_minimax_url" {
  type      = string
  sensitive = true
}

resource "useapi_minimax_account" "backup" {
  max_jobs = 1
  token    = var.backup_minimax_token
  url      = var.backup_minimax_url
}
