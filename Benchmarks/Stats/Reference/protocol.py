"""EVALUATION.md §1–§4 for the side-by-side reference scripts in this folder: read a dev
series, put it on the regular grid (median interval, last observation wins, forward fill),
split 70/15/15 and min-max scale on train. One copy, shared by every script here.

Run the scripts from the package root; ../shared/data/real must exist.
"""
import glob
import os
from dataclasses import dataclass

import numpy as np
import pandas as pd

FOLDERS = {
    "nab": ("../shared/data/real/nab", "value"),
    "azure": ("../shared/data/real/azure_v1_vms", "avg_cpu"),
}


@dataclass
class ScaledSeries:
    name: str
    start: float  # seconds since 1970-01-01 UTC of grid index 0
    interval: float  # grid step D, seconds
    s: np.ndarray  # min-max scaled values on the grid
    n_train: int
    n_val: int

    @property
    def n(self):
        return len(self.s)

    @property
    def test_start(self):
        return self.n_train + self.n_val


def load(path, column):
    df = pd.read_csv(path)
    t = df["timestamp"]
    t = t.astype(float) if pd.api.types.is_numeric_dtype(t) else (pd.to_datetime(t) - pd.Timestamp("1970-01-01")).dt.total_seconds()
    t = t.to_numpy()
    v = df[column].to_numpy(float)
    d = np.median(np.diff(t))
    n = int(round((t[-1] - t[0]) / d)) + 1
    grid = np.full(n, np.nan)
    for ti, vi in zip(t, v):
        grid[int(round((ti - t[0]) / d))] = vi
    grid = pd.Series(grid).ffill().to_numpy()
    n_train = int(np.floor(0.7 * n))
    n_val = int(np.floor(0.15 * n))
    lo, hi = grid[:n_train].min(), grid[:n_train].max()
    s = (grid - lo) / (hi - lo if hi > lo else 1)
    name = os.path.splitext(os.path.basename(path))[0]
    return ScaledSeries(name, float(t[0]), float(d), s, n_train, n_val)


def dev_series(which):
    """Every series of the dev folder `which` ("nab" or "azure"), sorted by file name."""
    folder, column = FOLDERS[which]
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        yield load(path, column)
