terraform {
  required_providers {
    useapi = {
      source  = "useapi-community/useapi"
      version = "~> 0.1"
    }
  }
}

# The token comes from the USEAPI_TOKEN environment variable; keep it out of configuration files.
provider "useapi" {}
