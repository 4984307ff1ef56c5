# Terraform 1.11 and later: the refresh token is write-only, never stored in plan or state.
# Feed it from an ephemeral variable (TF_VAR_flow_music_refresh_token, or a sensitive workspace variable).
# useapi.net reads the account's email from the token, so email is known after apply. It then refreshes the
# token by itself: the configured one is sent only to add the account, to add it again when useapi.net
# reports it broken, or when it changes, since posting a stale token could break a working account.
variable "flow_music_refresh_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_flow_music_account" "main" {
  max_jobs                 = 4
  refresh_token_wo         = var.flow_music_refresh_token
  refresh_token_wo_version = 1 # bump to send a new refresh token, after signing in again
}

# Any Terraform version: the refresh token is kept in state, marked sensitive.
# Without max_jobs, the account's plan tier decides how many jobs it runs at once.
variable "backup_flow_music_refresh_token" {
  type      = string
  sensitive = true
}

resource "useapi_flow_music_account" "backup" {
  refresh_token = var.backup_flow_music_refresh_token
}

# An account set up with useapi.net's automated (remote-browser) setup: its token is held by useapi.net
# alone, so the account is imported by its email and managed without refresh_token.
# A change of max_jobs is sent without the token, so none is needed.
import {
  to = useapi_flow_music_account.remote
  id = "remote@example.com"
}

resource "useapi_flow_music_account" "remote" {
  max_jobs = 2
}
