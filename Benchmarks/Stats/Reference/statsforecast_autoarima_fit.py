"""Fit time of statsforecast's AutoARIMA (non-seasonal, defaults) on train + validation of
each series, protocol as EVALUATION.md, for side-by-side ratios with bench-stats.

Run from the package root:  python Benchmarks/Stats/Reference/statsforecast_autoarima_fit.py nab
"""
import sys
import time

import numpy as np
from statsforecast.models import AutoARIMA
from protocol import dev_series

which = sys.argv[1] if len(sys.argv) > 1 else "nab"
AutoARIMA().fit(np.sin(np.arange(300) / 7.0) + np.random.RandomState(0).normal(size=300))  # JIT warm-up

print("series\tfit_s\tfit_cpu_s\tmodel")
for series in dev_series(which):
    start, cpu = time.perf_counter(), time.process_time()
    m = AutoARIMA().fit(series.s[: series.test_start])
    fit_s, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    arma = m.model_["arma"]
    print(f"{series.name}\t{fit_s:.3f}\t{fit_cpu:.3f}\tARIMA({arma[0]},{arma[5]},{arma[1]})", flush=True)
