"""Per-series MAE of statsmodels ARIMA(1,1,1) through EVALUATION.md, for comparing with
`swift run -c release bench-stats azure naive arima`.

Run from the package root:  python Benchmarks/Stats/Reference/statsmodels_arima.py azure > /tmp/sm_azure.tsv
"""
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.arima.model import ARIMA
from protocol import dev_series

warnings.simplefilter("ignore")
which = sys.argv[1] if len(sys.argv) > 1 else "nab"

print("series\tMAE5\tMAE15\tMAE30\tfit_s\tar\tma")
for series in dev_series(which):
    s, n, n_train, n_val = series.s, series.n, series.n_train, series.n_val
    test_start = series.test_start
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
    name = series.name
    print(f"{name}\t{maes[0]:.6f}\t{maes[1]:.6f}\t{maes[2]:.6f}\t{fit_s:.3f}\t{res.params[0]:.6f}\t{res.params[1]:.6f}", flush=True)
