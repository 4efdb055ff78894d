#!/usr/bin/env bash
# The MLflow side of bench-serving: `mlflow models serve` of a statsmodels ARIMA(1,1,1)
# pyfunc model on 127.0.0.1, driven by wrk with the same 288-point history as autoscale.
#
#   mlflow_serve_bench.sh HISTORY.json PORT SECONDS CONNECTIONS
#
# Creates (once, pinned: mlflow 3.17.2, statsmodels 0.14.6) the venv ~/.cache/autoscale/mlflow-serve-venv with full mlflow.
# Prints wrk's report; exits 3 when the venv cannot be set up (bench-serving then prints
# autoscale's numbers alone and says why).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
history="$(realpath "$1")"; port="$2"; seconds="$3"; connections="$4"
venv="$HOME/.cache/autoscale/mlflow-serve-venv"
pins="mlflow==3.17.2 statsmodels==0.14.6"
if [ "$(cat "$venv/.pins" 2>/dev/null)" != "$pins" ]; then
    echo "mlflow-serve-bench: creating $venv ($pins; a few minutes, once)" >&2
    rm -rf "$venv"
    # shellcheck disable=SC2086
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q $pins >&2; }; then
        rm -rf "$venv"
        echo "mlflow-serve-bench: cannot install $pins from PyPI" >&2
        exit 3
    fi
    echo "$pins" >"$venv/.pins"
fi
work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"   # mlflow writes an mlruns/ folder into the working directory
"$venv/bin/python" "$here/mlflow_arima_model.py" "$history" "$work/model"
"$venv/bin/python" - "$history" "$work/body.json" <<'PY'
import json, sys
values = json.load(open(sys.argv[1]))["values"]
json.dump({"dataframe_split": {"columns": ["value"], "data": [[v] for v in values]}}, open(sys.argv[2], "w"))
PY
PATH="$venv/bin:$PATH" "$venv/bin/mlflow" models serve -m "$work/model" --env-manager local -h 127.0.0.1 -p "$port" -w 2 \
    >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/ping"; then break; fi
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
done
curl -sf -H 'Content-Type: application/json' --data @"$work/body.json" "http://127.0.0.1:$port/invocations" >"$work/check.json" \
    || { echo "mlflow-serve-bench: /invocations failed" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "MLFLOW_ANSWER $(head -c 200 "$work/check.json")"
BODY_FILE="$work/body.json" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/post_body.lua" "http://127.0.0.1:$port/invocations"
