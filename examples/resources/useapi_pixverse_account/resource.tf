# Terraform 1.11 and later: the password is write-only, never stored in plan or state.
# Feed it from an ephemeral variable (TF_VAR_pixverse_password, or a sensitive workspace variable).
variable "pixverse_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_pixverse_account" "main" {
  email               = "studio@example.com"
  max_jobs            = 4 # no more than the concurrent generations of the account's PixVerse plan
  password_wo         = var.pixverse_password
  password_wo_version = 1 # bump to send a changed password
}

# Any Terraform version: the password is kept in state, marked sensitive.
variable "backup_pixverse_password" {
  type      = string
  sensitive = true
}

resource "useapi_pixverse_account" "backup" {
  email    = "backup@example.com"
  max_jobs = 2
  password = var.backup_pixverse_password
}
