# Every Gemini Notebook account configured for the token, including ones added outside Terraform, such as
# accounts set up in useapi.net's remote browser.
data "useapi_gemini_notebook_accounts" "all" {}

# Each account's plan and how many notebooks it may hold.
output "gemini_notebook_plans" {
  value = {
    for a in data.useapi_gemini_notebook_accounts.all.accounts : a.email => {
      tier      = a.tier
      max_jobs  = a.max_jobs
      notebooks = a.limits == null ? null : a.limits.notebooks
    }
  }
}

# A warning, not a failure: an account Google signed out is named with useapi.net's reason until it is
# added again with fresh cookies.
check "gemini_notebook_accounts_healthy" {
  assert {
    condition = alltrue([for a in data.useapi_gemini_notebook_accounts.all.accounts : a.error == null])
    error_message = join("; ", [
      for a in data.useapi_gemini_notebook_accounts.all.accounts : "${a.email}: ${a.error}" if a.error != null
    ])
  }
}
