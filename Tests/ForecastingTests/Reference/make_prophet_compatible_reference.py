"""Reference for the prophet-compatible fit (ProphetFitProcedure.prophetCompatible): what
prophet's CmdStan optimiser does, step by step, on two simulated series.

Run:  python make_prophet_compatible_reference.py > prophet_compatible_reference.json
(pip install prophet numpy pandas; versions are written into the output.)

Cases (5-minute grid, daily + weekly seasonality, prophet's defaults otherwise):
  "lbfgs":  the 10-day series of make_prophet_reference.py (2880 points: L-BFGS);
  "newton": its first 96 points (T < 100: prophet asks CmdStan for Newton).
For each: the series, prophet's start (linear_growth_init), CmdStan's per-iteration log
density (refresh=1, printed to 6 significant digits) and termination message, the
parameters at 17 significant digits (sig_figs=17) and the next-hour forecast yhat.
"""
import contextlib
import io
import json
import logging
import re

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


def case(count):
    hist = pd.DataFrame({"ds": ds[:count], "y": y[:count]})
    m = Prophet(daily_seasonality=True, weekly_seasonality=True, yearly_seasonality=False)
    console = io.StringIO()
    with contextlib.redirect_stdout(console):
        m.fit(hist, show_console=True, refresh=1, sig_figs=17)
    text = console.getvalue()
    # L-BFGS rows: "<iter> <log prob> <||dx||> <||grad||> <alpha> <alpha0> <# evals> [notes]";
    # Newton rows: "Iteration  n. Log joint probability = lp. Improved by d."
    lbfgs = [float(g) for g in re.findall(r"^\s*(?:Chain \[1\])?\s+\d+\s+(-?[\d.e+-]+)\s+[\d.e+-]+\s+[\d.e+-]+\s+[\d.e+-]+\s+[\d.e+-]+\s+\d+", text, re.M)]
    newton = [float(g) for g in re.findall(r"Log joint probability =\s*(-?[\d.e+-]+)\. Improved", text)]
    ending = re.findall(r"(Convergence detected: [^\n]*|Maximum number of iterations[^\n]*|Line search failed[^\n]*)", text)
    future = pd.DataFrame({"ds": start + pd.to_timedelta(300 * np.arange(count, count + 12), unit="s")})
    fc = m.predict(future)
    p = {k: np.asarray(v).ravel() for k, v in m.params.items()}
    init = m.linear_growth_init(m.setup_dataframe(hist.copy()))
    return {
        "count": count,
        "seasonality_columns": [str(c) for c in m.make_all_seasonality_features(m.setup_dataframe(hist.copy()))[0].columns],
        "init_k": float(init[0]), "init_m": float(init[1]),
        "log_density_per_iteration": lbfgs if count >= 100 else newton,
        "termination": ending[0] if ending else "",
        "k": float(p["k"][0]), "m": float(p["m"][0]),
        "delta": [float(v) for v in p["delta"]],
        "beta": [float(v) for v in p["beta"]],
        "sigma_obs": float(p["sigma_obs"][0]),
        "forecast": [float(v) for v in fc["yhat"]],
    }


print(json.dumps({
    "generator": "make_prophet_compatible_reference.py",
    "prophet": prophet.__version__,
    "numpy": np.__version__,
    "start_epoch_seconds": float((start - pd.Timestamp("1970-01-01")).total_seconds()),
    "interval_seconds": 300.0,
    "series": [float(v) for v in y],
    "lbfgs": case(n),
    "newton": case(96),
}, indent=1))
