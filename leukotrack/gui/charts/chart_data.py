"""What the trend chart draws, computed without Qt: series, bands, zones, spans and markers.

Both the on-screen chart (pyqtgraph) and the report's painter read one `ChartData`. The x axis is
seconds since the epoch (local time, as pyqtgraph's DateAxisItem shows it); y values are in the
person's display unit for each analyte.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.ctcae import ctcae_grade
from leukotrack.domain.growth_factors import injection_days
from leukotrack.domain.medicines import lowers_white_cells
from leukotrack.domain.records import CountUnit, Medication, MedicationKind, Profile
from leukotrack.domain.reference import Range, default_range, mild_neutropenia_limit, range_for
from leukotrack.domain.units import format_number
from leukotrack.services.results import display_unit, show_value
from leukotrack.services.timeline import Timeline

DAY = 86400.0
SELECTABLE = ("wbc", "anc", "lymphocytes", "monocytes", "hemoglobin", "platelets")
DEFAULT_ANALYTES = ("wbc", "anc")
COUNT_PANEL = ("wbc", "anc", "lymphocytes", "monocytes")  # share one axis: same unit and scale
OWN_PANEL = ("hemoglobin", "platelets")  # a scale of their own, each in a panel
BAND_MARGIN_DAYS = 5 * 365  # bands reach this far past the data, so panning never ends them


# Generic names CLINICAL.md lists as lowering white cells; used when no better matcher is given.
def to_x(moment: datetime | date) -> float:
    """Seconds since the epoch; a bare date is placed at noon."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(12))
    return moment.timestamp()


def day_start(day: date) -> float:
    return datetime.combine(day, time.min).timestamp()


@dataclass(frozen=True, slots=True)
class Band:
    """A shaded rectangle in data coordinates: [x0, x1) × [low, high]."""

    x0: float
    x1: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Zone:
    """One neutropenia zone (ANC), as bands in time (the mild limit may change with age)."""

    name: str  # "mild", "moderate", "severe"
    label: str
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class Series:
    """One analyte's results, sorted by time, in the display unit."""

    key: str
    label: str
    unit: str
    x: np.ndarray
    y: np.ndarray
    calculated: np.ndarray  # bool per point
    hover: tuple[str, ...]  # what hovering a point says
    grades: tuple[int | None, ...]
    normal: tuple[Band, ...]  # the profile's default range
    lab_steps: tuple[Band, ...]  # the lab's own range, where it differs from the default
    lab_latest: bool = False  # the most recent result carries a lab range that differs

    def __len__(self) -> int:
        return len(self.x)

    def visible_extent(self, x0: float, x1: float) -> tuple[float, float] | None:
        """Min and max y of the points with x in [x0, x1] (binary search, no scan of x)."""
        i = int(np.searchsorted(self.x, x0, side="left"))
        j = int(np.searchsorted(self.x, x1, side="right"))
        if j <= i:
            return None
        part = self.y[i:j]
        return float(part.min()), float(part.max())

    def nearest(self, x: float) -> int | None:
        """Index of the point nearest in time to `x` (binary search)."""
        n = len(self.x)
        if n == 0:
            return None
        i = int(np.searchsorted(self.x, x))
        if i <= 0:
            return 0
        if i >= n:
            return n - 1
        return i if self.x[i] - x < x - self.x[i - 1] else i - 1


@dataclass(frozen=True, slots=True)
class Span:
    """A medicine or an infection over time; `lane` is its row along the top."""

    label: str
    x0: float
    x1: float
    lane: int
    emphasised: bool
    ongoing: bool
    hover: str


@dataclass(frozen=True, slots=True)
class Marker:
    """A fever reading: a point in time with its own lane."""

    x: float
    label: str
    hover: str


@dataclass(frozen=True)
class ChartData:
    series: dict[str, Series]
    zones: tuple[Zone, ...]
    medicines: tuple[Span, ...]
    medicine_lanes: int
    infections: tuple[Span, ...]
    fevers: tuple[Marker, ...]
    fever_c: float  # readings at or above this are marked (the profile's sustained-fever mark)
    fatigue_x: np.ndarray  # middle of each week
    fatigue_y: np.ndarray  # weekly average score
    fatigue_hover: tuple[str, ...]
    x_min: float  # first and last moment with data
    x_max: float
    count_unit: str
    has_draws: bool
    is_empty: bool
    # growth-factor (G-CSF) days: (x at noon, lane of their medicine, hover text)
    gcsf: tuple[tuple[float, int, str], ...] = ()


