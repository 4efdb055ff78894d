"""Reference forecasts of the gbt model from the `xgboost` Python package 1.7.4.

Run once (venv from setup_venv.sh beside this file):
    ~/.cache/autoscale/xgboost-venv/bin/python make_reference.py > gbt_xgboost_reference.json
GBTXGBoostReferenceTests reads the JSON. Everything the Swift model does is rebuilt here
independently: the fixed series, the causal features (direct windows, not prefix sums; level inputs in the "level" case,
level-relative inputs in the "difference" case),
the training rows, base_score (numpy's default quantile), the point boosters (absolute
error, or pseudo-Huber with huber_slope 0.05 in the "huber" case) with early stopping on
validation MAE, the pinball boosters through a custom objective
(gradient 1-a if prediction > label else -a, hessian 1), the refit on train + validation
with the chosen rounds, and the forecasts of every booster step from fixed origins.
"""
import json
import math
from datetime import datetime, timezone

import numpy as np
import xgboost as xgb

assert xgb.__version__ == "1.7.4", xgb.__version__

N, TRAIN, INTERVAL, START = 300, 240, 300.0, 1_700_000_000.0
SERIES = [0.5 + 0.3 * math.sin(2 * math.pi * i / 48) + 0.1 * math.cos(0.37 * i) + 0.05 * (((i * 7919) % 101) / 101 - 0.5)
          for i in range(N)]
S = np.array(SERIES)
LAGS, DIFFS, WINDOWS, SEASON, STEPS = [1, 2, 3, 6], [1, 3], [4, 12], 12, [1, 2, 3]
QUANTILES = [0.1, 0.9]
ORIGINS = range(TRAIN - 1, N - 3)

CASES = {
    "level": dict(target="level", rounds=60, patience=5, refit=False, relative=False, objective="reg:absoluteerror"),
    "difference": dict(target="difference", rounds=20, patience=0, refit=True, relative=True, objective="reg:absoluteerror"),
    # The point loss gbt uses by default: pseudo-Huber with huber_slope 0.05.
    "huber": dict(target="difference", rounds=60, patience=5, refit=True, relative=True, objective="reg:pseudohubererror"),
}
HUBER_SLOPE = 0.05
PARAMS = dict(eta=0.3, max_depth=3, min_child_weight=1.0, subsample=1.0, seed=0)


def value(i):
    return S[i] if i >= 0 else np.nan


def row(t, h, relative):
    anchor = S[t] if relative else 0.0
    out = [S[t] if k == 1 else value(t - k + 1) - anchor for k in LAGS]
    out += [S[t] - value(t - k) for k in DIFFS]
    for w in WINDOWS:
        if t + 1 >= w:
            window = S[t - w + 1:t + 1]
            out += [window.mean() - anchor, window.std()]
        else:
            out += [np.nan, np.nan]
    back = math.ceil(h / SEASON) * SEASON
    out += [value(t + h - back) - anchor, value(t + h - back) - value(t - back)]
    moment = datetime.fromtimestamp(START + (t + h) * INTERVAL, tz=timezone.utc)
    out += [moment.hour + moment.minute / 60 + moment.second / 3600, moment.weekday()]
    return out


def matrix(h, origins, target, relative):
    x = np.array([row(t, h, relative) for t in origins], dtype=np.float64).astype(np.float32)
    y = np.array([S[t + h] - S[t] if target == "difference" else S[t + h] for t in origins]).astype(np.float32)
    return x, y


def params(objective, labels, alpha):
    base = float(np.quantile(labels.astype(np.float64), 0.5 if alpha is None else alpha))
    p = {"tree_method": "hist", "nthread": 1, "verbosity": 0, "base_score": base, **PARAMS}
    if alpha is None:
        p["objective"] = objective
        if objective == "reg:pseudohubererror":
            p["huber_slope"] = HUBER_SLOPE
    return p


def loss(pred, labels, alpha):
    r = labels.astype(np.float64) - pred.astype(np.float64)
    if alpha is None:
        return float(np.mean(np.abs(r)))
    return float(np.mean(np.where(r >= 0, alpha * r, (alpha - 1) * r)))


def train(train_xy, valid_xy, alpha, rounds, patience, objective):
    dtrain = xgb.DMatrix(train_xy[0], label=train_xy[1], missing=np.nan)
    caches = [dtrain]
    dvalid = None
    if valid_xy is not None:
        dvalid = xgb.DMatrix(valid_xy[0], label=valid_xy[1], missing=np.nan)
        caches.append(dvalid)
    booster = xgb.Booster(params(objective, train_xy[1], alpha), caches)
    best, best_rounds, done = math.inf, 0, 0
    for r in range(rounds):
        if alpha is None:
            booster.update(dtrain, r)
        else:
            margin = booster.predict(dtrain, output_margin=True, training=True)
            grad = np.where(margin > train_xy[1], 1 - alpha, -alpha).astype(np.float32)
            booster.boost(dtrain, grad, np.ones_like(grad))
        done = r + 1
        if dvalid is None or patience == 0:
            continue
        current = loss(booster.predict(dvalid), valid_xy[1], alpha)
        if current < best:
            best, best_rounds = current, done
        elif done - best_rounds >= patience:
            break
    if dvalid is not None and patience > 0:
        return booster[:best_rounds], best_rounds
    return booster, done


def run(case):
    first = max(max(LAGS) - 1, max(DIFFS))
    out = {"points": [], "quantiles": [], "rounds": []}
    for h in STEPS:
        train_rows = range(first, TRAIN - h)
        valid_rows = range(TRAIN - h, N - h)
        all_rows = range(first, N - h)
        target = case["target"]
        relative = case["relative"]
        tr, va = matrix(h, train_rows, target, relative), matrix(h, valid_rows, target, relative)
        boosters, rounds = [], []
        for alpha in [None] + QUANTILES:
            booster, kept = train(tr, va, alpha, case["rounds"], case["patience"], case["objective"])
            if case["refit"]:
                booster, _ = train(matrix(h, all_rows, target, relative), None, alpha, max(kept, 1), 0, case["objective"])
            boosters.append(booster)
            rounds.append(kept)
        x = xgb.DMatrix(np.array([row(t, h, relative) for t in ORIGINS], dtype=np.float64).astype(np.float32), missing=np.nan)
        offset = np.array([S[t] if target == "difference" else 0.0 for t in ORIGINS])
        preds = [b.predict(x).astype(np.float64) + offset for b in boosters]
        out["points"].append(preds[0].tolist())
        out["quantiles"].append([p.tolist() for p in preds[1:]])
        out["rounds"].append(rounds)
    return out


print(json.dumps({
    "xgboost": xgb.__version__, "series": SERIES, "train_count": TRAIN, "interval_seconds": INTERVAL,
    "start": START, "origins": [ORIGINS.start, ORIGINS.stop], "steps": STEPS, "quantiles": QUANTILES,
    "cases": {name: run(case) for name, case in CASES.items()},
}))
