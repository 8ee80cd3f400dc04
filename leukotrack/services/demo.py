"""A fictional, clinically plausible two-year history for trying LeukoTrack out.

"Alex Demo" starts clozapine, has a neutropenic dip four months in, a six-cycle course of
R-CHOP every 21 days (nadirs around day 10, one with fever and a chest infection; pegfilgrastim
from cycle 3 on raises the later nadirs), and a white count that has stayed a little low in
recent months. Counts were taken 2–3 times in some cycles and once in others. No real person's
data.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from leukotrack.domain.anc import calculated_anc_result
from leukotrack.domain.care import CareContact, Visit
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import (
    Cycle,
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    MedicationKind,
    Profile,
    ReferenceProfile,
    Result,
    Sex,
    TemperatureReading,
    Treatment,
)
from leukotrack.domain.units import format_number
from leukotrack.storage.db import Database

DEMO_NAME = "Alex Demo (fictional)"
CYCLE_DAYS = 21
CHEMO_DAYS = [430 + CYCLE_DAYS * k for k in range(6)]  # day 1 of each cycle, after `start`
# blood tests in each cycle, as days after day 1 (day 21 is the day before the next cycle)
CYCLE_TESTS = [(0, 9, 20), (9, 12, 20), (10,), (0, 10, 13), (9, 20), (11,)]
# the nadir of each cycle: pegfilgrastim from cycle 3 on keeps the later ones higher
ANC_NADIRS = [0.62, 0.42, 1.05, 0.95, 1.1, 0.98]
WBC_NADIRS = [1.8, 1.3, 2.6, 2.4, 2.7, 2.5]


def _cycle_points(nadirs: list[float], day1: float, recovered: float) -> list[tuple[int, float]]:
    """A count falling to each cycle's nadir on day 10 and recovering by day 17."""
    out: list[tuple[int, float]] = []
    for c, low in zip(CHEMO_DAYS, nadirs, strict=True):
        out += [(c, day1), (c + 9, low), (c + 16, recovered)]
    return out


def demo_cycles(today: date) -> list[Cycle]:
    """The six R-CHOP cycles of the demo history."""
    start = today - timedelta(days=730)
    return [
        Cycle(start + timedelta(days=c), "R-CHOP", CYCLE_DAYS, "" if i else "first cycle")
        for i, c in enumerate(CHEMO_DAYS)
    ]


def _smooth(day: int, points: list[tuple[int, float]]) -> float:
    """Piecewise-linear curve through (day, value) points."""
    if day <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in itertools.pairwise(points):
        if d0 <= day <= d1:
            return v0 + (v1 - v0) * (day - d0) / (d1 - d0)
    return points[-1][1]


def _add(
    results: list[Result],
    key: str,
    value: float,
    unit: str,
    decimals: int,
    low: float | None = None,
    high: float | None = None,
) -> None:
    v = round(value, decimals)
    results.append(Result(key, v, f"{format_number(v)} {unit}", None, low, high))


