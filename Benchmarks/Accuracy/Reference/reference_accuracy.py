"""The reference tools of issue 15 through EVALUATION.md, one series file at a time, for
`bench-accuracy` (Benchmarks/Accuracy) to print beside our models.

Models (names as `--models` takes them):

- `lightgbm`: LightGBM through mlforecast, direct strategy (one regressor per step,
  `max_horizon = h_max`), lags 1-12, 24 and one day (288 at 5 min), rolling mean and std over
  12 steps of lag 1, hour and day of week of the first forecast step, objective `l1`,
  learning rate 0.05, one thread, up to 2,000 rounds with early stopping (50 rounds) on the
  validation part, then refitted on train + validation with that many rounds; fitted twice,
  on the level and on first differences (mlforecast's `Differences([1])`), and the variant with
  the lower validation MAE (mean over the horizons) kept. Intervals: split conformal on the
  validation part (mlforecast's `conformal_error` method, with the validation part as its one
  calibration window): per step i, forecast ± the c-quantile of |validation error at step i|.
- `nhits`: neuralforecast's NHITS, input 48 steps, MAE loss, `scaler_type='robust'`,
  at most 1,000 steps, validation every 50 steps, early stopping after 5 checks without a
  lower validation loss (neuralforecast's defaults otherwise), torch on one thread. Intervals: split conformal as
  for `lightgbm`.
- `autoarima`: statsforecast's AutoARIMA, non-seasonal (season length 1, as our
  `autoarima`), its own Gaussian intervals at 80 % and 95 %.

Protocol (EVALUATION.md §1-§6): grid, 70/15/15 split and min-max scaling on train by
Benchmarks/Stats/Reference/protocol.py; the fit sees s_0 ... s_{n_train+n_val-1} (validation
= its last n_val points); every test origin t in [n_train+n_val, N-1) is forecast h_max steps
from s_0 ... s_t with the fitted parameters (no refit); horizon h is scored on the origins
t < N-h: MAE on scaled values, and coverage = share of targets s_{t+h} inside the interval.

Fit seconds are wall time of the fit (both variants for `lightgbm`); `fit_cpu_seconds` the
process CPU time of the same span (the machine is shared: read both).

Results are cached per (file sha256, column, model, SCRIPT_VERSION) in --cache as JSON.

    python reference_accuracy.py --data ../shared/data/real/nab --column value \
        --models lightgbm,nhits,autoarima --out results.json [--cache DIR] [--refresh]
"""
import argparse
import hashlib
import json
import logging
import os
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Stats", "Reference"))
from protocol import load  # noqa: E402

SCRIPT_VERSION = 1
HORIZON_MINUTES = [5, 15, 30]
LEVELS = [0.8, 0.95]


def horizon_steps(series):
    """Horizon minutes → steps (EVALUATION.md §2)."""
    steps = {}
    for minutes in HORIZON_MINUTES:
        h = minutes * 60 / series.interval
        if abs(h - round(h)) > 1e-9 * h or round(h) < 1:
            raise SystemExit(f"{series.name}: {minutes} min is not a whole number of {series.interval} s steps")
        steps[str(minutes)] = int(round(h))
    return steps


def grid_times(series, count):
    return pd.to_datetime(series.start + np.arange(count) * series.interval, unit="s")


# ---------------------------------------------------------------- scoring (EVALUATION.md §5-§6)

def score(series, paths, lower, upper, first_origin, end):
    """paths, lower, upper: {level: array} of shape (origins, h_max), origin o = first_origin + row,
    forecasting s_{o+1} ... s_{o+h_max}; origins run to end-2. Returns MAE and coverage per horizon."""
    s = series.s
    mae, coverage = {}, {}
    for key, h in horizon_steps(series).items():
        origins = np.arange(first_origin, end - h)
        rows = origins - first_origin
        target = s[origins + h]
        mae[key] = float(np.mean(np.abs(target - paths[rows, h - 1])))
        if lower is not None:
            coverage[key] = {
                str(c): float(np.mean((target >= lower[c][rows, h - 1]) & (target <= upper[c][rows, h - 1])))
                for c in LEVELS
            }
    return mae, coverage


def naive_mae(series):
    s, start, n = series.s, series.test_start, series.n
    return {key: float(np.mean(np.abs(s[start + h: n] - s[start: n - h]))) for key, h in horizon_steps(series).items()}


