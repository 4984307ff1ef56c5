import {
  to = useapi_flow_music_account.main
  id = "studio@example.com"
}
