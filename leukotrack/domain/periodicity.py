"""Does a count rise and fall in a repeating rhythm? (CLINICAL.md "Patterns", periodicity.)

A Lomb–Scargle periodogram of the raw values over periods of 10 to 40 days, computed by SciPy
(`scipy.signal.lombscargle` with a floating mean, i.e. the generalised Lomb–Scargle of
Zechmeister & Kürster 2009, A&A 496, 577), in the "standard" normalisation: the share of the
variance around the mean that a sinusoid at that frequency explains (0 to 1).

The false-alarm probability of the highest peak is Baluev's analytic bound for the maximum of
a periodogram over a frequency band: R. V. Baluev (2008), "Assessing the statistical
significance of periodogram peaks", MNRAS 385, 1279–1285, eq. (5)–(6) and Table 1, with the
effective time span T_eff = sqrt(4π · Var(t)) and the band taken from 0 to f_max (the
conservative form of astropy's Baluev function; for the same f_max our figures equal its to
1e-15, see docs/periodogram.md). It is an upper bound: it never
understates how easily noise makes such a peak.

NumPy and SciPy are imported only when a periodogram is computed, never on the way to the
window's first paint.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from leukotrack.domain.readings import Reading

MIN_RESULTS = 12
MIN_SPAN_DAYS = 42
SHORTEST_PERIOD_DAYS = 10.0
LONGEST_PERIOD_DAYS = 40.0
FALSE_ALARM_LIMIT = 0.01
SAMPLES_PER_PEAK = 5  # frequency steps per natural peak width 1/T (astropy's default)
MIN_FREQUENCIES = 200
MAX_FREQUENCIES = 300  # on a longer record, the highest peaks are refined (`REFINE_STEPS`)
REFINE_PEAKS = 3
REFINE_STEPS = 30


@dataclass(frozen=True, slots=True)
class Periodicity:
    enough_data: bool
    why: str
    period_days: float | None
    false_alarm_probability: float | None
    pattern: bool
    n: int
    first: date | None
    last: date | None
    # the periodogram, for a chart: periods (days, ascending) and their power (0–1)
    periods: tuple[float, ...] = ()
    power: tuple[float, ...] = ()
    power_at_limit: float | None = None  # the power whose false-alarm probability is 0.01


def _days(readings: Sequence[Reading]) -> list[float]:
    t0 = readings[0].taken_at
    return [(r.taken_at - t0).total_seconds() / 86400.0 for r in readings]


def _log_gamma_ratio(n: float) -> float:
    """sqrt(2/N) · Γ(N/2) / Γ((N−1)/2): Baluev's γ_H for the standard normalisation."""
    return math.sqrt(2.0 / n) * math.exp(math.lgamma(n / 2.0) - math.lgamma((n - 1.0) / 2.0))


def false_alarm_probability(z: float, n: int, f_max: float, t_var: float) -> float:
    """Baluev (2008) FAP of a peak of standard-normalised power `z` among `n` points.

    `f_max` is the highest frequency searched (cycles per day) and `t_var` the variance of the
    sampling times (days²). Model: one sinusoid plus an offset (d_H = 1, d_K = 3).
    """
    if z <= 0.0:
        return 1.0
    if z >= 1.0:
        return 0.0
    n_h, n_k = n - 1, n - 3
    single = 1.0 - (1.0 - z) ** (0.5 * n_k)  # P(one frequency's power < z)
    w = f_max * math.sqrt(4.0 * math.pi * t_var)
    tau = _log_gamma_ratio(n_h) * w * (1.0 - z) ** (0.5 * (n_k - 1)) * math.sqrt(0.5 * n_h * z)
    return float(min(1.0, max(0.0, 1.0 - single * math.exp(-tau))))