def conformal(paths_val, series, h_max):
    """Per step i, the c-quantile (rank ⌈(n+1)c⌉) of |s_{o+i} - ŝ| over validation origins
    o in [n_train, n_train+n_val-i). paths_val: (origins, h_max) from origin n_train."""
    s, first, end = series.s, series.n_train, series.test_start
    width = {c: np.zeros(h_max) for c in LEVELS}
    for i in range(1, h_max + 1):
        origins = np.arange(first, end - i)
        errors = np.sort(np.abs(s[origins + i] - paths_val[origins - first, i - 1]))
        for c in LEVELS:
            rank = min(len(errors), int(np.ceil((len(errors) + 1) * c)))
            width[c][i - 1] = errors[rank - 1]
    return width


def symmetric(paths, width):
    return ({c: paths - width[c] for c in LEVELS}, {c: paths + width[c] for c in LEVELS})


# ---------------------------------------------------------------- LightGBM through mlforecast

def lightgbm_variant(series, h_max, differenced):
    import lightgbm as lgb
    from mlforecast import MLForecast
    from mlforecast.lag_transforms import RollingMean, RollingStd
    from mlforecast.target_transforms import Differences

    lags = list(range(1, 13)) + [24, int(round(86400 / series.interval))]
    mlf = MLForecast(
        models=[], freq=f"{int(series.interval)}s", lags=lags,
        lag_transforms={1: [RollingMean(window_size=12), RollingStd(window_size=12)]},
        date_features=["hour", "dayofweek"],
        target_transforms=[Differences([1])] if differenced else None,
    )
    n, fit_end = series.n, series.test_start
    # Features of the whole series are causal: row t reads the (differenced) target up to t-1.
    df = pd.DataFrame({"unique_id": series.name, "ds": grid_times(series, n), "y": series.s})
    frame = mlf.preprocess(df, max_horizon=h_max, dropna=False)
    features = [c for c in frame.columns if c not in ("unique_id", "ds") and not (c.startswith("y") and c[1:].isdigit())]
    X = frame[features].to_numpy(float)
    Y = frame[[f"y{i}" for i in range(h_max)]].to_numpy(float)
    rows = np.arange(n)
    ready = ~np.isnan(X).any(axis=1)
    if differenced:
        ready &= rows >= 1
    boosters, refits = [], []
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(h_max):
        # row t, model i: target of step t + i (s_{t+i} or its difference), origin t - 1.
        train = ready & (rows + i <= series.n_train - 1)
        val = ready & (rows >= series.n_train) & (rows + i <= fit_end - 1)
        model = lgb.LGBMRegressor(objective="l1", n_estimators=2000, learning_rate=0.05, n_jobs=1, verbosity=-1, random_state=0)
        model.fit(X[train], Y[train, i], eval_set=[(X[val], Y[val, i])], eval_metric="l1",
                  callbacks=[lgb.early_stopping(50, verbose=False)])
        boosters.append(model)
        # the same number of rounds refitted on train + validation
        rounds = max(1, int(model.best_iteration_ or model.n_estimators))
        refit = lgb.LGBMRegressor(objective="l1", n_estimators=rounds, learning_rate=0.05, n_jobs=1, verbosity=-1, random_state=0)
        refit.fit(X[train | val], Y[train | val, i])
        refits.append(refit)
    fit_seconds, fit_cpu = time.perf_counter() - start, time.process_time() - cpu

    def paths_from(first_origin, end, models):
        t = np.arange(first_origin + 1, end)  # feature rows of origins first_origin ... end-2
        pred = np.column_stack([m.predict(X[t]) for m in models])  # LightGBM predicts with the best iteration
        if differenced:
            pred = series.s[t - 1][:, None] + np.cumsum(pred, axis=1)
        return pred

    val_paths = paths_from(series.n_train, fit_end, boosters)
    val_mae = np.mean([np.mean(np.abs(series.s[series.n_train + h: fit_end] - val_paths[: fit_end - h - series.n_train, h - 1]))
                       for h in horizon_steps(series).values()])
    return {"fit_seconds": fit_seconds, "fit_cpu_seconds": fit_cpu, "val_mae": float(val_mae), "val_paths": val_paths,
            "test_paths": lambda: paths_from(series.test_start, series.n, refits),
            "rounds": [int(b.best_iteration_ or b.n_estimators) for b in boosters]}


