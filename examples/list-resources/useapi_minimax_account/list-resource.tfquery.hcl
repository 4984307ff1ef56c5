# Every MiniMax account configured at useapi.net for the API token (Terraform 1.14 and later),
# including accounts added outside Terraform and accounts in an error state.
list "useapi_minimax_account" "all" {
  provider = useapi

  # Also return each account's attributes (max_jobs, user_name, error, ...), shown by terraform query -json.
  include_resource = true
}
