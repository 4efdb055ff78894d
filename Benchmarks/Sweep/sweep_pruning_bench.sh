#!/bin/sh
# Sweep early stopping (Benchmarks/README.md, "Sweep early stopping"): cpu-sweep-reduced.yaml
# (ASHA pruning) and cpu-sweep-reduced-no-pruning.yaml with the same --set values, each on a
# fresh registry and cache in a temporary folder, one after the other; prints per sweep the
# trials by status, the total epochs (sum of the summary's epochs), the best complete trial's
# objective (the stage's product) and the best objective of any trial, then the ratios.
# Usage: Benchmarks/Sweep/sweep_pruning_bench.sh [--set max_epochs=30 ...]   (after
#   swift build -c release --product autoscale)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
autoscale=${AUTOSCALE:-$here/../../.build/release/autoscale}
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
for variant in cpu-sweep-reduced cpu-sweep-reduced-no-pruning; do
    mkdir -p "$folder/$variant"
    echo "$variant: load average before $(cut -d' ' -f1-3 /proc/loadavg)"
    "$autoscale" pipeline run "$here/$variant.yaml" "$@" --jobs 2 \
        --db "$folder/$variant/registry.sqlite" --json > "$folder/$variant/report.json"
    echo "$variant: load average after $(cut -d' ' -f1-3 /proc/loadavg)"
done
python3 - "$folder/cpu-sweep-reduced/report.json" "$folder/cpu-sweep-reduced-no-pruning/report.json" <<'PY'
import json, sys
rows = []
for path in sys.argv[1:]:
    report = json.load(open(path))
    sweep = report["sweeps"][0]
    trials = sweep["trials"]
    train = next(s for s in report["stages"] if s["id"] == "train")
    states = {}
    for t in trials:
        states[t["status"]] = states.get(t["status"], 0) + 1
    epochs = sum(t["epochs"] or 0 for t in trials)
    best = min(t["objective"] for t in trials if t["status"] == "complete")
    any_best = min(t["objective"] for t in trials if t["objective"] is not None)
    rows.append((report["pipeline"], len(trials), states, epochs, best, sweep["bestTrial"], any_best, train["seconds"]))
    print("%s: %d trials %s, total epochs %d, best complete objective %.6f (trial %d), best of any trial %.6f, train stage %.1f s"
          % rows[-1])
(p, u) = rows
print("epochs pruned / unpruned: %.1f %%; best complete objective pruned vs unpruned: %+.2f %%"
      % (100 * p[3] / u[3], 100 * (p[4] - u[4]) / u[4]))
PY
