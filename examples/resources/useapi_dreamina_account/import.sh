# A Dreamina account already added to useapi.net is imported by its region and email, REGION:email.
terraform import useapi_dreamina_account.main US:studio@example.com
