"""What importing a parsed file would change: the new draws and results, the ones already
stored, the diary, medicines, cycles and visits, and the problems that block the file. Nothing
here writes; `services.importing` stores the plan in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.anc import calculated_anc_result
from leukotrack.domain.care import Visit
from leukotrack.domain.records import (
    Cycle,
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    Profile,
    Result,
    TemperatureReading,
)
from leukotrack.io.parsed import Located, ParsedImport, Problem, show_time

if TYPE_CHECKING:  # SQLAlchemy loads with the first write, not with this module
    from leukotrack.storage.repository import Repository

K = TypeVar("K")


@dataclass
class ImportPlan:
    new_draws: list[Draw] = field(default_factory=list)
    into_existing: list[tuple[int, Result]] = field(default_factory=list)
    stale_results: list[int] = field(default_factory=list)  # calculated ANCs to recalculate
    temperatures: list[TemperatureReading] = field(default_factory=list)
    medications: list[Medication] = field(default_factory=list)
    fatigue: list[FatigueEntry] = field(default_factory=list)
    infections: list[Infection] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    profile: Profile | None = None
    duplicates: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    units: dict[str, set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_work(self) -> bool:
        return bool(
            self.new_draws
            or self.into_existing
            or self.temperatures
            or self.medications
            or self.fatigue
            or self.infections
            or self.visits
            or self.cycles
            or self.settings
            or self.profile
        )


def plan_import(repo: Repository, parsed: ParsedImport) -> ImportPlan:
    plan = ImportPlan()
    profile = repo.profile()
    plan.profile = _profile_to_save(profile, parsed)
    birth = (plan.profile or profile).birth_date
    _plan_draws(repo, parsed, plan, birth)
    _plan_diary(repo, parsed, plan, birth)
    stored = repo.settings()
    plan.settings = {k: v for k, v in parsed.settings.items() if k not in stored}
    return plan


def _profile_to_save(current: Profile, parsed: ParsedImport) -> Profile | None:
    incoming = parsed.profile
    if incoming is None:
        return None
    if parsed.full_profile:
        return incoming if current == Profile() and incoming != Profile() else None
    if not current.is_empty or incoming.is_empty:
        return None
    return replace(current, name=incoming.name, sex=incoming.sex, birth_date=incoming.birth_date)


def _plan_draws(repo: Repository, parsed: ParsedImport, plan: ImportPlan, birth: Any) -> None:
    draws = parsed.sorted_draws()
    if not draws:
        return
    stored = repo.stored_results(draws[0].taken_at, draws[-1].taken_at)
    for draw in draws:
        if birth is not None and draw.taken_at.date() < birth:
            for item in draw.results:
                plan.problems.append(
                    Problem(
                        item.where,
                        f"the date {show_time(draw.taken_at)} is before the birth date "
                        f"{birth.isoformat()}; check the year.",
                    )
                )
            continue
        existing = stored.get(draw.taken_at)
        have = existing[1] if existing else {}
        fresh: list[Result] = []
        for item in draw.results:
            r = item.result
            old = have.get(r.analyte)
            if old is not None:
                if abs(old.value - r.value) < 1e-9 and old.comparator == r.comparator:
                    plan.duplicates += 1
                    continue
                if not (old.calculated and parsed.recalculate_anc):
                    plan.problems.append(
                        Problem(
                            item.where,
                            f"a {ANALYTES[r.analyte].short} of {old.entered} is already stored "
                            f"at {show_time(draw.taken_at)}; this file says {r.entered}. "
                            "Correct one of them, then import again.",
                        )
                    )
                    continue
                plan.problems.append(
                    Problem(
                        item.where,
                        f"an ANC was calculated for {show_time(draw.taken_at)} from the stored "
                        f"results; edit that draw to add the lab's ANC ({r.entered}).",
                    )
                )
                continue
            fresh.append(r)
            plan.counts[r.analyte] += 1
            plan.units.setdefault(r.analyte, set()).add(item.unit)
        old_anc = have.get("anc")
        if parsed.recalculate_anc and (old_anc is None or old_anc.calculated):
            # A calculated ANC follows its inputs: recalculate it when the file adds one.
            typed = [r for r in have.values() if not r.calculated]
            calc = calculated_anc_result([*typed, *fresh])
            changed = old_anc is None or (
                calc is not None and abs(calc.value - old_anc.value) > 1e-9
            )
            if calc is not None and changed:
                if old_anc is not None and old_anc.id is not None:
                    plan.stale_results.append(old_anc.id)
                else:
                    plan.counts["anc"] += 1
                fresh.append(calc)
        if not fresh:
            continue
        if existing is None:
            source = draw.source or parsed.source
            plan.new_draws.append(Draw(draw.taken_at, tuple(fresh), draw.lab, source))
        else:
            plan.into_existing.extend((existing[0], r) for r in fresh)


def _plan_diary(repo: Repository, parsed: ParsedImport, plan: ImportPlan, birth: Any) -> None:
    def before_birth(day: Any, where: str) -> bool:
        if birth is not None and day < birth:
            plan.problems.append(
                Problem(where, f"{day.isoformat()} is before the birth date {birth.isoformat()}.")
            )
            return True
        return False

    temps = {(t.taken_at, round(t.celsius, 3)) for t in repo.temperatures()}
    for loc in parsed.temperatures:
        t = loc.item
        key = (t.taken_at, round(t.celsius, 3))
        if key in temps:
            plan.duplicates += 1
        elif not before_birth(t.taken_at.date(), loc.where):
            temps.add(key)
            plan.temperatures.append(t)
    meds = {(m.name.lower(), m.start) for m in repo.medications()}
    for loc_m in parsed.medications:
        m = loc_m.item
        mkey = (m.name.lower(), m.start)
        if mkey in meds:
            plan.duplicates += 1
        elif not before_birth(m.start, loc_m.where):
            meds.add(mkey)
            plan.medications.append(m)
    fatigue = {f.day: f for f in repo.fatigue()}
    for loc_f in parsed.fatigue:
        f = loc_f.item
        old = fatigue.get(f.day)
        if old is not None:
            if (old.score, old.note) == (f.score, f.note):
                plan.duplicates += 1
            else:
                plan.problems.append(
                    Problem(
                        loc_f.where,
                        f"a fatigue score of {old.score} is already stored for "
                        f"{f.day.isoformat()}; this file says {f.score}.",
                    )
                )
        else:
            fatigue[f.day] = f
            plan.fatigue.append(f)
    plan.duplicates += _new_only(
        repo.infections(), parsed.infections, lambda i: (i.start, i.kind.lower()), plan.infections
    )
    plan.duplicates += _new_only(
        repo.visits(), parsed.visits, lambda v: (v.at, v.with_whom.lower()), plan.visits
    )
    _plan_cycles(repo, parsed, plan, before_birth)


def _new_only(
    stored: Sequence[K], found: Sequence[Located[K]], key: Callable[[K], Hashable], into: list[K]
) -> int:
    """Add to `into` the items of `found` whose key is neither stored nor seen before in the
    file; returns how many were already there."""
    seen = {key(item) for item in stored}
    duplicates = 0
    for located in found:
        k = key(located.item)
        if k in seen:
            duplicates += 1
        else:
            seen.add(k)
            into.append(located.item)
    return duplicates


def _plan_cycles(
    repo: Repository,
    parsed: ParsedImport,
    plan: ImportPlan,
    before_birth: Callable[[Any, str], bool],
) -> None:
    """A cycle already stored on that start date is skipped when it says the same, refused
    (naming the stored one) when it differs: two cycles never start on one day."""
    stored = {c.start: c for c in repo.cycles()}
    for loc in parsed.cycles:
        c = loc.item
        old = stored.get(c.start)
        if old is not None:
            if (old.regimen, old.length_days, old.note) == (c.regimen, c.length_days, c.note):
                plan.duplicates += 1
            else:
                what = f" ({old.regimen})" if old.regimen else ""
                plan.problems.append(
                    Problem(
                        loc.where,
                        f"a cycle{what} already starts on {c.start.isoformat()}; this file "
                        "describes it differently. Edit the stored cycle instead.",
                    )
                )
        elif not before_birth(c.start, loc.where):
            stored[c.start] = c
            plan.cycles.append(c)


# -- storing ------------------------------------------------------------------------------------
