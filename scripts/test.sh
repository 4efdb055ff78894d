#!/usr/bin/env bash
# Runs the whole test suite on a clean clone: installs system packages if needed,
# builds, and runs every test (real SQLite files, real processes, real data from
# ../shared/data/real when present).
#
# Then the numeric suites (Kernels, Forecasting) run once more for each build of the vector
# kernels below the one this CPU picks, pinned with AUTOSCALE_INSTRUCTION_SET, so a machine
# with AVX-512 also proves the Haswell and baseline paths that users' CPUs take and no change
# passes on one kind of machine only. The Haswell run also pins OpenBLAS's kernels to its
# Haswell ones (OPENBLAS_CORETYPE, unless the environment already sets it), as on a CPU with
# AVX2 and no AVX-512. Arguments (e.g. `--filter X`) go to every run, and replace the
# numeric-suite filter in the pinned ones.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift build --build-tests
swift test --skip-build "$@"

# Builds below the best one the CPU offers (Linux: flags from /proc/cpuinfo; elsewhere none).
flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true) "
has() { for flag in "$@"; do [[ "$flags" == *" $flag "* ]] || return 1; done; }
lower=()
if has avx512f avx512cd avx512bw avx512dq avx512vl avx2 fma; then
    lower=(haswell baseline)
elif has avx2 fma; then
    lower=(baseline)
fi

selection=(--filter '^(KernelsTests|ForecastingTests)\.')
[ $# -gt 0 ] && selection=("$@")
for build in "${lower[@]}"; do
    echo "== numeric suites with AUTOSCALE_INSTRUCTION_SET=$build"
    if [ "$build" = haswell ] && [ -z "${OPENBLAS_CORETYPE:-}" ]; then
        AUTOSCALE_INSTRUCTION_SET=$build OPENBLAS_CORETYPE=Haswell swift test --skip-build "${selection[@]}"
    else
        AUTOSCALE_INSTRUCTION_SET=$build swift test --skip-build "${selection[@]}"
    fi
done
