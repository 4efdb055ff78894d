#!/bin/sh
# Sweep workers (Benchmarks/README.md, "Sweep workers"): Benchmarks/Sweep/arima-workers.yaml
# with --workers 1, then --workers 2, each on a fresh registry and cache in a temporary folder;
# prints the load average, the train stage's seconds and trials per minute, and the CPU the
# processes got (user + system of the pipeline process and its worker children, over the wall time).
# Usage: Benchmarks/Sweep/sweep_workers_bench.sh [--set days=N ...]   (after
#   swift build -c release --product autoscale)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
autoscale=${AUTOSCALE:-$here/../../.build/release/autoscale}
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
for workers in 1 2; do
    mkdir -p "$folder/w$workers"
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -f "%U %S" -o "$folder/w$workers/cpu" \
        "$autoscale" pipeline run "$here/arima-workers.yaml" "$@" --workers "$workers" --jobs 2 \
        --db "$folder/w$workers/registry.sqlite" --json > "$folder/w$workers/report.json"
    load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    python3 - "$folder/w$workers/report.json" "$workers" "$load_before" "$load_after" "$folder/w$workers/cpu" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
user, system = (float(x) for x in open(sys.argv[5]).read().split()[-2:])
train = next(s for s in report["stages"] if s["id"] == "train")
sweep = report["sweeps"][0]
trials = [t for t in sweep["trials"] if t["status"] == "complete"]
busy = sum(t["seconds"] or 0 for t in sweep["trials"])
print("workers %s: %d complete trials in %.2f s (train stage) = %.1f trials/min; sum of trial seconds %.2f; "
      "CPU %.1f s (user + system, all workers) over %.1f s wall = %.2f cores; load %s -> %s"
      % (sys.argv[2], len(trials), train["seconds"], 60 * len(trials) / train["seconds"], busy,
         user + system, report["seconds"], (user + system) / report["seconds"], sys.argv[3], sys.argv[4]))
PY
done