def _unit_symbol(key: str, count_unit: CountUnit) -> str:
    unit = display_unit(key, count_unit)
    return unit.symbol if unit is not None else ANALYTES[key].canonical_unit


def _scale(key: str, count_unit: CountUnit) -> float:
    unit = display_unit(key, count_unit)
    return 1.0 if unit is None else unit.from_canonical(1.0)


def _range_text(rng: Range | None, key: str, count_unit: CountUnit) -> str:
    if rng is None:
        return "no range"
    sym = _unit_symbol(key, count_unit)
    k = _scale(key, count_unit)
    decimals = 0 if k >= 1000 else None

    def num(v: float) -> str:
        return format_number(round(v * k, 2) if decimals is None else round(v * k), decimals)

    if rng.low is not None and rng.high is not None:
        body = f"{num(rng.low)}–{num(rng.high)}"
    elif rng.low is not None:
        body = f"≥ {num(rng.low)}"
    else:
        body = f"≤ {num(rng.high or 0.0)}"
    who = "lab's range" if rng.source == "lab" else "default range"
    return f"{who} {body} {sym}"


def merge_steps(
    steps: Sequence[tuple[float, float | None, float | None]], x_end: float
) -> tuple[Band, ...]:
    """Turn (x, low, high) at each point into bands running to the next point, merging equal ones.

    A step without a high limit draws nothing; a missing low limit is 0.
    """
    bands: list[Band] = []
    for i, (x, low, high) in enumerate(steps):
        nxt = steps[i + 1][0] if i + 1 < len(steps) else x_end
        if high is None or nxt <= x:
            continue
        lo = 0.0 if low is None else low
        if bands and bands[-1].x1 == x and (bands[-1].low, bands[-1].high) == (lo, high):
            bands[-1] = Band(bands[-1].x0, nxt, lo, high)
        else:
            bands.append(Band(x, nxt, lo, high))
    return tuple(bands)


def _series(key: str, timeline: Timeline, x_first: float, x_last: float) -> Series | None:
    profile = timeline.profile
    cu = profile.count_unit
    k = _scale(key, cu)
    xs: list[float] = []
    ys: list[float] = []
    calc: list[bool] = []
    hover: list[str] = []
    grades: list[int | None] = []
    default_steps: list[tuple[float, float | None, float | None]] = []
    lab_steps: list[tuple[float, float | None, float | None]] = []
    for draw in timeline.draws:
        r = draw.get(key)
        if r is None:
            continue
        day = draw.taken_at.date()
        x = to_x(draw.taken_at)
        own = range_for(r, profile, day)
        dflt = default_range(key, profile, day)
        grade = ctcae_grade(
            key, r.value, own.low if own else None, profile.thresholds.ctcae_version
        )
        xs.append(x)
        ys.append(r.value * k)
        calc.append(r.calculated)
        grades.append(grade)
        d_low = dflt.low * k if dflt and dflt.low is not None else None
        d_high = dflt.high * k if dflt and dflt.high is not None else None
        default_steps.append((x, d_low, d_high))
        if r.has_lab_range and own is not None:
            lab_low = own.low * k if own.low is not None else d_low
            lab_high = own.high * k if own.high is not None else d_high
            differs = (lab_low, lab_high) != (d_low, d_high)
            lab_steps.append((x, lab_low, lab_high) if differs else (x, None, None))
        else:
            lab_steps.append((x, None, None))
        parts = [
            f"{draw.taken_at:%d %b %Y %H:%M}",
            f"{ANALYTES[key].short} {show_value(key, r.value, cu, r.comparator)}"
            + (" (calculated)" if r.calculated else ""),
            _range_text(own, key, cu),
        ]
        if grade is not None:
            parts.append(f"CTCAE grade {grade}")
        if draw.lab:
            parts.append(draw.lab)
        hover.append("\n".join(parts))
    if not xs:
        return None
    lab_latest = lab_steps[-1][2] is not None
    if default_steps:
        x0, lo, hi = default_steps[0]
        default_steps[0] = (min(x0, x_first) - BAND_MARGIN_DAYS * DAY, lo, hi)
    return Series(
        key,
        ANALYTES[key].short,
        _unit_symbol(key, cu),
        np.asarray(xs, dtype=np.float64),
        np.asarray(ys, dtype=np.float64),
        np.asarray(calc, dtype=bool),
        tuple(hover),
        tuple(grades),
        merge_steps(default_steps, x_last + BAND_MARGIN_DAYS * DAY),
        merge_steps(lab_steps, x_last),
        lab_latest,
    )


