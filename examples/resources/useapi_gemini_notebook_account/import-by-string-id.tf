import {
  to = useapi_gemini_notebook_account.main
  id = "studio@example.com"
}
