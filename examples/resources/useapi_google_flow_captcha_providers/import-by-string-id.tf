# Adopt the captcha keys already set at useapi.net; the first apply sends the configured keys and
# removes those of providers not configured.
import {
  to = useapi_google_flow_captcha_providers.main
  id = "captcha-providers"
}
