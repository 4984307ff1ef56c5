# Every Google Vids account configured at useapi.net for the API token (Terraform 1.14 and later),
# including accounts added outside Terraform and accounts in an error state.
list "useapi_google_vids_account" "all" {
  provider = useapi

  # Also return each account's attributes (max_jobs, monthly_limits, vids_doc_id, error, ...), shown by
  # terraform query -json.
  include_resource = true
}
