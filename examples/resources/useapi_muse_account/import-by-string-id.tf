import {
  to = useapi_muse_account.main
  id = "studio@example.com"
}
