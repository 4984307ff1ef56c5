# A Gemini Notebook account already added to useapi.net is imported by its email.
terraform import useapi_gemini_notebook_account.main studio@example.com
