# Import the main account by its ID, its MiniMax user id.
import {
  to = useapi_minimax_account.main
  id = "1234567890123456"
}
