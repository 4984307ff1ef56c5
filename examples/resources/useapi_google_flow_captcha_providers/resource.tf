# The subscription's captcha keys: one resource per API token. Keys not configured here are removed from
# useapi.net; destroying the resource removes them all.

# Terraform 1.11 and later: the key is write-only, never stored in plan or state.
# TF_VAR_capsolver_key=... terraform apply
variable "capsolver_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

# Any Terraform version: the key is kept in state, marked sensitive. A key in this form that is changed
# outside Terraform is seen (its masked form stops matching) and set again by the next apply.
variable "twocaptcha_key" {
  type      = string
  sensitive = true
}

resource "useapi_google_flow_captcha_providers" "main" {
  capsolver_wo         = var.capsolver_key
  capsolver_wo_version = 1 # bump to send a new CapSolver key

  twocaptcha = var.twocaptcha_key
}
