# Sourced by build-tofu.sh and build-terraform.sh, which build a CLI from the Go module proxy (no other
# download is possible here) into a cache outside the repository.

# Where the built binaries are kept. TOFU_CACHE_DIR overrides it for both scripts.
cache=${TOFU_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-useapi}

# writable_copy MODULE VERSION downloads MODULE@vVERSION through the module proxy and copies it into a
# new temporary directory, $work, that is removed when the script exits. The module cache is read-only,
# hence the copy. Call it directly, not in $(...), so that $work and the cleanup reach the script.
writable_copy() {
  local module=$1 version=$2 src
  src=$(go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$src" ] || { echo "could not download $module@v$version" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
  cp -r "$src/." "$work/"
  chmod -R u+w "$work"
}