def run_lightgbm(series, h_max):
    variants = {"level": lightgbm_variant(series, h_max, False), "differenced": lightgbm_variant(series, h_max, True)}
    name = min(variants, key=lambda k: variants[k]["val_mae"])
    chosen = variants[name]
    paths = chosen["test_paths"]()
    lower, upper = symmetric(paths, conformal(chosen["val_paths"], series, h_max))
    return {
        "fit_seconds": sum(v["fit_seconds"] for v in variants.values()),
        "fit_cpu_seconds": sum(v["fit_cpu_seconds"] for v in variants.values()),
        "paths": paths, "lower": lower, "upper": upper,
        "details": {"target": name, "val_mae": {k: v["val_mae"] for k, v in variants.items()},
                    "rounds": chosen["rounds"], "intervals": "split conformal on validation"},
    }


# ---------------------------------------------------------------- N-HiTS through neuralforecast

def run_nhits(series, h_max):
    logging.getLogger("pytorch_lightning").setLevel(logging.ERROR)
    logging.getLogger("lightning").setLevel(logging.ERROR)
    logging.getLogger("lightning.pytorch").setLevel(logging.ERROR)
    from neuralforecast import NeuralForecast
    from neuralforecast.losses.pytorch import MAE
    from neuralforecast.models import NHITS

    freq = f"{int(series.interval)}s"
    model = NHITS(h=h_max, input_size=48, loss=MAE(), scaler_type="robust", max_steps=1000,
                  val_check_steps=50, early_stop_patience_steps=5, random_seed=1,
                  enable_progress_bar=False, logger=False, enable_model_summary=False,
                  enable_checkpointing=False, accelerator="cpu")
    nf = NeuralForecast(models=[model], freq=freq)
    fit_end = series.test_start
    df_fit = pd.DataFrame({"unique_id": series.name, "ds": grid_times(series, fit_end), "y": series.s[:fit_end]})
    start, cpu = time.perf_counter(), time.process_time()
    nf.fit(df_fit, val_size=series.n_val)
    fit_seconds, fit_cpu = time.perf_counter() - start, time.process_time() - cpu

    def paths_from(first_origin, end):
        # s_0 ... s_{end-1} padded with h_max-1 copies of the last value (targets only: a window
        # with cutoff o reads s_0 ... s_o), so that origins first_origin ... end-2 all get h_max steps.
        values = np.concatenate([series.s[:end], np.repeat(series.s[end - 1], h_max - 1)])
        df = pd.DataFrame({"unique_id": series.name, "ds": grid_times(series, len(values)), "y": values})
        test_size = len(values) - first_origin - 1
        cv = nf.cross_validation(df=df, n_windows=None, test_size=test_size, step_size=1,
                                 use_fitted=True, refit=False, verbose=False)
        cv = cv.sort_values(["cutoff", "ds"])
        cutoffs = (cv["cutoff"].drop_duplicates() - grid_times(series, 1)[0]).dt.total_seconds().to_numpy() / series.interval
        expected = np.arange(first_origin, end - 1)
        if len(cutoffs) != len(expected) or np.any(np.round(cutoffs) != expected):
            raise SystemExit(f"{series.name}: neuralforecast cutoffs {cutoffs[:3]}... != origins {expected[:3]}...")
        return cv["NHITS"].to_numpy(float).reshape(len(expected), h_max)

    val_paths = paths_from(series.n_train, fit_end)
    paths = paths_from(fit_end, series.n)
    lower, upper = symmetric(paths, conformal(val_paths, series, h_max))
    return {"fit_seconds": fit_seconds, "fit_cpu_seconds": fit_cpu, "paths": paths, "lower": lower, "upper": upper,
            "details": {"steps": trained_steps(nf.models[0]),
                        "intervals": "split conformal on validation"}}


def trained_steps(model):
    """Optimiser steps run before early stopping (the last logged training step)."""
    trajectory = model.train_trajectories
    return int(trajectory[-1][0]) if trajectory else None


# ---------------------------------------------------------------- AutoARIMA through statsforecast

