"""Scores ensemble combination rules on the member paths bench-ensemble-study wrote.

    python combine.py DIR/<folder> [DIR2/<folder> …] [--members lstm+nhits+gbt+arima] [--rules perstep,mean,...] [--json]

Per series and rule: the weights are fitted on the validation paths (the train-only fits'
forecasts of the validation part, as `ensemble` fits them) and applied to the test paths (the
protocol fits'). Two scores per rule:

- ``val2``: fitted on the first half of the validation origins, scored on the second half.
  It looks only at train + validation, so a rule may be chosen on it.
- ``test``: fitted on the whole validation part, scored on the test part (the protocol's
  relMAE, geometric mean over series of MAE / naive MAE), for reporting the chosen rule.

Needs numpy and scipy (the accuracy benchmark's virtual environment has both).
"""
import argparse
import json
import math
import os
import sys

import numpy as np
from scipy import sparse
from scipy.optimize import linprog


def simplex_mae_weights(P, y):
    """argmin over the simplex of mean |y - w @ P|; P is members x T (a linear programme)."""
    M, T = P.shape
    if M == 1 or T == 0:
        return np.full(M, 1.0 / M)
    # variables: w (M), u (T) with u >= |y - P^T w|
    c = np.concatenate([np.zeros(M), np.ones(T) / T])
    eye = sparse.identity(T, format="csr")
    A = sparse.vstack([sparse.hstack([sparse.csr_matrix(-P.T), -eye]), sparse.hstack([sparse.csr_matrix(P.T), -eye])], format="csr")
    b = np.concatenate([-y, y])
    res = linprog(c, A_ub=A, b_ub=b, A_eq=np.concatenate([np.ones(M), np.zeros(T)])[None, :], b_eq=[1.0],
                  bounds=[(0, None)] * (M + T), method="highs")
    w = np.clip(res.x[:M], 0, None)
    return w / w.sum()


class Series:
    def __init__(self, record, members):
        self.name = record["series"]
        self.values = np.array(record["values"], dtype=float)
        self.n = record["trainCount"]
        self.test_start = record["testStart"]
        self.steps = record["horizonSteps"]
        self.minutes = record["horizonMinutes"]
        val = np.array(record["validation"], dtype=float)   # members x I x K
        test = np.array(record["test"], dtype=float)
        self.K = val.shape[2]
        # "naive" is computed here (s_t for every step), so it needs no fit.
        val = np.concatenate([val, self.naive_paths(self.n - 1, val.shape[1])[None]])
        test = np.concatenate([test, self.naive_paths(self.test_start, test.shape[1])[None]])
        names = record["members"] + ["naive"]
        index = [names.index(m) for m in members]
        self.val, self.test = val[index], test[index]
        self.stored_weights = record["weights"]

    def naive_paths(self, first, count):
        """I x K paths of the naive forecast from origins first … first + count − 1."""
        last = self.values[first:first + count]
        return np.repeat(last[:, None], self.K, axis=1)

    def val_targets(self, k, lo=0, hi=None):
        """Member forecasts (M x T) and targets (T) of step k for validation origins [lo, hi)."""
        count = self.test_start - self.n - k + 1
        hi = count if hi is None else min(hi, count)
        origins = np.arange(lo, hi)
        targets = self.values[self.n - 1 + origins + k]
        return self.val[:, origins, k - 1], targets

    def test_targets(self, k):
        count = len(self.values) - k - self.test_start
        origins = np.arange(count)
        return self.test[:, origins, k - 1], self.values[self.test_start + origins + k], self.values[self.test_start + origins]


def rule_weights(rule, s, lo, hi):
    """Per-step weights (K x M) of `rule` fitted on validation origins [lo, hi)."""
    M, K = s.val.shape[0], s.K
    name, _, arg = rule.partition(":")
    if name == "mean":
        return np.full((K, M), 1.0 / M)
    fits = []
    for k in range(1, K + 1):
        P, y = s.val_targets(k, lo, hi)
        fits.append((P, y))
    if name == "perstep":
        return np.array([simplex_mae_weights(P, y) for P, y in fits])
    if name == "shrink":
        lam = float(arg)
        w = np.array([simplex_mae_weights(P, y) for P, y in fits])
        return lam * w + (1 - lam) / M
    if name == "pooled":
        P = np.concatenate([p for p, _ in fits], axis=1)
        y = np.concatenate([t for _, t in fits])
        return np.tile(simplex_mae_weights(P, y), (K, 1))
    if name == "window":
        width = int(arg)
        out = []
        for k in range(K):
            chosen = range(max(0, k - width), min(K, k + width + 1))
            P = np.concatenate([fits[j][0] for j in chosen], axis=1)
            y = np.concatenate([fits[j][1] for j in chosen])
            out.append(simplex_mae_weights(P, y))
        return np.array(out)
    if name == "invmae":
        power = float(arg or 1)
        out = []
        for P, y in fits:
            mae = np.abs(P - y[None, :]).mean(axis=1)
            w = mae ** -power
            out.append(w / w.sum())
        return np.array(out)
    if name == "best":
        out = []
        for P, y in fits:
            mae = np.abs(P - y[None, :]).mean(axis=1)
            w = np.zeros(M)
            w[np.argmin(mae)] = 1
            out.append(w)
        return np.array(out)
    raise SystemExit(f"unknown rule {rule}")


