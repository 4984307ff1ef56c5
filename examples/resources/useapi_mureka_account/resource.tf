# Terraform 1.11 and later: the password is write-only, never stored in plan or state. Feed it from an
# ephemeral variable (TF_VAR_mureka_password, or a sensitive workspace variable).
# useapi.net reads the account, Mureka's numeric account id, from the sign-in, so it is known after apply.
variable "mureka_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

# The recommended way: a dedicated Mureka account's email and password. useapi.net signs in again by
# itself whenever Mureka ends the session, so the account never needs connecting again by hand.
resource "useapi_mureka_account" "main" {
  email               = "songs@example.com"
  password_wo         = var.mureka_password
  password_wo_version = 1 # bump to send a new password
}

# The other way: the access token and refresh token of a session signed in at mureka.ai, copied from the
# browser. useapi.net renews the token by itself, but once Mureka revokes the session the account must
# be connected again: sign in, set the new tokens and bump token_wo_version.
variable "backup_mureka_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "backup_mureka_refresh_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_mureka_account" "backup" {
  token_wo         = var.backup_mureka_token
  refresh_token_wo = var.backup_mureka_refresh_token
  token_wo_version = 1
}

output "mureka_accounts" {
  value = {
    main   = { account = useapi_mureka_account.main.account, auth_mode = useapi_mureka_account.main.auth_mode }
    backup = { account = useapi_mureka_account.backup.account, auth_mode = useapi_mureka_account.backup.auth_mode }
  }
}
