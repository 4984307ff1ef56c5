# An ACE Music account already added to useapi.net is imported by its email.
terraform import useapi_ace_music_account.main studio@example.com
