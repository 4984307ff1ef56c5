# A PixVerse account already added to useapi.net is imported by its email.
terraform import useapi_pixverse_account.main studio@example.com
