# Every MiniMax account configured for the token, including ones added outside Terraform.
data "useapi_minimax_accounts" "all" {}

output "minimax_accounts" {
  value = {
    for a in data.useapi_minimax_accounts.all.accounts : a.account => {
      max_jobs        = a.max_jobs
      session_expires = a.session_expires
    }
  }
}

# A warning, not a failure: a broken account (most often one whose session token, good for about
# 30 days, expired) is named with useapi.net's reason until it is added again with a new token and url.
check "minimax_accounts_healthy" {
  assert {
    condition = alltrue([for a in data.useapi_minimax_accounts.all.accounts : a.error == null])
    error_message = join("; ", [
      for a in data.useapi_minimax_accounts.all.accounts : "${a.account}: ${a.error}" if a.error != null
    ])
  }
}
