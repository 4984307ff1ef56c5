# Terraform 1.11 and later: the cookies are write-only, never stored in plan or state.
# The cookie table of accounts.google.com, copied from DevTools while signed in (tab-separated rows, with
# SID, __Secure-1PSID and __Secure-3PSID), is long: keep it in a file outside version control and feed it
# from an ephemeral variable, TF_VAR_google_flow_cookies="$(cat cookies.tsv)" terraform apply.
# useapi.net reads the account's email from the cookies, so email is known after apply. Once the account is
# added, do not use that Google account in a browser: Google may end the session useapi.net holds.
variable "google_flow_cookies" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_google_flow_account" "main" {
  cookies_wo         = var.google_flow_cookies
  cookies_wo_version = 1 # bump to send fresh cookies, after signing in again
}

# Any Terraform version: the cookies are kept in state, marked sensitive.
# useapi.net refreshes the session by itself, so they are sent only to add the account, to add it again
# when useapi.net reports it broken, or when they change: posting stale cookies could break it.
variable "backup_google_flow_cookies" {
  type      = string
  sensitive = true
}

resource "useapi_google_flow_account" "backup" {
  cookies = var.backup_google_flow_cookies
}

# An account set up with useapi.net's automated (remote-browser) setup: its session is held by useapi.net
# alone, so the account is imported by its email and managed without cookies.
import {
  to = useapi_google_flow_account.remote
  id = "remote@example.com"
}

resource "useapi_google_flow_account" "remote" {}
