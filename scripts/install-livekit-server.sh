#!/usr/bin/env bash
# Builds the real LiveKit server for the livekit test tier, pinned, from its Go module, into
# the rig cache (TAVUS_TEN_CACHE, default .cache/, ignored). A second run finds the binary and does nothing.
# Prints the binary's path on its last line. --check: print it if built, else exit 1 (never builds).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="v1.9.11" # a 1.9.x release whose go.mod has no replace directives, so `go install …@version` works
DIR="${TAVUS_TEN_CACHE:-$PWD/.cache}/livekit-server/$VERSION"
BIN="$DIR/livekit-server"
if [ ! -x "$BIN" ] && [ "${1:-}" = "--check" ]; then exit 1; fi
if [ ! -x "$BIN" ]; then
  command -v go >/dev/null || { echo "install-livekit-server: Go is not installed (needed to build livekit-server $VERSION)" >&2; exit 1; }
  mkdir -p "$DIR"
  echo "install-livekit-server: building github.com/livekit/livekit-server/cmd/server@$VERSION (a few minutes, once)" >&2
  GOBIN="$DIR" go install "github.com/livekit/livekit-server/cmd/server@$VERSION"
  mv "$DIR/server" "$BIN"
fi
echo "$BIN"
