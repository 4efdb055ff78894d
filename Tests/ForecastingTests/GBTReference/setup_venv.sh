#!/usr/bin/env bash
# Creates (idempotently) the venv that make_reference.py runs in: xgboost 1.7.4, the
# version of Debian's libxgboost-dev that the gbt model links, and numpy.
#   bash Tests/ForecastingTests/GBTReference/setup_venv.sh
#   ~/.cache/autoscale/xgboost-venv/bin/python Tests/ForecastingTests/GBTReference/make_reference.py \
#       > Tests/ForecastingTests/GBTReference/gbt_xgboost_reference.json
set -euo pipefail
venv="${HOME}/.cache/autoscale/xgboost-venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import xgboost, numpy; assert xgboost.__version__ == "1.7.4"' 2>/dev/null; then
    "$venv/bin/pip" install -q "xgboost==1.7.4" "numpy==1.26.4" "scipy==1.11.4"
fi
echo "$venv"
