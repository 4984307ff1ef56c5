# Import the main account by its ID, REGION:email.
import {
  to = useapi_dreamina_account.main
  id = "US:studio@example.com"
}
