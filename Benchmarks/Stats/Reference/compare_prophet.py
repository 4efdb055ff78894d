"""Per-series comparison of the Prophet-style model with Prophet: how many series have
MAE within 3 % of Prophet's at every horizon, and the fit wall-time ratio Prophet / ours.

    python Benchmarks/Stats/Reference/prophet_reference.py azure > /tmp/prophet_azure.tsv
    swift run -c release bench-stats azure prophet prophet:map > /tmp/ours_azure.tsv
    python Benchmarks/Stats/Reference/compare_prophet.py /tmp/prophet_azure.tsv /tmp/ours_azure.tsv

Reads the tab-separated outputs of prophet_reference.py and bench-stats; prints, for every
Prophet-style model in the bench output, the per-series MAE ratios ours / Prophet and the
summary counts.
"""
import statistics
import sys


def rows(path):
    with open(path) as f:
        lines = [l.rstrip("\n").split("\t") for l in f if "\t" in l]
    header, body = lines[0], lines[1:]
    return [dict(zip(header, r)) for r in body if len(r) >= len(header) - 1]


prophet = {r["series"]: r for r in rows(sys.argv[1])}
ours = [r for r in rows(sys.argv[2]) if r.get("model", "").startswith("prophet") and r["model"] in ("prophet", "prophet:map")]
for model in sorted({r["model"] for r in ours}):
    within, ratios, speed = 0, [], []
    print(f"\n{model}: series, MAE ours / Prophet at 5 / 15 / 30 min, fit wall Prophet / ours")
    for r in (r for r in ours if r["model"] == model):
        p = prophet.get(r["series"])
        if p is None:
            continue
        ratio = [float(r[h]) / float(p[h]) for h in ("MAE5", "MAE15", "MAE30")]
        ok = all(abs(x - 1) <= 0.03 for x in ratio)
        within += ok
        ratios.append(ratio[0])
        speed.append(float(p["fit_s"]) / float(r["fit_s"]))
        print(f"  {r['series']:32s} {' '.join(f'{x:.4f}' for x in ratio)}  {'ok ' if ok else 'OUT'}  {speed[-1]:.0f}x")
    print(f"{model}: {within}/{len(ratios)} series within 3 % at every horizon; "
          f"median MAE ratio {statistics.median(ratios):.4f}; fit ratio median {statistics.median(speed):.0f}x, min {min(speed):.0f}x")
