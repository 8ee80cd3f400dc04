"""Treatment cycles (CLINICAL.md "Treatment cycles"): each cycle's days, nadir and recovery.

Pure: it takes the cycles, the readings of one analyte and the growth-factor days, and
describes the counts in each cycle. It never predicts, and it never says whether a treatment
may go ahead.

Choices the definitions leave open, made here:

- The last cycle without a planned length runs for the median length of the earlier cycles,
  rounded half up to a whole day ("about 17.5 days" is 18), or 21 days when there are none.
- `length_days` is the number of days the cycle runs (start through end, both counted).
- A value written with a comparator ("<0.5") is read as `readings.py` reads it: it is below a
  limit only when the bound shows it certainly is.
- The nadir-window sentence names one day ("on day 9") when the smallest and largest nadir
  day are the same.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from leukotrack.domain.readings import Reading
from leukotrack.domain.records import Cycle, Thresholds

DEFAULT_LAST_LENGTH = 21
BEFORE_NEXT_DAYS = 3
MIN_NADIR_RESULTS = 3  # a nadir counts towards the window when its cycle has this many results
MIN_WINDOW_CYCLES = 2
MAX_LENGTH = 120
CYCLE_ANALYTES = ("anc", "wbc", "platelets")
ANALYTE_WORDS = {"anc": "neutrophils", "wbc": "white cells", "platelets": "platelets"}
UNTESTED_DAYS = "Days without a test may have been lower."


def below_limits(analyte: str) -> tuple[float, ...]:
    """The `days_below` limits: 1.0 and 0.5, and 1.5 for ANC."""
    return (1.5, 1.0, 0.5) if analyte == "anc" else (1.0, 0.5)


def limit_key(limit: float) -> str:
    return f"{limit:.1f}"


@dataclass(frozen=True, slots=True)
class CycleSpan:
    """A recorded cycle with its number (1 for the first) and the days it runs."""

    number: int
    cycle: Cycle
    end: date  # the last day, inclusive
    next_start: date | None  # the next cycle's start; None for the last cycle

    @property
    def start(self) -> date:
        return self.cycle.start

    @property
    def length_days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def day_of(self, day: date) -> int:
        """Day 1 is the start date."""
        return (day - self.start).days + 1


def _half_up(x: float) -> int:
    return math.floor(x + 0.5)


def cycle_spans(cycles: Sequence[Cycle]) -> list[CycleSpan]:
    """The cycles in date order, numbered from 1, each with its last day."""
    ordered = sorted(cycles, key=lambda c: c.start)
    spans: list[CycleSpan] = []
    for i, c in enumerate(ordered):
        if i + 1 < len(ordered):
            nxt = ordered[i + 1].start
            spans.append(CycleSpan(i + 1, c, nxt - timedelta(days=1), nxt))
            continue
        if c.length_days is not None:
            length = c.length_days
        elif spans:
            length = _half_up(statistics.median(s.length_days for s in spans))
        else:
            length = DEFAULT_LAST_LENGTH
        spans.append(CycleSpan(i + 1, c, c.start + timedelta(days=length - 1), None))
    return spans


def cycle_on(cycles: Sequence[Cycle], day: date) -> tuple[CycleSpan, int] | None:
    """The cycle whose days contain `day`, and which day of it that is (None outside cycles).

    Only cycles started on or before `day` are considered.
    """
    for span in cycle_spans([c for c in cycles if c.start <= day]):
        if span.contains(day):
            return span, span.day_of(day)
    return None


@dataclass(frozen=True, slots=True)
class CyclePlan:
    """When the next cycle is expected, and the day-before test that goes with it."""

    after_cycle: int  # the number of the latest cycle
    next_start: date
    test_date: date  # the day before the next cycle


def next_cycle_plan(cycles: Sequence[Cycle]) -> CyclePlan | None:
    """The latest cycle's start + its planned length; None without cycles or without a length.

    CLINICAL.md's `test.overdue` counts the `test_date` as "the cycle plan".
    """
    spans = cycle_spans(cycles)
    if not spans or spans[-1].cycle.length_days is None:
        return None
    last = spans[-1]
    assert last.cycle.length_days is not None
    nxt = last.start + timedelta(days=last.cycle.length_days)
    return CyclePlan(last.number, nxt, nxt - timedelta(days=1))


@dataclass(frozen=True, slots=True)
class CountOnDay:
    value: float
    taken_at: datetime
    day: int
    comparator: str | None = None


@dataclass(frozen=True, slots=True)
class BeforeNext:
    value: float
    taken_at: datetime
    meets_threshold: bool
    comparator: str | None = None


@dataclass(frozen=True, slots=True)
class CycleSummary:
    span: CycleSpan
    analyte: str
    threshold: float
    points: tuple[CountOnDay, ...]  # the results in the cycle, in date order
    nadir: CountOnDay | None
    days_below: tuple[tuple[str, int], ...]  # ("1.0", 4), ... in `below_limits` order
    recovered: CountOnDay | None
    before_next: BeforeNext | None
    gcsf: tuple[date, ...]

    @property
    def number(self) -> int:
        return self.span.number

    def below(self, key: str) -> int:
        return dict(self.days_below)[key]


def days_below(points: Sequence[Reading], limit: float) -> int:
    """Calendar days of the first run of results below `limit` (both ends counted), 0 if none."""
    run: list[Reading] = []
    for r in points:
        if r.below(limit):
            run.append(r)
        elif run:
            break
    if not run:
        return 0
    return (run[-1].taken_at.date() - run[0].taken_at.date()).days + 1


def _at(span: CycleSpan, r: Reading) -> CountOnDay:
    return CountOnDay(r.value, r.taken_at, span.day_of(r.taken_at.date()), r.comparator)


def summarise(
    span: CycleSpan,
    readings: Sequence[Reading],
    threshold: float,
    gcsf_days: Sequence[date] = (),
    analyte: str = "anc",
) -> CycleSummary:
    """One cycle's description from every reading of the analyte (any order)."""
    ordered = sorted(readings, key=lambda r: r.taken_at)
    return _summarise(
        span, ordered, [r.taken_at.date() for r in ordered], threshold, sorted(gcsf_days), analyte
    )