def power_at_false_alarm(fap: float, n: int, f_max: float, t_var: float) -> float:
    """The power whose false-alarm probability is `fap` (bisection: FAP falls as power rises)."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2.0
        if false_alarm_probability(mid, n, f_max, t_var) > fap:
            lo = mid
        else:
            hi = mid
    return hi


def frequency_grid(span_days: float) -> list[float]:
    """Cycles per day from 1/40 to 1/10: five steps per peak width, 200 to 300 steps."""
    f_lo, f_hi = 1.0 / LONGEST_PERIOD_DAYS, 1.0 / SHORTEST_PERIOD_DAYS
    wanted = math.ceil(SAMPLES_PER_PEAK * span_days * (f_hi - f_lo))
    steps = min(MAX_FREQUENCIES, max(MIN_FREQUENCIES, wanted))
    return [f_lo + (f_hi - f_lo) * k / steps for k in range(steps + 1)]


def refined_grid(coarse: Sequence[float], power: Sequence[float]) -> list[float]:
    """Extra frequencies around the highest local peaks of a coarse periodogram.

    Ten years of results have peaks far narrower than the capped coarse step; evaluating the
    top few peaks finely finds their true height without computing thousands of frequencies.
    """
    peaks = [
        k
        for k in range(len(power))
        if (k == 0 or power[k] >= power[k - 1])
        and (k + 1 == len(power) or power[k] >= power[k + 1])
    ]
    peaks.sort(key=lambda k: power[k], reverse=True)
    extra: set[float] = set()
    for k in peaks[:REFINE_PEAKS]:
        lo, hi = coarse[max(k - 1, 0)], coarse[min(k + 1, len(coarse) - 1)]
        extra.update(lo + (hi - lo) * j / REFINE_STEPS for j in range(1, REFINE_STEPS))
    return sorted(extra.difference(coarse))


def _no_pattern(n: int, first: date | None, last: date | None, why: str) -> Periodicity:
    return Periodicity(False, why, None, None, False, n, first, last)


def find_periodicity(readings: Sequence[Reading]) -> Periodicity:
    """The strongest rhythm of 10–40 days in `readings` (in time order), if the data allow."""
    n = len(readings)
    first = readings[0].taken_at.date() if readings else None
    last = readings[-1].taken_at.date() if readings else None
    span = (last - first).days if first is not None and last is not None else 0
    if n < MIN_RESULTS or span < MIN_SPAN_DAYS:
        return _no_pattern(
            n,
            first,
            last,
            f"Needs at least {MIN_RESULTS} results spanning at least {MIN_SPAN_DAYS} days; "
            f"there {'is' if n == 1 else 'are'} {n} spanning {span} "
            f"{'day' if span == 1 else 'days'}.",
        )
    import numpy as np
    from scipy.signal import lombscargle

    t = np.asarray(_days(readings))
    y = np.asarray([r.value for r in readings])
    if float(np.ptp(y)) == 0.0:  # every value the same: nothing rises or falls
        return Periodicity(True, "", None, 1.0, False, n, first, last)
    centred = y - y.mean()

    def periodogram(f: Sequence[float]) -> Any:
        return lombscargle(
            t, centred, 2.0 * np.pi * np.asarray(f), floating_mean=True, normalize=True
        )

    coarse = frequency_grid(float(t[-1] - t[0]))
    coarse_power = periodogram(coarse)
    finer = refined_grid(coarse, coarse_power.tolist())
    freqs = np.asarray(coarse + finer)
    power = np.concatenate([coarse_power, periodogram(finer)]) if finer else coarse_power
    order = np.argsort(freqs)
    freqs, power = freqs[order], power[order]
    best = int(np.argmax(power))
    f_max, t_var = 1.0 / SHORTEST_PERIOD_DAYS, float(np.var(t))
    fap = false_alarm_probability(float(power[best]), n, f_max, t_var)
    periods = 1.0 / freqs[::-1]
    return Periodicity(
        True,
        "",
        round(1.0 / float(freqs[best]), 1),
        fap,
        fap < FALSE_ALARM_LIMIT,
        n,
        first,
        last,
        tuple(float(p) for p in periods),
        tuple(float(p) for p in power[::-1]),
        power_at_false_alarm(FALSE_ALARM_LIMIT, n, f_max, t_var),
    )
