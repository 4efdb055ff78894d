"""Per-series MAE of statsmodels ARIMA(1,1,1) through EVALUATION.md, for comparing with
`swift run -c release bench-stats azure naive arima`.

Run from the package root:  python Benchmarks/Stats/Reference/statsmodels_arima.py azure > /tmp/sm_azure.tsv
"""
import glob
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.arima.model import ARIMA

warnings.simplefilter("ignore")
which = sys.argv[1] if len(sys.argv) > 1 else "nab"
folder, column = ("../shared/data/real/nab", "value") if which == "nab" else ("../shared/data/real/azure_v1_vms", "avg_cpu")

print("series\tMAE5\tMAE15\tMAE30\tfit_s\tar\tma")
for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
    df = pd.read_csv(path)
    t = df["timestamp"]
    t = t.astype(float) if pd.api.types.is_numeric_dtype(t) else (pd.to_datetime(t) - pd.Timestamp("1970-01-01")).dt.total_seconds()
    t = t.to_numpy(); v = df[column].to_numpy(float)
    d = np.median(np.diff(t))
    n = int(round((t[-1] - t[0]) / d)) + 1
    grid = np.full(n, np.nan)
    for ti, vi in zip(t, v):
        grid[int(round((ti - t[0]) / d))] = vi
    grid = pd.Series(grid).ffill().to_numpy()
    n_train = int(np.floor(0.7 * n)); n_val = int(np.floor(0.15 * n))
    lo, hi = grid[:n_train].min(), grid[:n_train].max()
    s = (grid - lo) / (hi - lo if hi > lo else 1)
    test_start = n_train + n_val
    start = time.perf_counter()
    res = ARIMA(s[:test_start], order=(1, 1, 1)).fit()
    fit_s = time.perf_counter() - start
    full = res.apply(s)
    fr = full.filter_results
    Z = fr.design[:, :, 0]
    T = fr.transition[:, :, 0]
    maes = []
    for h in (1, 3, 6):
        origins = np.arange(test_start, n - h)
        # a_{o+1|o} is predicted_state[:, o + 1]; ŷ_{o+h} = Z T^{h-1} a_{o+1|o}.
        A = fr.predicted_state[:, origins + 1]
        f = (Z @ np.linalg.matrix_power(T, h - 1) @ A).ravel()
        maes.append(float(np.mean(np.abs(s[origins + h] - f))))
    name = os.path.splitext(os.path.basename(path))[0]
    print(f"{name}\t{maes[0]:.6f}\t{maes[1]:.6f}\t{maes[2]:.6f}\t{fit_s:.3f}\t{res.params[0]:.6f}\t{res.params[1]:.6f}", flush=True)