def _zones(profile: Profile, anc: Series | None, x_first: float, x_last: float) -> tuple[Zone, ...]:
    """Mild / moderate / severe neutropenia under CLINICAL.md's thresholds, in the display unit."""
    k = _scale("anc", profile.count_unit)
    th = profile.thresholds
    days = [datetime.fromtimestamp(x).date() for x in anc.x] if anc is not None else []
    if not days:
        days = [datetime.fromtimestamp(x_last).date()]
    xs = [to_x(d) for d in days]
    xs[0] = min(xs[0], x_first) - BAND_MARGIN_DAYS * DAY
    end = x_last + BAND_MARGIN_DAYS * DAY
    mild = [
        (x, th.anc_moderate * k, mild_neutropenia_limit(profile, d) * k)
        for x, d in zip(xs, days, strict=True)
    ]
    unit = _unit_symbol("anc", profile.count_unit)

    def lim(v: float) -> str:
        return format_number(round(v * k, 2))

    mild_bands = tuple(b for b in merge_steps(mild, end) if b.high > b.low)
    return (
        Zone(
            "mild",
            f"mild neutropenia ({lim(th.anc_moderate)}–{lim(mild[-1][2] / k)} {unit})",
            mild_bands,
        ),
        Zone(
            "moderate",
            f"moderate ({lim(th.anc_severe)}–{lim(th.anc_moderate)})",
            merge_steps([(xs[0], th.anc_severe * k, th.anc_moderate * k)], end),
        ),
        Zone(
            "severe",
            f"severe (< {lim(th.anc_severe)})",
            merge_steps([(xs[0], 0.0, th.anc_severe * k)], end),
        ),
    )


def pack_lanes(intervals: Sequence[tuple[float, float]]) -> list[int]:
    """Greedy lanes for intervals (in the given order): each takes the first lane free by then."""
    lane_ends: list[float] = []
    lanes: list[int] = []
    for x0, x1 in intervals:
        for lane, end in enumerate(lane_ends):
            if end <= x0:
                lane_ends[lane] = x1
                lanes.append(lane)
                break
        else:
            lane_ends.append(x1)
            lanes.append(len(lane_ends) - 1)
    return lanes


def _medicines(
    meds: Iterable[Medication],
    x_last: float,
    lowers: Callable[[Medication], bool],
) -> tuple[tuple[Span, ...], int]:
    ordered = sorted(meds, key=lambda m: (m.start, m.name.lower()))
    ivals = [
        (
            day_start(m.start),
            day_start(m.stop + timedelta(days=1))
            if m.stop
            else max(x_last, day_start(m.start) + DAY),
        )
        for m in ordered
    ]
    lanes = pack_lanes([(a, b + 2 * DAY) for a, b in ivals])  # a gap so labels don't touch
    spans = []
    for m, (x0, x1), lane in zip(ordered, ivals, lanes, strict=True):
        low = lowers(m)
        when = f"{m.start:%d %b %Y} – " + (f"{m.stop:%d %b %Y}" if m.stop else "ongoing")
        text = [m.name, when]
        if m.dose:
            text.append(m.dose)
        if m.kind is not MedicationKind.OTHER:
            text.append(m.kind.value)
        if low:
            text.append("known to lower white cells")
        spans.append(Span(m.name, x0, x1, lane, low, m.stop is None, "\n".join(text)))
    return tuple(spans), (max(lanes) + 1 if lanes else 0)


def _infections(timeline: Timeline) -> tuple[Span, ...]:
    out = []
    for inf in sorted(timeline.infections, key=lambda i: i.start):
        end = inf.end or inf.start
        text = [
            inf.kind,
            f"{inf.start:%d %b %Y}" + (f" – {end:%d %b %Y}" if end != inf.start else ""),
        ]
        if inf.treatment.value != "none":
            text.append(f"treated: {inf.treatment.value}")
        if inf.max_temp_c is not None:
            text.append(f"highest {format_number(round(inf.max_temp_c, 1))} °C")
        out.append(
            Span(
                inf.kind,
                day_start(inf.start),
                day_start(end + timedelta(days=1)),
                0,
                inf.treatment.value == "hospital",
                False,
                "\n".join(text),
            )
        )
    return tuple(out)


