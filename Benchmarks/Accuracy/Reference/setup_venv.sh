#!/usr/bin/env bash
# Creates ~/.cache/autoscale/accuracy-venv (or $AUTOSCALE_ACCURACY_VENV) with the reference tools
# of bench-accuracy at the versions pinned in requirements.txt beside this script: statsforecast,
# mlforecast + LightGBM, neuralforecast + torch. Idempotent: a venv whose stamp matches the
# requirements file is kept. Prints the venv folder on stdout; pip's output goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${AUTOSCALE_ACCURACY_VENV:-$HOME/.cache/autoscale/accuracy-venv}"
stamp="$venv/.bench-accuracy-requirements.sha256"
wanted="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
    echo "$venv"
    exit 0
fi
mkdir -p "$(dirname "$venv")"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
"$venv/bin/python" -c "import statsforecast, mlforecast, lightgbm, neuralforecast, torch" >&2
echo "$wanted" > "$stamp.tmp" && mv "$stamp.tmp" "$stamp"
echo "$venv"
