# Which captcha solvers the subscription holds a key for, and the free captcha credits left (reported
# only while no key is set). The keys are never shown.
data "useapi_google_flow_captcha_providers" "current" {}

output "captcha_ready" {
  value = anytrue(values(data.useapi_google_flow_captcha_providers.current.providers)) || coalesce(data.useapi_google_flow_captcha_providers.current.free_captcha_credits, 0) > 0
}
