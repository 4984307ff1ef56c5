# A Mureka account already added to useapi.net is imported by its Mureka account id.
terraform import useapi_mureka_account.main 123456789
