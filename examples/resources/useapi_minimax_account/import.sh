# A MiniMax account already added to useapi.net is imported by its MiniMax user id.
terraform import useapi_minimax_account.main 1234567890123456