def demo_history(
    today: date,
) -> tuple[
    Profile,
    list[Draw],
    list[TemperatureReading],
    list[FatigueEntry],
    list[Infection],
    list[Medication],
]:
    rng = random.Random(20261121)
    start = today - timedelta(days=730)
    clozapine_start = start + timedelta(days=14)
    chemo_days = CHEMO_DAYS  # days after `start` of each cycle's day 1

    # ANC and WBC shapes over the two years (day after start -> value, 10^9/L)
    anc_curve = [
        (0, 2.6),
        (120, 2.3),
        (130, 1.4),
        (140, 1.2),
        (150, 1.3),
        (165, 1.8),
        (190, 2.3),
        (420, 2.2),
        *_cycle_points(ANC_NADIRS, 2.1, 1.8),
        (575, 1.9),
        (620, 1.7),
        (730, 1.75),
    ]
    wbc_curve = [
        (0, 5.4),
        (120, 5.0),
        (130, 3.6),
        (140, 3.3),
        (150, 3.5),
        (165, 4.2),
        (190, 4.9),
        (420, 4.8),
        *_cycle_points(WBC_NADIRS, 4.4, 3.9),
        (575, 4.3),
        (610, 3.9),
        (730, 3.7),
    ]

    days: set[int] = set()
    d = 14
    while d <= 730:
        days.add(d)
        since = d - 14
        d += 7 if since < 182 else (14 if since < 365 else 28)
    days.update({0, 126, 130, 133, 136, 140, 143, 147})  # tested more often during the dip
    course_end = chemo_days[-1] + CYCLE_DAYS
    days = {x for x in days if not chemo_days[0] <= x < course_end}  # tested on cycle days only
    days.update({chemo_days[0] - 1})
    for c, offsets in zip(chemo_days, CYCLE_TESTS, strict=True):
        days.update(c + o for o in offsets)
    days = {x for x in days if x <= 725}

    draws: list[Draw] = []
    for day in sorted(days):
        when = datetime.combine(
            start + timedelta(days=day), time(8 + rng.randint(0, 3), rng.choice((0, 15, 30, 45)))
        )
        wbc = max(0.6, _smooth(day, wbc_curve) * rng.uniform(0.95, 1.05))
        anc = max(0.1, min(_smooth(day, anc_curve) * rng.uniform(0.95, 1.05), wbc * 0.8))
        lymph = max(0.4, (wbc - anc) * rng.uniform(0.72, 0.8))
        mono = max(0.05, wbc - anc - lymph - 0.08)
        hgb = _smooth(
            day, [(0, 13.1), (430, 12.8), (470, 10.6), (520, 11.8), (730, 12.6)]
        ) + rng.uniform(-0.3, 0.3)
        plt = _smooth(
            day, [(0, 245), (430, 230), (470, 128), (520, 190), (730, 220)]
        ) * rng.uniform(0.93, 1.07)
        city = day >= 365
        results: list[Result] = []

        if city:  # the hospital lab reports absolute counts, in 10^9/L, with its own ranges
            _add(results, "wbc", wbc, "10^9/L", 2, 4.0, 11.0)
            _add(results, "anc", anc, "10^9/L", 2, 2.0, 7.5)
            _add(results, "lymphocytes", lymph, "10^9/L", 2, 1.0, 4.0)
            _add(results, "monocytes", mono, "10^9/L", 2, 0.2, 1.0)
            _add(results, "hemoglobin", hgb, "g/dL", 1, 11.5, 15.5)
            _add(results, "platelets", plt, "10^9/L", 0, 150, 400)
        else:  # the clinic reports K/µL and a differential in %: ANC is calculated
            _add(results, "wbc", wbc, "K/µL", 1)
            neut_pct = round(anc / wbc * 100)
            lymph_pct = round(lymph / wbc * 100)
            mono_pct = max(1, min(100 - neut_pct - lymph_pct - 1, round(mono / wbc * 100)))
            _add(results, "neutrophils_pct", neut_pct, "%", 0)
            _add(results, "lymphocytes_pct", lymph_pct, "%", 0)
            _add(results, "monocytes_pct", mono_pct, "%", 0)
            _add(results, "hemoglobin", hgb, "g/dL", 1)
            _add(results, "platelets", plt, "K/µL", 0)
            calc = calculated_anc_result(results)
            if calc is not None:
                results.append(calc)
        lab = "City Hospital Laboratory" if city else "Riverside Clinic"
        draws.append(Draw(when, tuple(results), lab, "demo"))

    temps: list[TemperatureReading] = []
    for day in range(20, 726, 9):
        when = datetime.combine(start + timedelta(days=day), time(19, 0))
        celsius = round(rng.uniform(36.4, 37.1), 1)
        temps.append(TemperatureReading(when, celsius, f"{format_number(celsius)} °C"))
    fever_day = start + timedelta(days=chemo_days[1] + 9)
    temps += [
        TemperatureReading(datetime.combine(fever_day, time(18, 10)), 38.1, "38.1 °C"),
        TemperatureReading(datetime.combine(fever_day, time(21, 40)), 38.6, "38.6 °C"),
        TemperatureReading(
            datetime.combine(fever_day + timedelta(days=1), time(7, 30)), 38.0, "100.4 °F"
        ),
        TemperatureReading(
            datetime.combine(start + timedelta(days=95), time(20, 0)), 37.9, "37.9 °C"
        ),
        TemperatureReading(
            datetime.combine(start + timedelta(days=590), time(22, 0)), 38.1, "38.1 °C"
        ),
    ]
    temps.sort(key=lambda t: t.taken_at)

    fatigue: list[FatigueEntry] = []
    for day in range(3, 726, 3):
        base = 3.0
        for c in chemo_days:
            if 0 <= day - c <= 14:
                base = 7.0 - (day - c) * 0.2
        if 126 <= day <= 150:
            base = 5.0
        score = max(0, min(10, round(base + rng.uniform(-1.2, 1.2))))
        note = (
            "after chemotherapy" if base >= 5 and any(0 <= day - c <= 3 for c in chemo_days) else ""
        )
        fatigue.append(FatigueEntry(start + timedelta(days=day), score, note))

    infections = [
        Infection(
            start + timedelta(days=93),
            "cold (upper respiratory)",
            start + timedelta(days=101),
            Treatment.NONE,
            37.9,
        ),
        Infection(
            fever_day, "chest infection", fever_day + timedelta(days=8), Treatment.HOSPITAL, 38.6
        ),
        Infection(
            start + timedelta(days=589),
            "urinary infection",
            start + timedelta(days=596),
            Treatment.ANTIBIOTICS,
            38.1,
        ),
    ]
    medications = [
        Medication("Clozapine", clozapine_start, None, "200 mg at night", MedicationKind.OTHER),
        Medication("Sertraline", start, None, "50 mg in the morning", MedicationKind.OTHER),
        Medication(
            "Cyclophosphamide",
            start + timedelta(days=chemo_days[0]),
            start + timedelta(days=chemo_days[-1]),
            "750 mg/m² IV on day 1 of each R-CHOP cycle",
            MedicationKind.CHEMOTHERAPY,
        ),
        *(
            Medication(
                "Neulasta (pegfilgrastim)",
                start + timedelta(days=c + 1),
                start + timedelta(days=c + 1),
                "6 mg under the skin, the day after chemotherapy",
                MedicationKind.GROWTH_FACTOR,
            )
            for c in chemo_days[2:]
        ),
        Medication(
            "Amoxicillin",
            start + timedelta(days=589),
            start + timedelta(days=596),
            "500 mg three times a day",
            MedicationKind.OTHER,
        ),
    ]
    profile = Profile(
        name=DEMO_NAME,
        sex=Sex.FEMALE,
        birth_date=date(1988, 5, 14),
        reference=ReferenceProfile.ADULT,
        questions=(
            "Should the clozapine blood tests stay monthly now that my white count is a little low?\n"
            "Is the afternoon tiredness likely to be linked to the counts?"
        ),
    )
    return profile, draws, temps, fatigue, infections, medications


