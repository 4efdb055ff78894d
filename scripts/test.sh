#!/usr/bin/env bash
# Runs the whole test suite on a clean clone: installs system packages if needed,
# builds, and runs every test (real SQLite files, real processes, real data from
# ../shared/data/real when present).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift build --build-tests
swift test --skip-build "$@"