def _summarise(
    span: CycleSpan,
    ordered: Sequence[Reading],
    dates: Sequence[date],
    threshold: float,
    gcsf_days: Sequence[date],
    analyte: str,
) -> CycleSummary:
    """`summarise` over readings already in time order (`dates` = their dates, for bisection)."""
    inside = ordered[bisect_left(dates, span.start) : bisect_right(dates, span.end)]
    nadir_i = min(range(len(inside)), key=lambda i: (inside[i].value, i), default=None)
    nadir = None if nadir_i is None else _at(span, inside[nadir_i])
    recovered = None
    if nadir_i is not None:
        found = next((r for r in inside[nadir_i + 1 :] if r.at_or_above(threshold)), None)
        recovered = None if found is None else _at(span, found)
    before = None
    if span.next_start is not None:
        lo = span.next_start - timedelta(days=BEFORE_NEXT_DAYS)
        window = ordered[bisect_left(dates, lo) : bisect_right(dates, span.next_start)]
        if window:
            r = window[-1]
            before = BeforeNext(r.value, r.taken_at, r.at_or_above(threshold), r.comparator)
    lo_g, hi_g = bisect_left(gcsf_days, span.start), bisect_right(gcsf_days, span.end)
    return CycleSummary(
        span=span,
        analyte=analyte,
        threshold=threshold,
        points=tuple(_at(span, r) for r in inside),
        nadir=nadir,
        days_below=tuple((limit_key(x), days_below(inside, x)) for x in below_limits(analyte)),
        recovered=recovered,
        before_next=before,
        gcsf=tuple(sorted(set(gcsf_days[lo_g:hi_g]))),
    )


