#!/usr/bin/env python3
"""Reference implementation of EVALUATION.md (version 1) for the naive and seasonal-naive
models, written independently of the Swift code with numpy, step for step.

Run once from the package root to regenerate the committed expectations:

    python3 Tests/ForecastingTests/Reference/evaluation_reference.py

It writes
  Tests/ForecastingTests/Fixtures/protocol_series.csv   a small synthetic series with a gap,
                                                         duplicate timestamps and jitter
  Tests/ForecastingTests/Fixtures/protocol_expected.json  naive/snaive results on that
                                                         series and on ../shared/data/real/nab
                                                         (when present)
Numbers are written with repr() (17 significant digits).
"""
import csv
import datetime as dt
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Fixtures")
PACKAGE_ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
NAB = os.path.join(PACKAGE_ROOT, "..", "shared", "data", "real", "nab")


def parse_time(text):
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        pass
    d = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.timezone.utc)
    return d.timestamp()


def read_series(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    ti, vi = header.index("timestamp"), header.index("value")
    return np.array([parse_time(r[ti]) for r in body]), np.array([float(r[vi]) for r in body])


def grid(t, v):
    d = float(np.median(np.diff(t)))
    n = int(np.round((t[-1] - t[0]) / d)) + 1
    idx = np.round((t - t[0]) / d).astype(int)
    values = np.full(n, np.nan)
    seen = np.zeros(n, dtype=bool)
    collapsed = 0
    for k, x in zip(idx, v):  # file order: the last one wins
        if seen[k]:
            collapsed += 1
        seen[k] = True
        values[k] = x
    filled = 0
    for k in range(1, n):
        if not seen[k]:
            values[k] = values[k - 1]
            filled += 1
    return d, values, collapsed, filled


def evaluate(name, t, v, model, minutes=(5, 15, 30)):
    d, x, collapsed, filled = grid(t, v)
    n = len(x)
    n_train = math.floor(0.70 * n)
    n_val = math.floor(0.15 * n)
    n_test = n - n_train - n_val
    lo, hi = x[:n_train].min(), x[:n_train].max()
    div = hi - lo if hi > lo else 1.0
    s = (x - lo) / div
    scale = np.mean(np.abs(np.diff(s[:n_train])))
    m = int(round(86400 / d))
    out = {"series": name, "interval_seconds": d, "n": n, "filled": filled, "collapsed": collapsed,
           "n_train": n_train, "n_val": n_val, "n_test": n_test, "model": model, "horizons": {}}
    test_start = n_train + n_val
    for mins in minutes:
        h = int(round(mins * 60 / d))
        origins = np.arange(test_start, n - h)
        y = s[origins + h]
        f = s[origins] if model == "naive" else s[origins + h - m]
        err = y - f
        yo, fo = y * div + lo, f * div + lo
        den = np.abs(yo) + np.abs(fo)
        smape_terms = np.where(den == 0, 0.0, 2 * np.abs(yo - fo) / np.where(den == 0, 1, den))
        sst = np.sum((y - y.mean()) ** 2)
        out["horizons"][str(mins)] = {
            "steps": h, "origins": int(len(origins)),
            "mae": float(np.mean(np.abs(err))), "rmse": float(np.sqrt(np.mean(err ** 2))),
            "smape": float(100 * np.mean(smape_terms)),
            "mase": float(np.mean(np.abs(err)) / scale),
            "r2": float(1 - np.sum(err ** 2) / sst) if sst > 0 else None,
        }
    return out


def synthetic_series():
    """Two and a half days at 5 minutes: daily cycle, noise, one 15-minute gap, three
    duplicated timestamps, and +-20 s jitter that rounds to the grid."""
    rng = np.random.default_rng(20261129)
    start = 1_700_000_000.0
    t, v = [], []
    for k in range(720):
        if k in (300, 301):  # a gap of two samples
            continue
        jitter = float(rng.integers(-20, 21))
        value = 50 + 20 * math.sin(2 * math.pi * k / 288) + float(rng.normal(0, 3))
        t.append(start + 300 * k + jitter)
        v.append(float(round(value, 6)))
        if k in (100, 400, 500):  # a duplicate: same timestamp, another value
            t.append(start + 300 * k + jitter)
            v.append(float(round(value + 5, 6)))
    return np.array(t), np.array(v)


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    t, v = synthetic_series()
    path = os.path.join(FIXTURES, "protocol_series.csv")
    with open(path, "w") as f:
        f.write("timestamp,value\n")
        for a, b in zip(t, v):
            f.write(f"{int(a)},{float(b)!r}\n")
    t, v = read_series(path)
    results = {"synthetic": {m: evaluate("protocol_series", t, v, m) for m in ("naive", "snaive")}, "nab": {}}
    if os.path.isdir(NAB):
        for file in sorted(os.listdir(NAB)):
            if file.endswith(".csv"):
                t, v = read_series(os.path.join(NAB, file))
                name = file[:-4]
                results["nab"][name] = {m: evaluate(name, t, v, m) for m in ("naive", "snaive")}
    else:
        print(f"note: {NAB} not found; NAB expectations not written", file=sys.stderr)
    with open(os.path.join(FIXTURES, "protocol_expected.json"), "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