def _fevers(timeline: Timeline, fever_c: float) -> tuple[Marker, ...]:
    return tuple(
        Marker(
            to_x(t.taken_at),
            f"{format_number(round(t.celsius, 1))}°",
            f"{t.taken_at:%d %b %Y %H:%M}\nfever {format_number(round(t.celsius, 1))} °C"
            + (f" (entered {t.entered})" if t.entered and "F" in t.entered else ""),
        )
        for t in sorted(timeline.temperatures, key=lambda t: t.taken_at)
        if t.celsius >= fever_c
    )


def weekly_fatigue(timeline: Timeline) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Average fatigue per calendar week (Monday to Sunday), at the middle of the week."""
    weeks: dict[date, list[int]] = {}
    for f in timeline.fatigue:
        monday = f.day - timedelta(days=f.day.weekday())
        weeks.setdefault(monday, []).append(f.score)
    xs, ys, texts = [], [], []
    for monday in sorted(weeks):
        scores = weeks[monday]
        avg = sum(scores) / len(scores)
        xs.append(day_start(monday) + 3.5 * DAY)
        ys.append(avg)
        texts.append(
            f"week of {monday:%d %b %Y}\nfatigue {format_number(round(avg, 1))} / 10"
            f" (average of {len(scores)} day{'s' if len(scores) != 1 else ''})"
        )
    return np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64), tuple(texts)


def _extent(timeline: Timeline) -> tuple[float, float] | None:
    xs = [to_x(d.taken_at) for d in timeline.draws[:1] + timeline.draws[-1:]]
    xs += [to_x(t.taken_at) for t in timeline.temperatures]
    xs += [to_x(f.day) for f in timeline.fatigue[:1] + timeline.fatigue[-1:]]
    for inf in timeline.infections:
        xs += [day_start(inf.start), day_start((inf.end or inf.start) + timedelta(days=1))]
    for m in timeline.medications:
        xs.append(day_start(m.start))
        if m.stop:
            xs.append(day_start(m.stop + timedelta(days=1)))
    if not xs:
        return None
    return min(xs), max(xs)


def build_chart_data(
    timeline: Timeline,
    analytes: Iterable[str] = SELECTABLE,
    lowers: Callable[[Medication], bool] = lowers_white_cells,
) -> ChartData:
    """Everything the chart draws for `timeline`."""
    extent = _extent(timeline)
    x_first, x_last = extent if extent else (to_x(date.today()) - 90 * DAY, to_x(date.today()))
    if x_last - x_first < DAY:
        x_first, x_last = x_first - DAY, x_last + DAY
    series = {}
    for key in analytes:
        s = _series(key, timeline, x_first, x_last)
        if s is not None:
            series[key] = s
    meds, lanes = _medicines(timeline.medications, x_last, lowers)
    gcsf = _gcsf(timeline.medications, meds)
    fx, fy, ftext = weekly_fatigue(timeline)
    return ChartData(
        series=series,
        zones=_zones(timeline.profile, series.get("anc"), x_first, x_last),
        medicines=meds,
        medicine_lanes=lanes,
        infections=_infections(timeline),
        fevers=_fevers(timeline, timeline.profile.thresholds.fever_sustained_c),
        fever_c=timeline.profile.thresholds.fever_sustained_c,
        fatigue_x=fx,
        fatigue_y=fy,
        fatigue_hover=ftext,
        x_min=x_first,
        x_max=x_last,
        count_unit=_unit_symbol("wbc", timeline.profile.count_unit),
        has_draws=bool(timeline.draws),
        is_empty=timeline.is_empty,
        gcsf=gcsf,
    )


def _gcsf(meds: Iterable[Medication], spans: Sequence[Span]) -> tuple[tuple[float, int, str], ...]:
    """A marker on each day a growth factor was given, in the lane of its medicine's bar."""
    out = []
    ordered = sorted(meds, key=lambda m: (m.start, m.name.lower()))  # the order of the spans
    for m, span in zip(ordered, spans, strict=True):
        for d in injection_days(m, date.today()):
            out.append(
                (
                    day_start(d) + DAY / 2,
                    span.lane,
                    f"{m.name}\n{d:%d %b %Y}\ngrowth factor (G-CSF)",
                )
            )
    return tuple(out)


def fever_legend(fever_c: float) -> str:
    """The legend's words for the fever marks, from the profile's threshold."""
    return f"temperature ≥ {format_number(round(fever_c, 1), 1)} °C"


def band_legend(label: str) -> str:
    """The shaded band is the profile's default range; the lab's own range is drawn dashed."""
    return f"{label} usual range (profile)"


LAB_RANGE_LEGEND = "your lab's range"
