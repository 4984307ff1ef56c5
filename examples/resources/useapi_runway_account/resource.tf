# Terraform 1.11 and later: the password is write-only, never stored in plan or state.
# Feed it from an ephemeral variable (TF_VAR_runway_password, or a sensitive workspace variable).
# Only Runway accounts that sign in with an email and password work, not Google, Apple or SSO.
variable "runway_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_runway_account" "main" {
  email               = "studio@example.com"
  max_jobs            = 5
  password_wo         = var.runway_password
  password_wo_version = 1 # bump to send a changed password
}

# Any Terraform version: the password is kept in state, marked sensitive.
variable "backup_runway_password" {
  type      = string
  sensitive = true
}

resource "useapi_runway_account" "backup" {
  email    = "backup@example.com"
  max_jobs = 2
  password = var.backup_runway_password
}
