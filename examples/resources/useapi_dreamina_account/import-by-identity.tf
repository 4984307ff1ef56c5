# Import the backup account by its identity, its region and email, rather than by an ID string.
import {
  to = useapi_dreamina_account.backup
  identity = {
    region = "CA"
    email  = "backup@example.com"
  }
}
