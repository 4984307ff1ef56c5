# A Runway account already added to useapi.net is imported by its email.
terraform import useapi_runway_account.main studio@example.com
