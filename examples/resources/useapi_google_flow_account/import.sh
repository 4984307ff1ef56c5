# A Google Flow account already added to useapi.net is imported by its email.
terraform import useapi_google_flow_account.main studio@example.com
