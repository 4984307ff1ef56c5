# Every ACE Music account configured for the token, including ones added outside Terraform.
data "useapi_ace_music_accounts" "all" {}

output "ace_music_accounts" {
  value = {
    for a in data.useapi_ace_music_accounts.all.accounts : a.email => {
      max_jobs = a.max_jobs
      plan     = a.plan
    }
  }
}

# A warning, not a failure: a paused account (one whose stored password ACE Music refused) is named
# with useapi.net's reason until it is added again with the current password.
check "ace_music_accounts_healthy" {
  assert {
    condition = alltrue([for a in data.useapi_ace_music_accounts.all.accounts : a.error == null])
    error_message = join("; ", [
      for a in data.useapi_ace_music_accounts.all.accounts : "${a.email}: ${a.error}" if a.error != null
    ])
  }
}
