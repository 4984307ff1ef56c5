import {
  to = useapi_ace_music_account.main
  id = "studio@example.com"
}
