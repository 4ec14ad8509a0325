#!/usr/bin/env bash
# Installs the conformance tier's Python Tavus clients (test/conformance/requirements.txt, pinned) into a
# virtual environment in the rig cache (TAVUS_TEN_CACHE, default .cache/, ignored): python-clients/. A second
# run finds the stamp of the same requirements and Python and does nothing. Prints the environment's python
# on its last line.
# --check: print it if installed, else exit 1 (never installs). PYTHON picks the interpreter (>= 3.11).
set -euo pipefail
cd "$(dirname "$0")/.."
REQUIREMENTS="$PWD/test/conformance/requirements.txt"
DIR="${TAVUS_TEN_CACHE:-$PWD/.cache}/python-clients"
STAMP="$DIR/.requirements-stamp"
PY="${PYTHON:-python3}"

command -v "$PY" >/dev/null || { echo "install-python-clients: $PY not found (Python 3.11+ is needed)" >&2; exit 1; }
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' ||
  { echo "install-python-clients: $("$PY" --version 2>&1) is too old (pipecat-ai and tavus-cli need 3.11+)" >&2; exit 1; }
# The stamp names what was installed: these requirements, with this interpreter.
WANT="$(cat "$REQUIREMENTS"; "$PY" -c 'import sys; print(sys.version)')"

if [ -x "$DIR/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  echo "$DIR/bin/python"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then exit 1; fi

echo "install-python-clients: installing $(grep -v '^#' "$REQUIREMENTS" | xargs) into $DIR (a minute or two, once)" >&2
rm -rf "$DIR"
"$PY" -m venv "$DIR"
"$DIR/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$REQUIREMENTS"
printf '%s' "$WANT" > "$STAMP"
echo "$DIR/bin/python"