def cycle_summaries(
    cycles: Sequence[Cycle],
    readings: Sequence[Reading],
    threshold: float,
    gcsf_days: Sequence[date] = (),
    analyte: str = "anc",
) -> list[CycleSummary]:
    """Every cycle described, in date order (CLINICAL.md's definitions)."""
    ordered = sorted(readings, key=lambda r: r.taken_at)
    dates = [r.taken_at.date() for r in ordered]
    days = sorted(gcsf_days)
    return [
        _summarise(span, ordered, dates, threshold, days, analyte) for span in cycle_spans(cycles)
    ]


@dataclass(frozen=True, slots=True)
class NadirWindow:
    first_cycle: int  # A
    last_cycle: int  # B
    first_day: int  # D1
    last_day: int  # D2
    analyte: str = "anc"

    def contains(self, day: int) -> bool:
        return self.first_day <= day <= self.last_day

    @property
    def sentence(self) -> str:
        """'In cycles 1–3 your lowest recorded neutrophils came on days 9–11.'"""
        cycles = (
            f"cycles {self.first_cycle}–{self.last_cycle}"
            if self.first_cycle != self.last_cycle
            else f"cycle {self.first_cycle}"
        )
        days = (
            f"days {self.first_day}–{self.last_day}"
            if self.first_day != self.last_day
            else f"day {self.first_day}"
        )
        what = ANALYTE_WORDS.get(self.analyte, self.analyte)
        return f"In {cycles} your lowest recorded {what} came on {days}."

    @property
    def text(self) -> str:
        """The sentence and the caution that always goes with it."""
        return f"{self.sentence} {UNTESTED_DAYS}"


def nadir_window(summaries: Sequence[CycleSummary]) -> NadirWindow | None:
    """D1–D2 over the cycles whose nadir rests on 3 or more results; None below 2 such cycles."""
    solid = [s for s in summaries if s.nadir is not None and len(s.points) >= MIN_NADIR_RESULTS]
    if len(solid) < MIN_WINDOW_CYCLES:
        return None
    days = [s.nadir.day for s in solid if s.nadir is not None]
    return NadirWindow(
        min(s.number for s in solid),
        max(s.number for s in solid),
        min(days),
        max(days),
        solid[0].analyte,
    )


@dataclass(frozen=True, slots=True)
class LowWindowNote:
    """What the `cycle.low_window` flag says (flags.py turns it into a Flag)."""

    title: str
    detail: str
    since: date  # day D1 of the current cycle
    window: NadirWindow
    nadirs: tuple[CountOnDay, ...]  # the earlier cycles' nadirs the window rests on

    cycle_number: int
    day: int


LOW_WINDOW_TITLE = "In your usual low-count days of this cycle"


def low_window_note(
    cycles: Sequence[Cycle], anc: Sequence[Reading], threshold: float, today: date
) -> LowWindowNote | None:
    """`cycle.low_window`: today is in a cycle, on a day within the window of earlier cycles.

    Only cycles started and ANC results taken on or before `today` count.
    """
    current = cycle_on(cycles, today)
    if current is None:
        return None
    span, day = current
    started = [c for c in cycles if c.start <= today]
    earlier = [
        s
        for s in cycle_summaries(started, [r for r in anc if r.taken_at.date() <= today], threshold)
        if s.number < span.number
    ]
    window = nadir_window(earlier)
    if window is None or not window.contains(day):
        return None
    detail = (
        f"Today is day {day} of cycle {span.number}. {window.sentence} "
        "If you feel unwell or have a fever, contact your care team."
    )
    nadirs = tuple(
        s.nadir for s in earlier if s.nadir is not None and len(s.points) >= MIN_NADIR_RESULTS
    )
    return LowWindowNote(
        LOW_WINDOW_TITLE,
        detail,
        span.start + timedelta(days=window.first_day - 1),
        window,
        nadirs,
        span.number,
        day,
    )


def threshold_for(analyte: str, t: Thresholds) -> float:
    """The team's threshold of this analyte (the profile's `cycle_*` settings)."""
    return {"anc": t.cycle_anc, "wbc": t.cycle_wbc, "platelets": t.cycle_platelets}[analyte]
