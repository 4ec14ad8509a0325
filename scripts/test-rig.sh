#!/usr/bin/env bash
# The programs the test tiers need beside Node, installed pinned and cached (TAVUS_TEN_CACHE, default .cache/):
# the real LiveKit server (built from its Go module) and the Python Tavus clients (from PyPI). Run by
# `npm test` before the tests, so the README's test command sets up a fresh machine; cached, it takes a
# second. A missing toolchain (Go, Python 3.11+) is a notice: that tier then skips locally (and fails under
# .ci/run). TAVUS_TEN_SKIP_RIG=1 skips this step for a quick run.
set -uo pipefail
cd "$(dirname "$0")/.."
[ "${TAVUS_TEN_SKIP_RIG:-}" = "1" ] && exit 0
status=0
bash scripts/install-livekit-server.sh >/dev/null || { echo "test-rig: the livekit tier will be skipped (see above)" >&2; status=1; }
bash scripts/install-python-clients.sh >/dev/null || { echo "test-rig: the conformance tier will be skipped (see above)" >&2; status=1; }
# Under .ci/run every tier must run: a rig that did not install is a failure there, a notice elsewhere.
if [ "$status" -ne 0 ] && [ "${TAVUS_TEN_REQUIRE_TIERS:-}" = "1" ]; then exit 1; fi
exit 0
