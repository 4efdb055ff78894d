"""Reference values for the Swift ARIMA tests, produced once with statsmodels.

Run:  python make_arima_reference.py > arima_reference.json
(pip install numpy statsmodels; the versions used are written into the output.)

Series are simulated from fixed seeds with plain numpy so that anyone can re-create
them; the values themselves are also written into the JSON so the Swift tests do not
depend on numpy's generator.
"""
import json
import warnings

import numpy as np
import statsmodels
from statsmodels.tsa.arima.model import ARIMA

warnings.simplefilter("ignore")


def simulate_arma(rng, n, ar, ma, sigma=1.0, burn=100):
    """x_t = sum ar_i x_{t-i} + e_t + sum ma_j e_{t-j}."""
    e = rng.normal(0.0, sigma, n + burn)
    x = np.zeros(n + burn)
    for t in range(n + burn):
        acc = e[t]
        for i, a in enumerate(ar, 1):
            if t - i >= 0:
                acc += a * x[t - i]
        for j, m in enumerate(ma, 1):
            if t - j >= 0:
                acc += m * e[t - j]
        x[t] = acc
    return x[burn:]


def case(name, y, order, seasonal_order=(0, 0, 0, 0), trend="n", fixed_params=()):
    mod = ARIMA(y, order=order, seasonal_order=seasonal_order, trend=trend)
    res = mod.fit()
    fc = res.get_forecast(12)
    ci80 = fc.conf_int(alpha=0.2)
    ci95 = fc.conf_int(alpha=0.05)
    out = {
        "name": name,
        "order": list(order),
        "seasonal_order": list(seasonal_order),
        "trend": trend,
        "param_names": list(mod.param_names),
        "params": [float(v) for v in res.params],
        "llf": float(res.llf),
        "aic": float(res.aic),
        "aicc": float(res.aicc),
        "forecast": [float(v) for v in fc.predicted_mean],
        "lower80": [float(v) for v in ci80[:, 0]],
        "upper80": [float(v) for v in ci80[:, 1]],
        "lower95": [float(v) for v in ci95[:, 0]],
        "upper95": [float(v) for v in ci95[:, 1]],
        "loglike_at": [
            {"params": list(p), "llf": float(mod.loglike(np.array(p)))} for p in fixed_params
        ],
        "series": [float(v) for v in y],
    }
    return out


rng = np.random.RandomState(20261129)
arima111 = np.cumsum(simulate_arma(rng, 200, [0.6], [-0.3])) * 0.1 + 5.0
arma21 = simulate_arma(rng, 150, [0.5, -0.3], [0.4], sigma=0.5) + 2.0
seasonal = simulate_arma(rng, 160, [0.5], [], sigma=0.3)
season = np.tile([0.0, 1.0, 0.5, -1.0], 40)
seasonal_level = np.cumsum(np.concatenate([np.zeros(4), seasonal[4:] * 0.2])) * 0 + seasonal + season * 2

cases = [
    case("arima111", arima111, (1, 1, 1),
         fixed_params=[(0.5, -0.2, 0.01), (-0.3, 0.4, 0.02), (0.9, -0.8, 0.005)]),
    case("arma21_mean", arma21, (2, 0, 1), trend="c",
         fixed_params=[(2.0, 0.4, -0.2, 0.3, 0.25), (1.5, 0.1, 0.1, 0.0, 0.4)]),
    case("sarima_101_010_4", seasonal_level, (1, 0, 1), seasonal_order=(0, 1, 0, 4),
         fixed_params=[(0.5, 0.1, 0.09), (0.2, -0.5, 0.2)]),
    case("sarima_100_101_4", seasonal_level, (1, 0, 0), seasonal_order=(1, 0, 1, 4), trend="c",
         fixed_params=[(0.1, 0.4, 0.6, -0.2, 1.5), (0.0, 0.2, 0.9, 0.3, 2.0)]),
]

print(json.dumps({
    "generator": "make_arima_reference.py",
    "statsmodels": statsmodels.__version__,
    "numpy": np.__version__,
    "cases": cases,
}, indent=1))
