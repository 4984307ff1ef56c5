# Import the backup account by its identity, its email, rather than by an ID string.
import {
  to = useapi_google_vids_account.backup
  identity = {
    email = "backup@example.com"
  }
}
