"""The flags of CLINICAL.md, computed as of one moment from the records up to that moment.

`evaluate` is pure: it takes the profile and the records and returns the active flags, most
severe first. Ties keep the order of CLINICAL.md's table (`CODES`). Every number comes from the
profile's `Thresholds`, `reference.range_for` (the lab's own range wins) and
`reference.mild_neutropenia_limit`.

Choices the table leaves open, made here:

- "Latest" means the latest result of that analyte taken on or before the as-of moment.
- A value written with a comparator ("<0.5") is a bound: see `readings` (it counts as low only
  when the bound shows it is low; otherwise it is "not shown low" and ends a low run).
- A lab range with only a high limit ("<11") leaves the profile's lower limit in force.
- Run lengths are counted in calendar days between the dates of the first and the latest low
  result (09:00 on day 0 to 08:00 on day 21 is 21 days).
- Where both hold, `*.persistent` and `*.chronic` are both raised (chronic is "as persistent,
  with the run spanning at least 90 days"), next to the band flag of the latest result.
- `medication.associated` is one flag naming every medicine it applies to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.domain import clozapine
from leukotrack.domain.anc import anc_from_values
from leukotrack.domain.cycles import low_window_note
from leukotrack.domain.medicines import is_clozapine, lowers_white_cells, match_medicine
from leukotrack.domain.readings import Reading
from leukotrack.domain.records import (
    CountUnit,
    Cycle,
    Draw,
    Medication,
    Profile,
    ReferenceProfile,
    Sex,
    TemperatureReading,
    Thresholds,
)
from leukotrack.domain.reference import default_range, mild_neutropenia_limit, range_for
from leukotrack.domain.units import format_number
from leukotrack.domain.wording import days, on_day, show_celsius, show_count, show_limit

EMERGENCY_TEXT = (
    "Fever with low neutrophils is a medical emergency. "
    "Contact your care team or go to emergency care now."
)
DISCLAIMER = NOT_A_DIAGNOSIS


class Severity(Enum):
    """How much a flag matters; members compare by that (INFO < CAUTION < DANGER < EMERGENCY)."""

    INFO = "info"
    CAUTION = "caution"
    DANGER = "danger"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {Severity.INFO: 0, Severity.CAUTION: 1, Severity.DANGER: 2, Severity.EMERGENCY: 3}

# CLINICAL.md's table order: the tie-break between flags of the same severity.
CODES: tuple[str, ...] = (
    "leukopenia",
    "leukopenia.persistent",
    "leukopenia.chronic",
    "neutropenia.mild",
    "neutropenia.moderate",
    "neutropenia.severe",
    "neutropenia.persistent",
    "neutropenia.chronic",
    "lymphopenia",
    "pancytopenia",
    "febrile_neutropenia",
    "clozapine.mild",
    "clozapine.moderate",
    "clozapine.severe",
    "clozapine.test_due",
    "clozapine.test_overdue",
    "medication.associated",
    "cycle.low_window",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    taken_at: datetime
    analyte: str  # an analyte key, or "temperature"
    value: float  # canonical unit (a bound's number for "<0.5")


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    severity: Severity
    title: str
    detail: str
    since: datetime
    evidence: tuple[Evidence, ...]


def _evidence(readings: Iterable[Reading]) -> tuple[Evidence, ...]:
    return tuple(Evidence(r.taken_at, r.analyte, r.value) for r in readings)


# ---- series of readings -------------------------------------------------------------------


def lower_limit(draw: Draw, analyte: str, profile: Profile) -> float | None:
    """The lower limit that applied to `analyte` in `draw` (lab's own first, then profile)."""
    result = draw.get(analyte)
    if result is None:
        return None
    day = draw.taken_at.date()
    rng = range_for(result, profile, day)
    if rng is not None and rng.low is not None:
        return rng.low
    fallback = default_range(analyte, profile, day)
    return None if fallback is None else fallback.low


def series(draws: Sequence[Draw], analyte: str, profile: Profile) -> list[Reading]:
    """Every result of `analyte` in time order, with the lower limit that applied to it."""
    out: list[Reading] = []
    for d in draws:
        r = d.get(analyte)
        if r is not None:
            out.append(
                Reading(
                    d.taken_at, analyte, r.value, r.comparator, lower_limit(d, analyte, profile)
                )
            )
    return out


def draw_anc(draw: Draw) -> tuple[float, str | None, bool] | None:
    """(ANC, comparator, calculated?) of a draw: the lab's ANC, or calculated (anc.py)."""
    lab = next((r for r in draw.results if r.analyte == "anc" and not r.calculated), None)
    exact = {r.analyte: r.value for r in draw.results if r.comparator is None and not r.calculated}
    if lab is not None and lab.comparator is not None:
        bands = exact.get("bands", 0.0)
        return lab.value + bands, lab.comparator, False
    found = anc_from_values(exact)
    if found is not None:
        return found[0], None, found[1]
    stored = draw.get("anc")
    if stored is not None:
        return stored.value, stored.comparator, stored.calculated
    return None


def anc_series(draws: Sequence[Draw], profile: Profile) -> list[Reading]:
    """Every draw's ANC, with the mild-neutropenia limit of that day as its lower limit."""
    out: list[Reading] = []
    for d in draws:
        found = draw_anc(d)
        if found is not None:
            limit = mild_neutropenia_limit(profile, d.taken_at.date())
            out.append(Reading(d.taken_at, "anc", found[0], found[1], limit))
    return out


def low_run(readings: Sequence[Reading]) -> list[Reading]:
    """The unbroken run of low results that ends with the latest one (empty if it is not low)."""
    run: list[Reading] = []
    for r in reversed(readings):
        if not r.is_low:
            break
        run.append(r)
    run.reverse()
    return run


def run_days(run: Sequence[Reading]) -> int:
    return (run[-1].taken_at.date() - run[0].taken_at.date()).days if run else 0


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


# ---- the rules ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    profile: Profile
    as_of: datetime
    unit: CountUnit

    @property
    def t(self) -> Thresholds:
        return self.profile.thresholds

    def count(self, r: Reading) -> str:
        return show_count(r.value, self.unit, r.comparator)

    def limit(self, value: float) -> str:
        return show_limit(value, self.unit)


_NOUN = {"wbc": "white cells", "anc": "neutrophils", "lymphocytes": "lymphocytes"}


def _run_flags(
    ctx: _Context, run: list[Reading], analyte: str, prefix: str, noun_title: str
) -> list[Flag]:
    span = run_days(run)
    if len(run) < 2 or span < ctx.t.persistent_days:
        return []
    first, last = run[0], run[-1]
    detail = (
        f"Your {_NOUN[analyte]} have been low for {days(span)}: {len(run)} results in a row, from "
        f"{ctx.count(first)} {on_day(first.taken_at)} to {ctx.count(last)} "
        f"{on_day(last.taken_at)}, with no normal result between."
    )
    out = [
        Flag(
            f"{prefix}.persistent",
            Severity.CAUTION,
            f"{noun_title} low for {ctx.t.persistent_days} days or more",
            detail,
            first.taken_at,
            _evidence(run),
        )
    ]
    if span >= ctx.t.chronic_days:
        out.append(
            Flag(
                f"{prefix}.chronic",
                Severity.DANGER,
                f"{noun_title} low for {ctx.t.chronic_days} days or more (chronic)",
                detail,
                first.taken_at,
                _evidence(run),
            )
        )
    return out


def _limit_source(r: Reading, draws: Sequence[Draw]) -> str:
    for d in draws:
        if d.taken_at == r.taken_at:
            res = d.get(r.analyte)
            if res is not None and res.ref_low is not None:
                return "your lab's range"
    return "the usual range for your profile"


def leukopenia_flags(ctx: _Context, draws: Sequence[Draw]) -> list[Flag]:
    wbc = series(draws, "wbc", ctx.profile)
    run = low_run(wbc)
    if not run:
        return []
    last = run[-1]
    assert last.low_limit is not None
    source = _limit_source(last, draws)
    flags = [
        Flag(
            "leukopenia",
            Severity.CAUTION,
            "White cells below the normal range",
            f"Your white cells were {ctx.count(last)} {on_day(last.taken_at)}: below the lower "
            f"limit of {ctx.limit(last.low_limit)} ({source}).",
            run[0].taken_at,
            _evidence([last]),
        )
    ]
    return flags + _run_flags(ctx, run, "wbc", "leukopenia", "White cells")


_ANC_BANDS = {
    "neutropenia.mild": (
        "Neutrophils mildly low",
        "where the risk of infection is a little raised",
    ),
    "neutropenia.moderate": ("Neutrophils low", "where the risk of infection is high"),
    "neutropenia.severe": (
        "Neutrophils very low",
        "where the risk of serious infection is highest",
    ),
}


def anc_band(r: Reading, profile: Profile) -> str | None:
    """The neutropenia band code of one ANC, or None when it is not shown below the mild limit."""
    t = profile.thresholds
    if r.below(t.anc_severe):
        return "neutropenia.severe"
    if r.below(t.anc_moderate):
        return "neutropenia.moderate"
    if r.below(mild_neutropenia_limit(profile, r.taken_at.date())):
        return "neutropenia.mild"
    return None


def neutropenia_flags(ctx: _Context, draws: Sequence[Draw], anc: list[Reading]) -> list[Flag]:
    if not anc:
        return []
    last = anc[-1]
    code = anc_band(last, ctx.profile)
    flags: list[Flag] = []
    if code is not None:
        since = last.taken_at
        for r in reversed(anc):
            if anc_band(r, ctx.profile) != code:
                break
            since = r.taken_at
        limit = {
            "neutropenia.severe": ctx.t.anc_severe,
            "neutropenia.moderate": ctx.t.anc_moderate,
            "neutropenia.mild": mild_neutropenia_limit(ctx.profile, last.taken_at.date()),
        }[code]
        title, risk = _ANC_BANDS[code]
        calc = (
            " (calculated from the white cells and the differential)"
            if _calculated(draws, last)
            else ""
        )
        flags.append(
            Flag(
                code,
                Severity.CAUTION if code == "neutropenia.mild" else Severity.DANGER,
                title,
                f"Your neutrophils were {ctx.count(last)}{calc} {on_day(last.taken_at)}: below "
                f"{ctx.limit(limit)}, {risk}.",
                since,
                _evidence([last]),
            )
        )
    return flags + _run_flags(ctx, low_run(anc), "anc", "neutropenia", "Neutrophils")


def _calculated(draws: Sequence[Draw], r: Reading) -> bool:
    for d in draws:
        if d.taken_at == r.taken_at:
            found = draw_anc(d)
            return found is not None and found[2]
    return False


def lymphopenia_flags(ctx: _Context, draws: Sequence[Draw]) -> list[Flag]:
    lymph = series(draws, "lymphocytes", ctx.profile)
    if not lymph or not lymph[-1].is_low:
        return []
    last = lymph[-1]
    run = low_run(lymph)
    assert last.low_limit is not None
    return [
        Flag(
            "lymphopenia",
            Severity.CAUTION,
            "Lymphocytes below the normal range",
            f"Your lymphocytes were {ctx.count(last)} {on_day(last.taken_at)}: below the lower "
            f"limit of {ctx.limit(last.low_limit)} ({_limit_source(last, draws)}).",
            run[0].taken_at,
            _evidence([last]),
        )
    ]


def pancytopenia_flags(ctx: _Context, draws: Sequence[Draw]) -> list[Flag]:
    full = [d for d in draws if all(d.get(a) for a in ("wbc", "hemoglobin", "platelets"))]
    if not full:
        return []
    d = full[-1]
    t = ctx.t
    hgb_limit = (
        t.pancytopenia_hgb_male_below
        if ctx.profile.sex is Sex.MALE
        else t.pancytopenia_hgb_female_below
    )
    readings = {
        a: Reading(d.taken_at, a, r.value, r.comparator)
        for a in ("wbc", "hemoglobin", "platelets")
        if (r := d.get(a)) is not None
    }
    wbc, hgb, plt = readings["wbc"], readings["hemoglobin"], readings["platelets"]
    if not (
        wbc.below(t.pancytopenia_wbc_below)
        and hgb.below(hgb_limit)
        and plt.below(t.pancytopenia_platelets_below)
    ):
        return []
    return [
        Flag(
            "pancytopenia",
            Severity.DANGER,
            "White cells, hemoglobin and platelets all low",
            f"On {on_day(d.taken_at)[3:]}: "
            f"white cells {ctx.count(wbc)} (below {ctx.limit(t.pancytopenia_wbc_below)}), "
            f"hemoglobin {hgb.comparator or ''}{format_number(round(hgb.value, 2))} g/dL "
            f"(below {format_number(hgb_limit)}), platelets {ctx.count(plt)} "
            f"(below {ctx.limit(t.pancytopenia_platelets_below)}).",
            d.taken_at,
            _evidence([wbc, hgb, plt]),
        )
    ]


def _fevers(
    temps: Sequence[TemperatureReading], t: Thresholds, as_of: datetime
) -> list[tuple[datetime, tuple[TemperatureReading, ...]]]:
    """Each fever in the look-back window: (the moment it met the rule, the readings)."""
    start = as_of - timedelta(hours=t.fever_lookback_hours)
    window = sorted((r for r in temps if start <= r.taken_at <= as_of), key=lambda r: r.taken_at)
    eps = 1e-9
    out: list[tuple[datetime, tuple[TemperatureReading, ...]]] = []
    for r in window:
        if r.celsius + eps >= t.fever_once_c:
            out.append((r.taken_at, (r,)))
    hot = [r for r in window if r.celsius + eps >= t.fever_sustained_c]
    gap = timedelta(hours=t.fever_sustained_gap_hours)
    within = timedelta(hours=t.fever_sustained_within_hours)
    for j, b in enumerate(hot):
        for a in hot[:j]:
            if gap <= b.taken_at - a.taken_at <= within:
                out.append((b.taken_at, (a, b)))
                break
    out.sort(key=lambda f: f[0])
    return out


def febrile_flags(
    ctx: _Context, temps: Sequence[TemperatureReading], anc: list[Reading]
) -> list[Flag]:
    t = ctx.t
    for moment, readings in _fevers(temps, t, ctx.as_of):
        # The latest ANC up to the as-of moment, taken no more than 14 days before the fever.
        # CLINICAL.md says "taken up to 14 days before that fever"; a count drawn during the
        # fever itself (in the emergency department, say) is the most telling of all, so it
        # counts too, and a normal count after the fever replaces an older low one.
        oldest = moment - timedelta(days=t.febrile_anc_max_age_days)
        recent = [r for r in anc if oldest <= r.taken_at <= ctx.as_of]
        if not recent or not recent[-1].below(t.febrile_anc_below):
            continue
        low = recent[-1]
        fever = " and ".join(
            f"{show_celsius(r.celsius, r.entered)} {on_day(r.taken_at)}" for r in readings
        )
        evidence = tuple(Evidence(r.taken_at, "temperature", r.celsius) for r in readings)
        return [
            Flag(
                "febrile_neutropenia",
                Severity.EMERGENCY,
                "Fever with low neutrophils",
                f"{EMERGENCY_TEXT} Your temperature was {fever}; your neutrophils were "
                f"{ctx.count(low)} {on_day(low.taken_at)}.",
                moment,
                (*evidence, *_evidence([low])),
            )
        ]
    return []


def _active_clozapine(meds: Sequence[Medication], day: date) -> list[Medication]:
    return [m for m in meds if m.active_on(day) and is_clozapine(m.name)]


_CLOZAPINE_BANDS = {
    clozapine.Level.MILD: ("clozapine.mild", Severity.CAUTION, "mild"),
    clozapine.Level.MODERATE: ("clozapine.moderate", Severity.DANGER, "moderate"),
    clozapine.Level.SEVERE: ("clozapine.severe", Severity.DANGER, "severe"),
}
_CPMS_BANDS = {
    clozapine.Level.MILD: ("clozapine.mild", Severity.CAUTION, "amber"),
    clozapine.Level.SEVERE: ("clozapine.severe", Severity.DANGER, "red"),
}


def count_tests(draws: Sequence[Draw], profile: Profile) -> list[clozapine.CountTest]:
    anc = {r.taken_at: r for r in anc_series(draws, profile)}
    wbc = {r.taken_at: r for r in series(draws, "wbc", profile)}
    return [
        clozapine.CountTest(d.taken_at, wbc.get(d.taken_at), anc.get(d.taken_at))
        for d in draws
        if d.taken_at in anc or d.taken_at in wbc
    ]


def clozapine_due(
    profile: Profile, draws: Sequence[Draw], meds: Sequence[Medication], as_of: datetime
) -> tuple[clozapine.DueTest, Medication] | None:
    """The next clozapine blood count (as of `as_of`), when a clozapine medicine is active."""
    active = _active_clozapine(meds, as_of.date())
    if not active:
        return None
    med = min(active, key=lambda m: m.start)
    draws = [d for d in draws if d.taken_at <= as_of]
    if profile.thresholds.clozapine_scheme == clozapine.UK_CPMS:
        due = clozapine.cpms_next_test(med.start, count_tests(draws, profile), as_of)
    else:
        due = clozapine.fda_next_test(
            med.start,
            anc_series(draws, profile),
            as_of,
            profile.thresholds,
            profile.reference is ReferenceProfile.DUFFY_NULL,
        )
    return None if due is None else (due, med)


def clozapine_flags(
    ctx: _Context, draws: Sequence[Draw], anc: list[Reading], meds: Sequence[Medication]
) -> list[Flag]:
    active = _active_clozapine(meds, ctx.as_of.date())
    if not active:
        return []
    name = min(active, key=lambda m: m.start).name
    flags: list[Flag] = []
    duffy = ctx.profile.reference is ReferenceProfile.DUFFY_NULL
    if ctx.t.clozapine_scheme == clozapine.UK_CPMS:
        tests = count_tests(draws, ctx.profile)
        if tests:
            last_test = tests[-1]
            level = clozapine.cpms_level(last_test.wbc, last_test.anc)
            if level in _CPMS_BANDS:
                code, sev, word = _CPMS_BANDS[level]
                shown = [r for r in (last_test.wbc, last_test.anc) if r is not None]
                values = " and ".join(f"{_NOUN[r.analyte]} {ctx.count(r)}" for r in shown)
                flags.append(
                    Flag(
                        code,
                        sev,
                        f"Clozapine monitoring: {word} result",
                        f"While taking {name}: {values} {on_day(last_test.taken_at)}, {word} in "
                        "the UK monitoring scheme. Tell the team that prescribes your clozapine; "
                        "they decide what happens next.",
                        last_test.taken_at,
                        _evidence(shown),
                    )
                )
    elif anc:
        last = anc[-1]
        level = clozapine.fda_level(last, ctx.t, duffy)
        if level in _CLOZAPINE_BANDS:
            code, sev, word = _CLOZAPINE_BANDS[level]
            column = " (Duffy-null column)" if duffy else ""
            flags.append(
                Flag(
                    code,
                    sev,
                    f"Clozapine monitoring: neutrophils in the {word} range",
                    f"While taking {name}, your neutrophils were {ctx.count(last)} "
                    f"{on_day(last.taken_at)}: in the clozapine label's {word} range{column}. "
                    "Tell the team that prescribes your clozapine; they decide what happens next.",
                    last.taken_at,
                    _evidence([last]),
                )
            )
    found = clozapine_due(ctx.profile, draws, meds, ctx.as_of)
    if found is not None:
        due, _ = found
        today = ctx.as_of.date()
        last_anc = [r for r in anc if r.taken_at <= ctx.as_of][-1:]
        after = (
            f" The last count was {ctx.count(last_anc[0])} {on_day(last_anc[0].taken_at)}."
            if last_anc
            else ""
        )
        if today == due.due:
            flags.append(
                Flag(
                    "clozapine.test_due",
                    Severity.INFO,
                    "Clozapine blood test due today",
                    f"Your next blood count for {name} is due today, {on_day(due.due)[3:]} "
                    f"({due.reason}).{after}",
                    _midnight(due.due),
                    _evidence(last_anc),
                )
            )
        elif today > due.due:
            late = (today - due.due).days
            flags.append(
                Flag(
                    "clozapine.test_overdue",
                    Severity.CAUTION,
                    "Clozapine blood test overdue",
                    f"Your blood count for {name} was due {on_day(due.due)}, {days(late)} ago "
                    f"({due.reason}).{after}",
                    _midnight(due.due),
                    _evidence(last_anc),
                )
            )
    return flags


def medication_flags(
    ctx: _Context, meds: Sequence[Medication], wbc: list[Reading], anc: list[Reading]
) -> list[Flag]:
    runs = [run for run in (low_run(wbc), low_run(anc)) if run]
    first_low = min((run[0] for run in runs), key=lambda r: r.taken_at, default=None)
    today = ctx.as_of.date()
    parts: list[str] = []
    starts: list[date] = []
    for m in sorted(meds, key=lambda m: (m.start, m.name)):
        if m.start > today or not lowers_white_cells(m):
            continue
        known = match_medicine(m.name)
        what = (
            f"{known.group}, known to lower white cells"
            if known is not None
            else f"marked as {m.kind.value}"
        )
        gap = None if first_low is None else (first_low.taken_at.date() - m.start).days
        within = gap is not None and 1 <= gap <= ctx.t.medication_window_days
        active = m.active_on(today)
        if not (active or within):
            continue
        if active:
            taken = f"taken since {on_day(m.start)[3:]}"
        else:
            assert m.stop is not None  # not active today, started before today: it stopped
            taken = f"taken from {on_day(m.start)[3:]} to {on_day(m.stop)[3:]}"
        text = f"{m.name} ({what}), {taken}"
        if first_low is not None and gap is not None and gap >= 0:
            text += f", started {days(gap)} before the first low result of the current run"
            stopped = None if m.stop is None else (first_low.taken_at.date() - m.stop).days
            if stopped is not None and stopped > 0:
                text += f" and stopped {days(stopped)} before it"
        parts.append(text)
        starts.append(m.start)
    if not parts:
        return []
    low = (
        f" The current low run began with {_NOUN[first_low.analyte]} {ctx.count(first_low)} "
        f"{on_day(first_low.taken_at)}."
        if first_low is not None
        else ""
    )
    return [
        Flag(
            "medication.associated",
            Severity.INFO,
            "A medicine that can lower white cells",
            "; ".join(parts) + "." + low + " Your care team can tell you whether it plays a part.",
            _midnight(min(starts)),
            _evidence([first_low] if first_low is not None else []),
        )
    ]


def sort_flags(flags: Iterable[Flag]) -> list[Flag]:
    """Most severe first; then CLINICAL.md's table order; then oldest `since` first."""
    return sorted(flags, key=lambda f: (-f.severity.rank, CODES.index(f.code), f.since))


def evaluate(
    profile: Profile,
    draws: Sequence[Draw],
    temperatures: Sequence[TemperatureReading],
    medications: Sequence[Medication],
    as_of: datetime,
    count_unit: CountUnit | None = None,
    cycles: Sequence[Cycle] = (),
) -> list[Flag]:
    """The flags active as of `as_of`, from the records dated on or before it."""
    ctx = _Context(profile, as_of, count_unit or profile.count_unit)
    draws = sorted((d for d in draws if d.taken_at <= as_of), key=lambda d: d.taken_at)
    temps = [t for t in temperatures if t.taken_at <= as_of]
    meds = [m for m in medications if m.start <= as_of.date()]
    anc = anc_series(draws, profile)
    wbc = series(draws, "wbc", profile)
    flags = [
        *leukopenia_flags(ctx, draws),
        *neutropenia_flags(ctx, draws, anc),
        *lymphopenia_flags(ctx, draws),
        *pancytopenia_flags(ctx, draws),
        *febrile_flags(ctx, temps, anc),
        *clozapine_flags(ctx, draws, anc, meds),
        *medication_flags(ctx, meds, wbc, anc),
        *cycle_flags(ctx, cycles, anc),
    ]
    return sort_flags(flags)


def cycle_flags(ctx: _Context, cycles: Sequence[Cycle], anc: list[Reading]) -> list[Flag]:
    """`cycle.low_window` (CLINICAL.md "Treatment cycles"); it never says more than its text."""
    note = low_window_note(cycles, anc, ctx.t.cycle_anc, ctx.as_of.date())
    if note is None:
        return []
    evidence = tuple(Evidence(n.taken_at, "anc", n.value) for n in note.nadirs)
    return [
        Flag(
            "cycle.low_window",
            Severity.INFO,
            note.title,
            note.detail,
            _midnight(note.since),
            evidence,
        )
    ]
