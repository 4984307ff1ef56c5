#!/usr/bin/env bash
# Builds Terraform from the Go module proxy (no other download is possible here) and prints the binary's
# path, $cache/terraform-$version/terraform: named terraform in a directory of its own, so that the
# directory can go first on PATH (make docs does that). The binary is cached outside the repository, so
# later runs reuse it.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/build-lib.sh"

version=${TERRAFORM_VERSION:-1.16.0}
dir="$cache/terraform-$version"
bin="$dir/terraform"

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$dir"
echo "building Terraform $version from the Go module proxy (3 to 6 minutes on 2 cores)..." >&2
writable_copy github.com/hashicorp/terraform "$version"

# The module's go.mod replaces the remote-state backends that have modules of their own (azure, consul,
# cos, gcs, kubernetes, oci, oss, pg, s3 in 1.14 to 1.16) with nested directories that the module zip
# leaves out, and the proxy does not serve them either. Only internal/backend/init/init.go imports them,
# so drop those imports and the backends' entries in its map; go.mod and go.sum stay as they are.
init_go="$work/internal/backend/init/init.go"
missing=$(sed -n 's#^replace github.com/hashicorp/terraform/internal/backend/remote-state/\([a-z0-9]*\) => \./.*#\1#p' "$work/go.mod")
for b in $missing; do
  [ ! -d "$work/internal/backend/remote-state/$b" ] || continue
  import="\"github.com/hashicorp/terraform/internal/backend/remote-state/$b\""
  alias=$(sed -n "s#^[[:space:]]*\([A-Za-z0-9_]*\)[[:space:]]*$import[[:space:]]*\$#\1#p" "$init_go")
  [ -n "$alias" ] || { echo "$init_go: no aliased import of remote-state/$b; the edit needs updating for Terraform $version" >&2; exit 1; }
  sed -i -e "\#$import#d" -e "/[^A-Za-z0-9_]$alias\.New(/d" "$init_go"
  echo "  without the $b backend ($alias)" >&2
done
# Compile the edited package on its own first, so that an edit that no longer fits fails with a clear cause
# (with -trimpath, as below, so that the build cache serves both).
(cd "$work" && CGO_ENABLED=0 go build -trimpath ./internal/backend/init) || {
  echo "$init_go does not compile after removing the backends above" >&2; exit 1; }

# As Terraform's own release build does, so that it reports its version without a -dev suffix.
(cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" -o "$bin.tmp" .)
got=$(CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null "$bin.tmp" version | head -1)
[ "$got" = "Terraform v$version" ] || { rm -f "$bin.tmp"; echo "the build reports '$got', not 'Terraform v$version'" >&2; exit 1; }
mv "$bin.tmp" "$bin"
echo "$bin"
