# Import the backup account by its identity, its MiniMax user id, rather than by an ID string.
import {
  to = useapi_minimax_account.backup
  identity = {
    account = "6543210987654321"
  }
}
