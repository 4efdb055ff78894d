#!/usr/bin/env bash
# The main job end to end on the embedded defaults: installs system packages if needed,
# builds in release mode, generates a seeded container workload and evaluates the
# forecasters on every metric, printing a table (pass --json for JSON). `autoscale` and `runs`
# are linked into a bin folder on PATH first (scripts/install.sh), so the hints they print work.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift build -c release --product autoscale >&2
swift build -c release --product runs >&2
bash scripts/install.sh
exec .build/release/autoscale demo "$@"
