# A Google Vids account already added to useapi.net is imported by its email.
terraform import useapi_google_vids_account.main studio@example.com
