import {
  to = useapi_runway_account.main
  id = "studio@example.com"
}