# Phone numbers from the range Ofcom keeps for drama (020 7946 0000-0999): never a real line.
DEMO_CARE_TEAM = (
    CareContact("Dr R. Imani", "hematologist", "020 7946 0451"),
    CareContact("Hematology day unit", "nurse advice line", "020 7946 0452"),
    CareContact("Ward 7 triage", "acute oncology, 24-hour line", "020 7946 0999", True),
)
DEMO_ALLERGIES = "Co-trimoxazole (rash in 2019); sticking plaster"


def demo_visits(today: date, questions: str) -> list[Visit]:
    """Hematology visits every 3 months; the next one in 9 days holds the open questions."""
    visits = [
        Visit(
            datetime.combine(today - timedelta(days=days), time(10, 30)),
            "hematologist",
            "Routine review with the latest blood count",
        )
        for days in (680, 590, 500, 410, 320, 230, 120)
    ]
    visits.append(
        Visit(
            datetime.combine(today + timedelta(days=9), time(9, 15)),
            "hematologist",
            "Bring the printed report",
            questions,
        )
    )
    return visits


def fill_demo(db: Database, today: date | None = None) -> int:
    """Fill an empty database with the demo history; refuse one that already holds data."""
    today = today or date.today()
    profile, draws, temps, fatigue, infections, medications = demo_history(today)
    visits = demo_visits(today, profile.questions)
    profile = replace(profile, questions="", allergies=DEMO_ALLERGIES, care_team=DEMO_CARE_TEAM)
    with db.transaction() as repo:
        if not repo.is_empty():
            raise InputError(
                f"{db.path.parent} already holds records; the demo only fills an empty data folder "
                "(try --data-dir with a new folder)."
            )
        repo.save_profile(profile)
        for draw in draws:
            repo.add_draw(draw)
        for t in temps:
            repo.add_temperature(t, source="demo")
        for f in fatigue:
            repo.add_fatigue(f)
        for i in infections:
            repo.add_infection(i)
        for m in medications:
            repo.add_medication(m, source="demo")
        for v in visits:
            repo.add_visit(v)
        for c in demo_cycles(today):
            repo.add_cycle(c, source="demo")
    return len(draws)
