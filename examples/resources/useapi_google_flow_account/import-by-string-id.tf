import {
  to = useapi_google_flow_account.main
  id = "studio@example.com"
}
