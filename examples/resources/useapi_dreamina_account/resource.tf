# Terraform 1.11 and later: the password is write-only, never stored in plan or state.
# Feed it from an ephemeral variable (TF_VAR_dreamina_password, or a sensitive workspace variable).
variable "dreamina_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_dreamina_account" "main" {
  email               = "studio@example.com"
  region              = "US"
  max_jobs            = 20
  password_wo         = var.dreamina_password
  password_wo_version = 1 # bump to send a changed password
}

# Any Terraform version: the password is kept in state, marked sensitive.
# Without max_jobs, the service's default (10) applies and is shown in state.
variable "backup_dreamina_password" {
  type      = string
  sensitive = true
}

resource "useapi_dreamina_account" "backup" {
  email    = "backup@example.com"
  region   = "CA"
  password = var.backup_dreamina_password
}
