"""Fit time of statsforecast's AutoARIMA (non-seasonal, defaults) on train + validation of
each series, protocol as EVALUATION.md, for side-by-side ratios with bench-stats.

Run from the package root:  python Benchmarks/Stats/Reference/statsforecast_autoarima_fit.py nab
"""
import glob
import os
import sys
import time

import numpy as np
import pandas as pd
from statsforecast.models import AutoARIMA

which = sys.argv[1] if len(sys.argv) > 1 else "nab"
folder, column = ("../shared/data/real/nab", "value") if which == "nab" else ("../shared/data/real/azure_v1_vms", "avg_cpu")
AutoARIMA().fit(np.sin(np.arange(300) / 7.0) + np.random.RandomState(0).normal(size=300))  # JIT warm-up

print("series\tfit_s\tfit_cpu_s\tmodel")
for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
    df = pd.read_csv(path)
    t = df["timestamp"]
    t = t.astype(float) if pd.api.types.is_numeric_dtype(t) else (pd.to_datetime(t) - pd.Timestamp("1970-01-01")).dt.total_seconds()
    t = t.to_numpy(); v = df[column].to_numpy(float)
    d = np.median(np.diff(t)); n = int(round((t[-1] - t[0]) / d)) + 1
    grid = np.full(n, np.nan)
    for ti, vi in zip(t, v):
        grid[int(round((ti - t[0]) / d))] = vi
    grid = pd.Series(grid).ffill().to_numpy()
    n_train = int(np.floor(0.7 * n)); n_val = int(np.floor(0.15 * n))
    lo, hi = grid[:n_train].min(), grid[:n_train].max()
    s = (grid - lo) / (hi - lo if hi > lo else 1)
    start, cpu = time.perf_counter(), time.process_time()
    m = AutoARIMA().fit(s[: n_train + n_val])
    fit_s, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    arma = m.model_["arma"]
    print(f"{os.path.splitext(os.path.basename(path))[0]}\t{fit_s:.3f}\t{fit_cpu:.3f}\tARIMA({arma[0]},{arma[5]},{arma[1]})", flush=True)
