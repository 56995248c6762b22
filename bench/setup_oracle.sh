#!/usr/bin/env bash
# Create the oracle venv with mypy 2.4.1 for the benchmarks.
#   bash bench/setup_oracle.sh [VENV_DIR]      (default: bench/.data/oracle-venv)
# Then pass --mypy-python VENV_DIR/bin/python to bench/batch.py.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${1:-bench/.data/oracle-venv}"
"${PYTHON:-python3}" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet 'mypy==2.4.1'
"$VENV/bin/python" -m mypy --version
echo "oracle ready: $VENV/bin/python"
