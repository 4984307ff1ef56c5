import {
  to = useapi_google_vids_account.main
  id = "studio@example.com"
}
