#!/usr/bin/env bash
# The main job end to end on the shipped defaults: installs system packages if needed,
# builds in release mode and runs the quickstart pipeline (Pipelines/quickstart.yaml):
# generated workload → cpu and memory → naive, autoarima, prophet-ar and a short LSTM →
# evaluate → select on validation → register autoscale-<metric> as production → report.
# Extra arguments go to `autoscale pipeline run` (e.g. --json, --set lstm_epochs=10).
# `autoscale` and `runs` are linked into a bin folder on PATH first (scripts/install.sh),
# so the hints they print work.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift build -c release --product autoscale >&2
swift build -c release --product runs >&2
bash scripts/install.sh
exec .build/release/autoscale pipeline run Pipelines/quickstart.yaml "$@"
