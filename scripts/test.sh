#!/usr/bin/env bash
# Run the whole test suite (the README's test command).  Extra arguments go to pytest.
# PYTHON selects the interpreter (default: python3 on PATH, e.g. an activated venv).
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" -m pytest "$@"
