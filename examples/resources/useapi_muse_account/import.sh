# A Muse account already added to useapi.net is imported by its email.
terraform import useapi_muse_account.main studio@example.com
