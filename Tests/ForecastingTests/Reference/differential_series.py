"""The generated series of the AutoARIMA differential test, bit for bit the same as
Sources/TestSupport/DifferentialSeries.swift (SplitMix64, Box-Muller with the C library's
log/cos/sqrt, sums accumulated left to right). Change both files together: the fixtures
carry a checksum (sum and sum of squares) per series and the Swift test fails on a drift.
"""
import math

MASK = (1 << 64) - 1
KINDS = ["noise", "arma", "random_walk", "trend", "level_shift", "bursts", "seasonal", "mixed"]
SEASON_PERIODS = [12, 24, 48, 288]


class SplitMix64:
    """Steele, Lea & Flood (2014); Sources/Kernels/SplitMix64.swift."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def unit(self):
        return float(self.next() >> 11) * (2.0 ** -53)

    def gaussian(self):
        u1 = self.unit()
        while u1 <= 5e-324:
            u1 = self.unit()
        u2 = self.unit()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def below(self, n):
        """An integer in 0 ..< n (floor of unit * n)."""
        return int(self.unit() * n)


def arma_noise(rng, n):
    """ARMA(2,1) noise a_t = φ1 a_{t−1} + φ2 a_{t−2} + σ(e_t + θ e_{t−1}), 50 burn-in steps."""
    phi1 = 0.9 * (2.0 * rng.unit() - 1.0)
    phi2 = 0.4 * (2.0 * rng.unit() - 1.0) * (1.0 - abs(phi1))
    theta = 0.8 * (2.0 * rng.unit() - 1.0)
    sigma = 0.5 + rng.unit()
    a1 = a2 = e1 = 0.0
    out = []
    for t in range(n + 50):
        e = rng.gaussian()
        a = phi1 * a1 + phi2 * a2 + sigma * (e + theta * e1)
        a2, a1, e1 = a1, a, e
        if t >= 50:
            out.append(a)
    return out, sigma


def add_shifts(rng, x, sigma):
    n = len(x)
    for _ in range(1 + rng.below(4)):
        at = rng.below(n)
        size = 5.0 * sigma * (2.0 * rng.unit() - 1.0)
        for t in range(at, n):
            x[t] += size


def add_bursts(rng, x, sigma):
    n = len(x)
    for _ in range(2 + rng.below(6)):
        at = rng.below(n)
        height = sigma * (3.0 + 7.0 * rng.unit())
        duration = 5 + rng.below(46)
        for j in range(duration):
            if at + j < n:
                x[at + j] += height * (1.0 - j / duration)


def add_season(rng, x, sigma):
    period = SEASON_PERIODS[rng.below(len(SEASON_PERIODS))]
    amplitude = sigma * (1.0 + 3.0 * rng.unit())
    for t in range(len(x)):
        x[t] += amplitude * math.sin(2.0 * math.pi * t / period)


def generate(seed, kind, length):
    """The series of `kind` with `length` points from SplitMix64(seed)."""
    rng = SplitMix64(seed)
    a, sigma = arma_noise(rng, length)
    if kind == "noise":
        e = [sigma * rng.gaussian() for _ in range(length)]
        return [10.0 + v for v in e]
    if kind == "arma":
        return [10.0 + v for v in a]
    if kind == "random_walk":
        drift = 0.0 if rng.unit() < 0.5 else 0.02 * (2.0 * rng.unit() - 1.0)
        x, level = [], 10.0
        for v in a:
            level += 0.3 * v + drift
            x.append(level)
        return x
    if kind == "trend":
        slope = 20.0 * sigma * (2.0 * rng.unit() - 1.0) / length
        return [10.0 + slope * t + a[t] for t in range(length)]
    x = [10.0 + v for v in a]
    if kind == "level_shift":
        add_shifts(rng, x, sigma)
    elif kind == "bursts":
        add_bursts(rng, x, sigma)
    elif kind == "seasonal":
        add_season(rng, x, sigma)
    elif kind == "mixed":
        level = 0.0
        for t in range(length):
            level += 0.2 * a[t]
            x[t] += level
        add_season(rng, x, sigma)
        add_shifts(rng, x, sigma)
        add_bursts(rng, x, sigma)
    else:
        raise ValueError(f"unknown kind {kind!r}; one of {KINDS}")
    return x


def checksum(x):
    """(Σ x_t, Σ x_t²), accumulated left to right."""
    s = s2 = 0.0
    for v in x:
        s += v
        s2 += v * v
    return s, s2
