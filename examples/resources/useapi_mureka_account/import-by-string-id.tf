# Import the main account by its ID, its Mureka account id.
import {
  to = useapi_mureka_account.main
  id = "123456789"
}
