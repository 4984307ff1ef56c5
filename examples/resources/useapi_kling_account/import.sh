# A Kling account already added to useapi.net is imported by its email.
terraform import useapi_kling_account.main studio@example.com
