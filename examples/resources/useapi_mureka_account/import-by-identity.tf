# Import the backup account by its identity, its Mureka account id, rather than by an ID string.
import {
  to = useapi_mureka_account.backup
  identity = {
    account = "987654321"
  }
}
