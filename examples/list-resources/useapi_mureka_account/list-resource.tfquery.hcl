# Every Mureka account configured at useapi.net for the API token (Terraform 1.14 and later),
# including accounts added outside Terraform and accounts in an error state.
list "useapi_mureka_account" "all" {
  provider = useapi

  # Also return each account's attributes (auth_mode, error), shown by terraform query -json.
  include_resource = true
}
