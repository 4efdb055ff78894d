#!/usr/bin/env bash
# Creates (idempotently) the venv make_autoarima_differential.py runs in, with the versions the
# committed autoarima_differential_*.json were written with. Prints the venv's python.
# Usage: PY=$(bash statsforecast-venv.sh) && $PY make_autoarima_differential.py ci > autoarima_differential_ci.json
set -euo pipefail
venv="${HOME}/.cache/autoscale/statsforecast-venv"
pins=(statsforecast==2.1.1 numpy==2.4.6 scipy==1.17.1 pandas==2.3.3 statsmodels==0.15.0)
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import statsforecast; assert statsforecast.__version__ == "2.1.1"' 2>/dev/null; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet "${pins[@]}" >&2
fi
echo "$venv/bin/python"
