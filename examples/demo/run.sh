#!/usr/bin/env bash
# Runs the demo: builds the provider and the emulator, starts the emulator on a free loopback port, and
# applies examples/demo/main.tf with the real terraform CLI through dev_overrides. Everything it starts or
# writes lives in a temporary folder that is removed on exit, and the emulator is stopped.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
terraform=${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || true)}
if [ -z "$terraform" ]; then
  echo "demo: no terraform on PATH. Install Terraform 1.11 or later, or run 'make tofu' and set TF_ACC_TERRAFORM_PATH." >&2
  exit 1
fi

work=$(mktemp -d)
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Building the provider and the emulator"
(cd "$root" && go build -o "$work/bin/terraform-provider-useapi" . \
  && go build -o "$work/useapi-emulator" ./internal/emulator/cmd/useapi-emulator)

step "Starting the useapi.net emulator on a loopback port"
"$work/useapi-emulator" -addr 127.0.0.1:0 -max-accounts 3 -url-file "$work/url" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 50); do [ -s "$work/url" ] && break; sleep 0.1; done
[ -s "$work/url" ] || { cat "$work/emulator.log" >&2; echo "demo: the emulator did not start" >&2; exit 1; }
base_url=$(cat "$work/url")
echo "emulator at $base_url"

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "useapi-community/useapi" = "$work/bin"
  }
  direct {}
}
RC
mkdir "$work/config"
cp "$root/examples/demo/main.tf" "$work/config/"
cd "$work/config"

export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export USEAPI_BASE_URL="$base_url" USEAPI_TOKEN="user:1000-demoToken0123456789"
export TF_VAR_kling_password="demo-password"

step "terraform apply"
"$terraform" apply -auto-approve -input=false

step "terraform output"
"$terraform" output

step "terraform plan (a second plan right after apply shows no changes)"
set +e
"$terraform" plan -detailed-exitcode -input=false
code=$?
set -e
if [ "$code" -ne 0 ]; then
  echo "demo: expected no changes, plan exited $code" >&2
  exit 1
fi

step "terraform destroy"
"$terraform" destroy -auto-approve -input=false

step "Done: the emulator is stopped and the temporary files removed"
