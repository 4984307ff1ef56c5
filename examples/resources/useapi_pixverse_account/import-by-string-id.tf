import {
  to = useapi_pixverse_account.main
  id = "studio@example.com"
}
