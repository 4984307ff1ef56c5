# Terraform 1.11 and later: the cookies are write-only, never stored in plan or state.
# The cookie table of notebook.google.com, copied from DevTools while signed in (tab-separated rows), is
# long: keep it in a file outside version control and feed it from an ephemeral variable,
# TF_VAR_gemini_notebook_cookies="$(cat cookies.tsv)" terraform apply.
# useapi.net reads the account's email from the cookies, so email is known after apply.
variable "gemini_notebook_cookies" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_gemini_notebook_account" "main" {
  cookies_wo         = var.gemini_notebook_cookies
  cookies_wo_version = 1 # bump to send fresh cookies, after signing in again

  # Changes of these two are sent without the cookies. output_language is Google's own account-wide
  # setting for Studio artifacts; left out, the account's current one is kept and shown.
  max_jobs        = 4
  output_language = "es"
}

# Any Terraform version: the cookies are kept in state, marked sensitive.
variable "backup_gemini_notebook_cookies" {
  type      = string
  sensitive = true
}

resource "useapi_gemini_notebook_account" "backup" {
  cookies = var.backup_gemini_notebook_cookies
}

# An account set up with useapi.net's automated (remote-browser) setup: its session is held by useapi.net
# alone, so the account is imported by its email and managed without cookies.
import {
  to = useapi_gemini_notebook_account.remote
  id = "remote@example.com"
}

resource "useapi_gemini_notebook_account" "remote" {
  max_jobs = 2
}
