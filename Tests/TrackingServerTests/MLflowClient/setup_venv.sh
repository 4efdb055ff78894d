#!/usr/bin/env bash
# Creates ~/.cache/autoscale/mlflow-venv with the pinned MLflow client (mlflow-skinny from PyPI)
# that TrackingServerTests drives `runs server` with. Idempotent: a venv that already has the
# pinned version is left alone. Exits non-zero (with the reason on stderr) when it cannot be
# created, e.g. without access to PyPI; the Swift test is then skipped with that reason.
set -euo pipefail
MLFLOW_SKINNY_VERSION=3.18.0
venv="${AUTOSCALE_MLFLOW_VENV:-$HOME/.cache/autoscale/mlflow-venv}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('mlflow-skinny') != '$MLFLOW_SKINNY_VERSION')" 2>/dev/null; then
    echo "$venv"
    exit 0
fi
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv" >&2
"$venv/bin/pip" install --quiet --disable-pip-version-check "mlflow-skinny==$MLFLOW_SKINNY_VERSION" >&2
echo "$venv"
