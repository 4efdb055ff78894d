"""Reference values for the Swift Prophet-style logistic-growth tests, produced once with prophet.

Run:  python make_prophet_logistic_reference.py > prophet_logistic_reference.json
(pip install prophet numpy pandas; versions are written into the output.)

A 5-minute series over 10 days saturating towards a capacity that rises from 22 to 23
(one cap value per timestamp, history and future: prophet's `cap` column), with daily and
weekly cycles and Gaussian noise (numpy seed fixed; the values are written out too).
growth='logistic', 25 changepoints, prior scales 0.05 / 10 (prophet's defaults).
"""
import json
import logging

import numpy as np
import pandas as pd
import prophet
from prophet import Prophet

logging.getLogger("cmdstanpy").setLevel(logging.WARNING)
logging.getLogger("prophet").setLevel(logging.WARNING)

rng = np.random.RandomState(11)
n, steps = 2880, 12
start = pd.Timestamp("2024-01-01 00:00:00")
ds = start + pd.to_timedelta(300 * np.arange(n + steps), unit="s")
days = np.arange(n + steps) * 300 / 86400.0
cap = 22 + 0.1 * days
level = 20 / (1 + np.exp(-0.9 * (days - 4)))
y_all = level + 1.2 * np.sin(2 * np.pi * days) + 0.4 * np.sin(2 * np.pi * days / 7) + rng.normal(0, 0.4, n + steps)
y = y_all[:n]

hist = pd.DataFrame({"ds": ds[:n], "y": y, "cap": cap[:n]})
m = Prophet(growth="logistic", daily_seasonality=True, weekly_seasonality=True, yearly_seasonality=False)
m.fit(hist)
future = pd.DataFrame({"ds": ds[n:], "cap": cap[n:]})
fc = m.predict(future)
p = {k: np.asarray(v).ravel() for k, v in m.params.items()}

dfs = m.setup_dataframe(hist.copy())
X = m.make_all_seasonality_features(dfs)[0].to_numpy()
t = dfs["t"].to_numpy(); ys = dfs["y_scaled"].to_numpy(); cs = dfs["cap_scaled"].to_numpy(); cps = m.changepoints_t
trend = m.piecewise_logistic(t, cs, p["delta"], p["k"][0], p["m"][0], cps)
yhat = trend + X @ p["beta"]
sig = p["sigma_obs"][0]
objective = (np.sum((ys - yhat) ** 2) / (2 * sig**2) + len(ys) * np.log(sig) + p["k"][0] ** 2 / 50 + p["m"][0] ** 2 / 50
             + np.sum(np.abs(p["delta"])) / 0.05 + sig**2 / 0.5 + np.sum(p["beta"] ** 2) / 200)
k0, m0 = Prophet.logistic_growth_init(dfs)

print(json.dumps({
    "generator": "make_prophet_logistic_reference.py",
    "prophet": prophet.__version__,
    "numpy": np.__version__,
    "start_epoch_seconds": float((start - pd.Timestamp("1970-01-01")).total_seconds()),
    "interval_seconds": 300.0,
    "series": [float(v) for v in y],
    "cap": [float(v) for v in cap],
    "seasonality_columns": [str(c) for c in m.make_all_seasonality_features(dfs)[0].columns],
    "changepoints_t": [float(v) for v in cps],
    "y_scale": float(m.y_scale),
    "init_k": float(k0), "init_m": float(m0),
    "k": float(p["k"][0]), "m": float(p["m"][0]),
    "delta": [float(v) for v in p["delta"]],
    "beta": [float(v) for v in p["beta"]],
    "sigma_obs": float(sig),
    "objective": float(objective),
    "trend_at_history": [float(v) for v in trend[::240]],
    "forecast": [float(v) for v in fc["yhat"]],
    "forecast_trend": [float(v) for v in fc["trend"]],
}, indent=1))
