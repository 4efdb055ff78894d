"""Reference values for the Swift Prophet-style tests, produced once with prophet.

Run:  python make_prophet_reference.py > prophet_reference.json
(pip install prophet numpy pandas; versions are written into the output.)

A 5-minute series over 10 days: linear trend with a slope change on day 6, daily and
weekly cycles, Gaussian noise (numpy seed fixed; the values are written out too).
"""
import json
import logging

import numpy as np
import pandas as pd
import prophet
from prophet import Prophet

logging.getLogger("cmdstanpy").setLevel(logging.WARNING)
logging.getLogger("prophet").setLevel(logging.WARNING)

rng = np.random.RandomState(7)
n = 2880
start = pd.Timestamp("2024-01-01 00:00:00")
ds = start + pd.to_timedelta(300 * np.arange(n), unit="s")
days = np.arange(n) * 300 / 86400.0
trend = 10 + 0.3 * days + np.where(days > 6, -0.8 * (days - 6), 0.0)
y = trend + 1.5 * np.sin(2 * np.pi * days) + 0.5 * np.cos(4 * np.pi * days) + 0.7 * np.sin(2 * np.pi * days / 7) + rng.normal(0, 0.4, n)

hist = pd.DataFrame({"ds": ds, "y": y})
m = Prophet(daily_seasonality=True, weekly_seasonality=True, yearly_seasonality=False)
m.fit(hist)
future = pd.DataFrame({"ds": start + pd.to_timedelta(300 * np.arange(n, n + 12), unit="s")})
fc = m.predict(future)
p = {k: np.asarray(v).ravel() for k, v in m.params.items()}

dfs = m.setup_dataframe(hist.copy())
X = m.make_all_seasonality_features(dfs)[0].to_numpy()
t = dfs["t"].to_numpy(); ys = dfs["y_scaled"].to_numpy(); cps = m.changepoints_t
yhat = p["k"][0] * t + p["m"][0] + sum(p["delta"][j] * np.maximum(t - cps[j], 0) for j in range(len(cps))) + X @ p["beta"]
sig = p["sigma_obs"][0]
objective = (np.sum((ys - yhat) ** 2) / (2 * sig**2) + len(ys) * np.log(sig) + p["k"][0] ** 2 / 50 + p["m"][0] ** 2 / 50
             + np.sum(np.abs(p["delta"])) / 0.05 + sig**2 / 0.5 + np.sum(p["beta"] ** 2) / 200)

print(json.dumps({
    "generator": "make_prophet_reference.py",
    "prophet": prophet.__version__,
    "numpy": np.__version__,
    "start_epoch_seconds": float((start - pd.Timestamp("1970-01-01")).total_seconds()),
    "interval_seconds": 300.0,
    "series": [float(v) for v in y],
    "seasonality_columns": [str(c) for c in m.make_all_seasonality_features(dfs)[0].columns],
    "changepoints_t": [float(v) for v in cps],
    "y_scale": float(m.y_scale),
    "k": float(p["k"][0]), "m": float(p["m"][0]),
    "delta": [float(v) for v in p["delta"]],
    "beta": [float(v) for v in p["beta"]],
    "sigma_obs": float(sig),
    "objective": float(objective),
    "forecast": [float(v) for v in fc["yhat"]],
    "lower80": [float(v) for v in fc["yhat_lower"]],
    "upper80": [float(v) for v in fc["yhat_upper"]],
}, indent=1))
