"""Reference values for the Swift AutoARIMA tests: KPSS statistics (statsmodels, level
stationarity, lags ⌊3√n/13⌋ as forecast::ndiffs) and the order statsforecast's AutoARIMA
chooses, on the series of arima_reference.json.

Run:  python make_autoarima_reference.py > autoarima_reference.json
"""
import json
import warnings

import numpy as np
import statsforecast
import statsmodels
from statsforecast.arima import ndiffs
from statsforecast.models import AutoARIMA
from statsmodels.tsa.stattools import kpss

warnings.simplefilter("ignore")
cases = json.load(open("arima_reference.json"))["cases"]
out = []
for c in cases:
    y = np.asarray(c["series"], dtype=float)
    lags = int(3 * np.sqrt(len(y)) / 13)
    stat = kpss(y, regression="c", nlags=lags)[0]
    dy = np.diff(y)
    stat_d = kpss(dy, regression="c", nlags=int(3 * np.sqrt(len(dy)) / 13))[0]
    model = AutoARIMA(season_length=1).fit(y)
    arma = model.model_["arma"]
    out.append({
        "name": c["name"],
        "kpss": float(stat), "kpss_lags": lags,
        "kpss_diff": float(stat_d),
        "ndiffs": int(ndiffs(y, alpha=0.05, test="kpss", max_d=2)),
        "order": [int(arma[0]), int(arma[5]), int(arma[1])],
        "aicc": float(model.model_["aicc"]),
    })
print(json.dumps({"generator": "make_autoarima_reference.py", "statsmodels": statsmodels.__version__,
                  "statsforecast": statsforecast.__version__, "cases": out}, indent=1))
