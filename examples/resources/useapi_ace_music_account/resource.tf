# Terraform 1.11 and later: the password is write-only, never stored in plan or state.
# Feed it from an ephemeral variable (TF_VAR_ace_music_password, or a sensitive workspace variable).
# A later change of max_jobs alone is sent without the password, so nothing reaches ACE Music.
variable "ace_music_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_ace_music_account" "main" {
  email               = "studio@example.com"
  max_jobs            = 2
  password_wo         = var.ace_music_password
  password_wo_version = 1 # bump to send a changed password
}

# Any Terraform version: the password is kept in state, marked sensitive.
# Without max_jobs, the service's default applies and is shown in state.
variable "backup_ace_music_password" {
  type      = string
  sensitive = true
}

resource "useapi_ace_music_account" "backup" {
  email    = "backup@example.com"
  password = var.backup_ace_music_password
}
