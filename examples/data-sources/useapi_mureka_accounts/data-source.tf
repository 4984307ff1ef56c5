# Every Mureka account configured for the token, including ones added outside Terraform.
data "useapi_mureka_accounts" "all" {}

output "mureka_accounts" {
  value = {
    for a in data.useapi_mureka_accounts.all.accounts : a.account => a.auth_mode
  }
}

# A warning, not a failure: a broken account (most often a token whose session Mureka revoked) is named
# with useapi.net's reason until it is connected again.
check "mureka_accounts_healthy" {
  assert {
    condition = alltrue([for a in data.useapi_mureka_accounts.all.accounts : a.error == null])
    error_message = join("; ", [
      for a in data.useapi_mureka_accounts.all.accounts : "${a.account}: ${a.error}" if a.error != null
    ])
  }
}
