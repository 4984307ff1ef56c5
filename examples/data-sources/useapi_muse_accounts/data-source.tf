# Every Muse account configured for the token, including ones added outside Terraform.
data "useapi_muse_accounts" "all" {}

output "muse_accounts" {
  value = {
    for a in data.useapi_muse_accounts.all.accounts : a.email => {
      max_jobs        = a.max_jobs
      session_expires = a.session_expires_at
    }
  }
}

# A warning, not a failure: a paused account (such as one waiting for Meta's security check) is named
# with useapi.net's reason until it is added again.
check "muse_accounts_healthy" {
  assert {
    condition = alltrue([for a in data.useapi_muse_accounts.all.accounts : a.error == null])
    error_message = join("; ", [
      for a in data.useapi_muse_accounts.all.accounts : "${a.email}: ${a.error}" if a.error != null
    ])
  }
}
