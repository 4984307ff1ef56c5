# Terraform 1.11 and later: the cookies are write-only, never stored in plan or state.
# The cookie table of docs.google.com, copied from DevTools while signed in to Google Vids (it must hold
# __Secure-1PSIDTS), is long: keep it in a file outside version control and feed it from an ephemeral
# variable, TF_VAR_google_vids_cookies="$(cat cookies.tsv)" terraform apply.
# useapi.net reads the account's email and monthly limits from the cookies. Once the account is added, do
# not open that Google account in a browser again: the session useapi.net holds ends within minutes.
variable "google_vids_cookies" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_google_vids_account" "main" {
  cookies_wo         = var.google_vids_cookies
  cookies_wo_version = 1 # bump to send fresh cookies, after signing in again
  max_jobs           = 3 # a change of max_jobs alone is sent without the cookies
}

# Any Terraform version: the cookies are kept in state, marked sensitive.
variable "backup_google_vids_cookies" {
  type      = string
  sensitive = true
}

resource "useapi_google_vids_account" "backup" {
  cookies = var.backup_google_vids_cookies
}
