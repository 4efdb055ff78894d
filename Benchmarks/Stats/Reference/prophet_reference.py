"""Prophet (daily + weekly) on train + validation of each series (EVALUATION.md), for
side-by-side comparison with `bench-stats nab prophet`: per-series MAE, fit time, MAP
parameters and the value of the negative log posterior (same constants dropped as in
Sources/Forecasting/Prophet/ProphetObjective.swift).

Run from the package root:  python Benchmarks/Stats/Reference/prophet_reference.py nab
"""
import json
import logging
import sys
import time

import numpy as np
import pandas as pd
from prophet import Prophet
from protocol import dev_series

logging.getLogger("cmdstanpy").setLevel(logging.WARNING)
logging.getLogger("prophet").setLevel(logging.WARNING)
which = sys.argv[1] if len(sys.argv) > 1 else "nab"
dump = len(sys.argv) > 2

print("series\tMAE5\tMAE15\tMAE30\tfit_s\tfit_cpu_s\tobjective\tsigma\tk\tm")
for series in dev_series(which):
    s, n, n_train, n_val = series.s, series.n, series.n_train, series.n_val
    ts = pd.to_datetime(series.start + series.interval * np.arange(n), unit="s")
    hist = pd.DataFrame({"ds": ts[: n_train + n_val], "y": s[: n_train + n_val]})
    m = Prophet(daily_seasonality=True, weekly_seasonality=True, yearly_seasonality=False)
    start, cpu = time.perf_counter(), time.process_time()
    m.fit(hist)
    fit_s, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    fc = m.predict(pd.DataFrame({"ds": ts})).yhat.to_numpy()
    maes = []
    for h in (1, 3, 6):
        origins = np.arange(n_train + n_val, n - h)
        maes.append(float(np.mean(np.abs(s[origins + h] - fc[origins + h]))))
    p = {k: np.asarray(v).ravel() for k, v in m.params.items()}
    # Negative log posterior in prophet's scaled units (see ProphetObjective.swift).
    X = m.make_all_seasonality_features(m.setup_dataframe(hist.copy()))[0].to_numpy()
    dfs = m.setup_dataframe(hist.copy())
    tt = dfs["t"].to_numpy(); y = dfs["y_scaled"].to_numpy()
    cps = m.changepoints_t
    trend = p["k"][0] * tt + p["m"][0] + sum(p["delta"][j] * np.maximum(tt - cps[j], 0) for j in range(len(cps)))
    yhat = trend + X @ p["beta"]
    sig = p["sigma_obs"][0]
    obj = (np.sum((y - yhat) ** 2) / (2 * sig**2) + len(y) * np.log(sig) + p["k"][0] ** 2 / 50 + p["m"][0] ** 2 / 50
           + np.sum(np.abs(p["delta"])) / 0.05 + sig**2 / 0.5 + np.sum(p["beta"] ** 2) / 200)
    name = series.name
    print(f"{name}\t{maes[0]:.6f}\t{maes[1]:.6f}\t{maes[2]:.6f}\t{fit_s:.3f}\t{fit_cpu:.3f}\t{obj:.6f}\t{sig:.6f}\t{p['k'][0]:.6f}\t{p['m'][0]:.6f}", flush=True)
    if dump:
        json.dump({k: v.tolist() for k, v in p.items()} | {"changepoints_t": list(cps), "y_scale": float(m.y_scale)},
                  open(f"/tmp/pr/{name}.json", "w"))