def combine(rule, s, P, k, w):
    if rule == "median":
        return np.median(P, axis=0)
    return w[k - 1] @ P


def folder_weights(series, half):
    """Per-step weights (K x M) fitted on the validation targets of every series at once
    (the first half of each series' validation origins when `half`)."""
    K = series[0].K
    out = []
    for k in range(1, K + 1):
        parts = [s.val_targets(k, 0, (s.test_start - s.n) // 2 if half else None) for s in series]
        out.append(simplex_mae_weights(np.concatenate([p for p, _ in parts], axis=1), np.concatenate([y for _, y in parts])))
    return np.array(out)


def scores(rule, s, folder=None):
    """(val2 ratios, test ratios) per horizon: MAE / naive MAE. `folder`: the folder-wide
    weights (half, full) for the rules that use them."""
    half = (s.test_start - s.n) // 2
    name, _, arg = rule.partition(":")
    if name == "folder":
        w_half, w_full = folder
    elif name == "toward":
        lam = float(arg)
        w_half = lam * rule_weights("perstep", s, 0, half) + (1 - lam) * folder[0]
        w_full = lam * rule_weights("perstep", s, 0, None) + (1 - lam) * folder[1]
    else:
        w_half = None if rule == "median" else rule_weights(rule, s, 0, half)
        w_full = None if rule == "median" else rule_weights(rule, s, 0, None)
    val2, test = [], []
    for h in s.steps:
        P, y = s.val_targets(h, half, None)
        origins = np.arange(half, half + len(y))
        last = s.values[s.n - 1 + origins]
        f = combine(rule, s, P, h, w_half)
        val2.append(np.abs(f - y).mean() / np.abs(last - y).mean())
        P, y, last = s.test_targets(h)
        f = combine(rule, s, P, h, w_full)
        test.append(np.abs(f - y).mean() / np.abs(last - y).mean())
    return val2, test


def load(folders):
    """Records of the series found in every folder, each with the members of all of them
    (a member already seen keeps its first folder's paths)."""
    names = set.intersection(*(set(f for f in os.listdir(d) if f.endswith(".json")) for d in folders))
    records = []
    for name in sorted(names):
        merged = None
        for d in folders:
            r = json.load(open(os.path.join(d, name)))
            if merged is None:
                merged = r
                continue
            for m, member in enumerate(r["members"]):
                if member not in merged["members"]:
                    merged["members"].append(member)
                    merged["validation"].append(r["validation"][m])
                    merged["test"].append(r["test"][m])
        records.append(merged)
    if not records:
        raise SystemExit(f"no series is in all of {folders}")
    return records


def geo(rows):
    return [math.exp(np.mean(np.log(col))) for col in zip(*rows)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="+", help="study folders of one data folder; their members are joined per series")
    parser.add_argument("--members", default=None)
    parser.add_argument("--rules", default="perstep,mean,median,pooled,window:1,shrink:0.5,invmae:1,invmae:2,best")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--per-series", action="store_true")
    args = parser.parse_args()
    records = load(args.folders)
    members = args.members.split("+") if args.members else records[0]["members"]
    series = [Series(r, members) for r in records]
    results = []
    for rule in args.rules.split(","):
        folder = None
        if rule.startswith(("folder", "toward")):
            folder = (folder_weights(series, True), folder_weights(series, False))
        per = [scores(rule, s, folder) for s in series]
        row = {"rule": rule, "members": "+".join(members), "series": len(series),
               "val2": geo([p[0] for p in per]), "test": geo([p[1] for p in per])}
        if args.per_series:
            row["per_series_test"] = {s.name: p[1] for s, p in zip(series, per)}
        results.append(row)
        if not args.json:
            fmt = lambda xs: " / ".join(f"{x:.3f}" for x in xs)
            print(f"{row['members']:<40} {rule:<12} val2 {fmt(row['val2'])}   test {fmt(row['test'])}", flush=True)
    if args.json:
        json.dump(results, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
