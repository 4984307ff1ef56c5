# Every Flow Music account configured for the token, including ones added outside Terraform, such as
# accounts set up in useapi.net's remote browser.
data "useapi_flow_music_accounts" "all" {}

output "flow_music_accounts" {
  value = {
    for a in data.useapi_flow_music_accounts.all.accounts : a.email => {
      max_jobs = a.max_jobs
      tier     = a.tier
    }
  }
}

# A warning, not a failure: a broken account (one whose session Flow Music ended) is named with
# useapi.net's reason until it is added again with a new refresh token.
check "flow_music_accounts_healthy" {
  assert {
    condition = alltrue([for a in data.useapi_flow_music_accounts.all.accounts : a.error == null])
    error_message = join("; ", [
      for a in data.useapi_flow_music_accounts.all.accounts : "${a.email}: ${a.error}" if a.error != null
    ])
  }
}