def run_autoarima(series, h_max):
    from statsforecast.models import AutoARIMA

    fit_end = series.test_start
    warm_up = np.sin(np.arange(300) / 7.0) + np.random.RandomState(0).normal(size=300)
    AutoARIMA(season_length=1).fit(warm_up)  # numba compiles on the first fit: keep it out of the timing
    start, cpu = time.perf_counter(), time.process_time()
    model = AutoARIMA(season_length=1).fit(series.s[:fit_end])
    fit_seconds, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    origins = range(fit_end, series.n - 1)
    paths = np.empty((len(origins), h_max))
    lower = {c: np.empty_like(paths) for c in LEVELS}
    upper = {c: np.empty_like(paths) for c in LEVELS}
    for row, o in enumerate(origins):
        # forward: the fitted orders and coefficients re-filtered over s_0 ... s_o.
        out = model.forward(y=series.s[: o + 1], h=h_max, level=[int(c * 100) for c in LEVELS])
        paths[row] = out["mean"]
        for c in LEVELS:
            lower[c][row] = out[f"lo-{int(c * 100)}"]
            upper[c][row] = out[f"hi-{int(c * 100)}"]
    arma = model.model_["arma"]
    return {"fit_seconds": fit_seconds, "fit_cpu_seconds": fit_cpu, "paths": paths, "lower": lower, "upper": upper,
            "details": {"order": [int(arma[0]), int(arma[5]), int(arma[1])], "intervals": "Gaussian (statsforecast)"}}


RUNNERS = {"lightgbm": run_lightgbm, "nhits": run_nhits, "autoarima": run_autoarima}


# ---------------------------------------------------------------- driver

def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_atomically(path, obj):
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
    os.replace(tmp, path)


def evaluate(path, column, model_name, cache, refresh):
    digest = sha256(path)
    cached = os.path.join(cache, f"{digest}-{column}-{model_name}-v{SCRIPT_VERSION}.json")
    if not refresh and os.path.exists(cached):
        with open(cached) as f:
            return json.load(f), True
    series = load(path, column)
    h_max = max(horizon_steps(series).values())
    out = RUNNERS[model_name](series, h_max)
    mae, coverage = score(series, out["paths"], out["lower"], out["upper"], series.test_start, series.n)
    result = {"series": series.name, "file_sha256": digest, "column": column, "model": model_name,
              "script_version": SCRIPT_VERSION, "n": series.n, "n_train": series.n_train, "n_val": series.n_val,
              "naive_mae": naive_mae(series), "mae": mae, "coverage": coverage,
              "fit_seconds": out["fit_seconds"], "fit_cpu_seconds": out["fit_cpu_seconds"], "details": out["details"]}
    write_atomically(cached, result)
    return result, False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="a folder of series CSV files")
    parser.add_argument("--column", default="value")
    parser.add_argument("--models", default="lightgbm,nhits,autoarima")
    parser.add_argument("--files", default=None, help="comma-separated file names (default: every *.csv)")
    parser.add_argument("--cache", default=os.path.expanduser("~/.cache/autoscale/accuracy-reference"))
    parser.add_argument("--refresh", action="store_true")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    import torch
    torch.set_num_threads(1)  # every reference tool on one thread, as bench-accuracy runs ours
    files = args.files.split(",") if args.files else sorted(f for f in os.listdir(args.data) if f.endswith(".csv"))
    results = []
    for model_name in args.models.split(","):
        if model_name not in RUNNERS:
            raise SystemExit(f"unknown reference model {model_name!r}; use {','.join(RUNNERS)}")
        for index, name in enumerate(files):
            start = time.perf_counter()
            result, hit = evaluate(os.path.join(args.data, name), args.column, model_name, args.cache, args.refresh)
            results.append(result)
            took = "cached" if hit else f"{time.perf_counter() - start:.1f} s"
            ratios = " / ".join(f"{result['mae'][str(m)] / result['naive_mae'][str(m)]:.3f}" for m in HORIZON_MINUTES)
            print(f"reference {model_name} {index + 1}/{len(files)} {name}: {took}, MAE / naive MAE {ratios}",
                  file=sys.stderr, flush=True)
    write_atomically(args.out, {"script_version": SCRIPT_VERSION, "results": results})


if __name__ == "__main__":
    main()
