"""Compare periodogram libraries for the Patterns rhythm check (docs/periodogram.md).

Run with a Python that has SciPy, and optionally astropy and nifty-ls, installed next to this
checkout (they are not LeukoTrack dependencies; install them in a scratch venv):

    python -m venv /tmp/lsvenv && /tmp/lsvenv/bin/pip install scipy astropy nifty-ls
    PYTHONPATH=. /tmp/lsvenv/bin/python benchmarks/compare_periodogram.py

It prints: cold import time of each candidate (median of 5 fresh processes), the installed
size of each package, agreement of LeukoTrack's SciPy power and Baluev false-alarm probability
with astropy's, detection of a 21-day rhythm in noisy three-a-week samples, false positives in
white noise, and the time of one periodogram over 10 years of results.
"""

from __future__ import annotations

import importlib.util
import math
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from leukotrack.domain.periodicity import (
    LONGEST_PERIOD_DAYS,
    SHORTEST_PERIOD_DAYS,
    false_alarm_probability,
    find_periodicity,
    frequency_grid,
)
from leukotrack.domain.readings import Reading

IMPORTS = {
    "scipy.signal.lombscargle": "from scipy.signal import lombscargle",
    "astropy LombScargle": "from astropy.timeseries import LombScargle",
    "nifty_ls": "import nifty_ls",
}
PACKAGES = {
    "scipy.signal.lombscargle": ["scipy", "scipy.libs", "numpy", "numpy.libs"],
    "astropy LombScargle": [
        "astropy",
        "astropy_iers_data",
        "erfa",
        "pyerfa.libs",
        "yaml",
        "numpy",
        "numpy.libs",
    ],
    "nifty_ls": ["nifty_ls", "nifty_ls.libs", "numpy", "numpy.libs"],
}


def available(module: str) -> bool:
    return importlib.util.find_spec(module.split(".")[0]) is not None


def import_ms(statement: str) -> float:
    subprocess.run([sys.executable, "-c", statement], check=True)  # warm the file cache
    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append((time.perf_counter() - t0) * 1000)
    base = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times) - statistics.median(base)


def size_mb(names: list[str]) -> float:
    site = Path(importlib.util.find_spec("numpy").origin).parents[1]  # type: ignore[arg-type]
    total = 0
    for name in names:
        root = site / name
        if root.exists():
            total += sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    return total / 1e6


def three_a_week(value, weeks: int = 8) -> list[Reading]:  # type: ignore[no-untyped-def]
    start = datetime(2026, 3, 2, 9)
    out = []
    for k in range(7 * weeks):
        moment = start + timedelta(days=k)
        if moment.weekday() in (0, 2, 4):
            out.append(Reading(moment, "anc", value(k), None, 1.5))
    return out


def ten_years() -> list[Reading]:
    rng = random.Random(3)
    start = datetime(2016, 1, 4, 9)
    return [
        Reading(start + timedelta(days=7.3 * k), "anc", 2.0 + rng.gauss(0, 0.6), None, 1.5)
        for k in range(500)
    ]


def agreement_with_astropy() -> None:
    import numpy as np
    from astropy.timeseries import LombScargle
    from astropy.timeseries.periodograms.lombscargle import _statistics

    worst_power = worst_fap = 0.0
    for seed in range(20):
        rng = random.Random(seed)
        rs = three_a_week(
            lambda k, r=rng: 2 + math.sin(2 * math.pi * k / 21) * r.random() + r.gauss(0, 0.4)
        )
        ours = find_periodicity(rs)
        t = np.array([(r.taken_at - rs[0].taken_at).total_seconds() / 86400 for r in rs])
        y = np.array([r.value for r in rs])
        freqs = 1 / np.array(ours.periods[::-1])
        ls = LombScargle(t, y)
        theirs = ls.power(freqs, method="cython")
        worst_power = max(worst_power, float(np.max(np.abs(theirs - np.array(ours.power[::-1])))))
        z = float(np.max(theirs))
        # astropy's own Baluev function, given the same f_max (its LombScargle method would
        # move f_max onto its own frequency grid first)
        fap_astropy = float(
            _statistics.false_alarm_probability(
                z, float(freqs.max()), t, y, None, "standard", method="baluev"
            )
        )
        fap_ours = false_alarm_probability(z, len(rs), float(freqs.max()), float(np.var(t)))
        worst_fap = max(worst_fap, abs(fap_astropy - fap_ours))
    print(f"astropy agreement over 20 series: max |power diff| {worst_power:.2e}, ", end="")
    print(f"max |FAP diff| {worst_fap:.2e}")


def detection() -> None:
    found = errors = false_alarms = 0
    for seed in range(200):
        rng = random.Random(seed)
        p = find_periodicity(
            three_a_week(
                lambda k, r=rng: 2 + 1.2 * math.sin(2 * math.pi * k / 21) + r.gauss(0, 0.5)
            )
        )
        if p.pattern and p.period_days is not None and abs(p.period_days - 21) <= 2:
            found += 1
        elif p.pattern:
            errors += 1
        noise = find_periodicity(three_a_week(lambda _k, r=rng: 2 + r.gauss(0, 0.5)))
        false_alarms += noise.pattern
    print(
        f"21-day rhythm (amplitude 1.2, noise 0.5, 8 weeks of 3/week): found {found}/200, "
        f"wrong period {errors}; white noise called a pattern {false_alarms}/200"
    )


def timing() -> None:
    rs = ten_years()
    find_periodicity(rs)
    t0 = time.perf_counter()
    for _ in range(10):
        find_periodicity(rs)
    ms = (time.perf_counter() - t0) * 100
    span = (rs[-1].taken_at - rs[0].taken_at).days
    print(f"10 years (500 results, {len(frequency_grid(span))} frequencies): {ms:.1f} ms a call")
    if available("nifty_ls"):
        import nifty_ls
        import numpy as np

        t = np.array([(r.taken_at - rs[0].taken_at).total_seconds() / 86400 for r in rs])
        y = np.array([r.value for r in rs])
        f0 = 1 / LONGEST_PERIOD_DAYS
        n = len(frequency_grid(span))
        df = (1 / SHORTEST_PERIOD_DAYS - f0) / (n - 1)
        t0 = time.perf_counter()
        for _ in range(10):
            nifty_ls.lombscargle(t, y, fmin=f0, df=df, Nf=n)
        print(f"  nifty_ls, same grid: {(time.perf_counter() - t0) * 100:.1f} ms a call")


def main() -> None:
    for name, statement in IMPORTS.items():
        if available(statement.split()[1]):
            print(
                f"{name}: import {import_ms(statement):.0f} ms, "
                f"installed {size_mb(PACKAGES[name]):.0f} MB (with NumPy)"
            )
        else:
            print(f"{name}: not installed here")
    if available("astropy"):
        agreement_with_astropy()
    detection()
    timing()


if __name__ == "__main__":
    main()
