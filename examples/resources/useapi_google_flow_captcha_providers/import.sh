# The subscription has one set of captcha keys: import it by the fixed ID. The keys themselves cannot be
# imported (useapi.net answers them masked), so the next apply sends the configured ones.
terraform import useapi_google_flow_captcha_providers.main captcha-providers
