#!/usr/bin/env bash
# Prints the path of a Terraform that tfplugindocs can render identity and list-resource docs with (1.14
# or later): the terraform on PATH when it is new enough, as in a CI job that installs one, else the one
# tools/build-terraform.sh builds from the Go module proxy.
set -euo pipefail

version_of() { "$1" version -json 2>/dev/null | sed -n 's/^[[:space:]]*"terraform_version":[[:space:]]*"\([^"]*\)".*/\1/p'; }
recent() { echo "$1" | awk -F. '{ exit !($1 > 1 || ($1 == 1 && $2 >= 14)) }'; }

if onpath=$(command -v terraform) && recent "$(version_of "$onpath")"; then
  echo "$onpath"
else
  bash "$(dirname "$0")/build-terraform.sh"
fi
