import {
  to = useapi_kling_account.main
  id = "studio@example.com"
}
