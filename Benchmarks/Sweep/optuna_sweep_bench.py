#!/usr/bin/env python3
"""Optuna's side of bench-sweep (Benchmarks/README.md, "Sweep").

Runs in a virtual environment it creates on first use (python3 -m venv, pip install
optuna) at $SWEEP_BENCH_VENV (default ~/.cache/autoscale/optuna-venv), then prints one
JSON object: the median best value per problem and sampler over the seeds (and every
seed's best value, in seed order, under "bests"), and the
seconds per trial of TPE (default multivariate, and univariate) and random search, in memory and with
SQLite storage. The problems are the same as Problems.swift.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

VENV = os.environ.get("SWEEP_BENCH_VENV", os.path.expanduser("~/.cache/autoscale/optuna-venv"))


def ensure_optuna():
    try:
        import optuna  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        sys.exit("optuna is not importable in %s even after installing it" % VENV)
    if not os.path.exists(python):
        print("creating %s and installing optuna" % VENV, file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", VENV], stdout=sys.stderr)
        subprocess.check_call([python, "-m", "pip", "install", "-q", "optuna"], stdout=sys.stderr)
    os.execv(python, [python] + sys.argv)


def branin(x1, x2):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def hartmann6(x):
    alpha = [1.0, 1.2, 3.0, 3.2]
    a = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
    p = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
         [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
    total = 0.0
    for i in range(4):
        inner = sum(a[i][j] * (x[j] - p[i][j] * 1e-4) ** 2 for j in range(6))
        total += alpha[i] * math.exp(-inner)
    return -total


def obj_branin(trial):
    return branin(trial.suggest_float("x1", -5, 10), trial.suggest_float("x2", 0, 15))


def obj_hartmann6(trial):
    return hartmann6([trial.suggest_float("x%d" % i, 0, 1) for i in range(6)])


def obj_mixed(trial):
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    layers = trial.suggest_int("layers", 1, 8)
    optimizer = trial.suggest_categorical("optimizer", ["adam", "sgd", "rmsprop"])
    return (math.log10(lr) + 3) ** 2 + 0.1 * (layers - 3) ** 2 + {"adam": 0.0, "rmsprop": 0.2, "sgd": 0.5}[optimizer]


PROBLEMS = {"branin": obj_branin, "hartmann6": obj_hartmann6, "mixed": obj_mixed}


def main():
    ensure_optuna()
    import optuna

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first-seed", type=int, default=0, help="seeds first-seed … first-seed + seeds − 1")
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--overhead-trials", type=int, default=200)
    parser.add_argument("--samplers", default="tpe,tpe_univariate,random",
                        help="comma-separated: tpe (default, multivariate), tpe_univariate, random")
    parser.add_argument("--problems", default=",".join(PROBLEMS), help="comma-separated: branin, hartmann6, mixed")
    parser.add_argument("--no-overhead", action="store_true", help="skip the overhead timing")
    parser.add_argument("--no-quality", action="store_true", help="skip the quality sweeps (bench-sweep --queue)")
    args = parser.parse_args()

    samplers = {
        "tpe": lambda s: optuna.samplers.TPESampler(seed=s),
        "tpe_univariate": lambda s: optuna.samplers.TPESampler(seed=s, multivariate=False),
        "random": lambda s: optuna.samplers.RandomSampler(seed=s),
    }
    quality = {}
    bests_by_problem = {}
    for name in ([] if args.no_quality else args.problems.split(",")):
        objective = PROBLEMS[name]
        quality[name] = {}
        bests_by_problem[name] = {}
        for sampler_name in args.samplers.split(","):
            make = samplers[sampler_name]
            bests = []
            for seed in range(args.first_seed, args.first_seed + args.seeds):
                study = optuna.create_study(sampler=make(seed))
                study.optimize(objective, n_trials=args.trials)
                bests.append(study.best_value)
            quality[name][sampler_name] = statistics.median(bests)
            bests_by_problem[name][sampler_name] = bests

    overhead = {}
    with tempfile.TemporaryDirectory() as folder:
        if args.no_overhead:
            print(json.dumps({"optuna_version": optuna.__version__, "quality": quality, "bests": bests_by_problem,
                              "overhead": overhead}))
            return
        for key, make in [("tpe", lambda: optuna.samplers.TPESampler(seed=0)),
                          ("tpe_univariate", lambda: optuna.samplers.TPESampler(seed=0, multivariate=False)),
                          ("random", lambda: optuna.samplers.RandomSampler(seed=0))]:
            if key not in args.samplers.split(","):
                continue
            for storage_name, storage in [("memory", None), ("sqlite", "sqlite:///%s/%s.db" % (folder, key))]:
                study = optuna.create_study(sampler=make(), storage=storage)
                start = time.perf_counter()
                study.optimize(obj_branin, n_trials=args.overhead_trials)
                overhead["%s_%s" % (key, storage_name)] = (time.perf_counter() - start) / args.overhead_trials

    print(json.dumps({"optuna_version": optuna.__version__, "quality": quality, "bests": bests_by_problem,
                      "overhead": overhead}))


if __name__ == "__main__":
    main()
