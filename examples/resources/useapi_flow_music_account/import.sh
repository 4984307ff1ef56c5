# A Flow Music account already added to useapi.net is imported by its email.
terraform import useapi_flow_music_account.main studio@example.com
