#!/usr/bin/env bash
# Builds OpenTofu from the Go module proxy (no other download is possible here) and prints the binary's
# path. The binary is cached outside the repository, so later runs reuse it.
set -euo pipefail

version=${TOFU_VERSION:-1.12.6}
cache=${TOFU_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-useapi}
bin="$cache/tofu-$version"

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$cache"
echo "building OpenTofu $version from the Go module proxy (a few minutes on 2 cores)..." >&2
src=$(go mod download -json "github.com/opentofu/opentofu@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$src" ] || { echo "could not download github.com/opentofu/opentofu@v$version" >&2; exit 1; }

# The module cache is read-only; build from a writable copy.
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$src/." "$work/"
chmod -R u+w "$work"
# As OpenTofu's own release build does, so that it reports its version without a -dev suffix.
(cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$bin.tmp" ./cmd/tofu)
mv "$bin.tmp" "$bin"
echo "$bin"
