#!/usr/bin/env bash
# Creates ~/.cache/autoscale/mlflow-bench-venv with the full, pinned `mlflow` (server included)
# for bench-tracking-server: the reference `mlflow server` and the client both run from it.
# Idempotent; prints the venv folder.
set -euo pipefail
MLFLOW_VERSION=3.17.2
venv="${AUTOSCALE_MLFLOW_BENCH_VENV:-$HOME/.cache/autoscale/mlflow-bench-venv}"
if [ -x "$venv/bin/mlflow" ] && "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('mlflow') != '$MLFLOW_VERSION')" 2>/dev/null; then
    echo "$venv"
    exit 0
fi
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv" >&2
"$venv/bin/pip" install --quiet --disable-pip-version-check "mlflow==$MLFLOW_VERSION" >&2
echo "$venv"
