"""What the entry form remembers between visits: units picked per analyte, labs and their ranges."""

from __future__ import annotations

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.units import CHOICES, Unit
from leukotrack.storage.db import Database

UNITS_SETTING = "entry.units"


def unit_choices(key: str) -> tuple[Unit, ...]:
    """The units a picker offers for analyte `key`, most usual first."""
    return CHOICES[ANALYTES[key].dimension]


def unit_by_symbol(key: str, symbol: str) -> Unit:
    for unit in unit_choices(key):
        if unit.symbol == symbol:
            return unit
    return unit_choices(key)[0]


def remembered_units(db: Database) -> dict[str, str]:
    """Analyte key -> the unit symbol used last time (only symbols the picker still offers)."""
    with db.reading() as repo:
        stored = repo.setting(UNITS_SETTING, {})
    out: dict[str, str] = {}
    if isinstance(stored, dict):
        for key, symbol in stored.items():
            if key in ANALYTES and any(u.symbol == symbol for u in unit_choices(key)):
                out[key] = str(symbol)
    return out


def remember_units(db: Database, units: dict[str, str]) -> None:
    """Merge `units` (analyte key -> unit symbol) into the remembered ones."""
    with db.transaction() as repo:
        stored = repo.setting(UNITS_SETTING, {})
        merged = dict(stored) if isinstance(stored, dict) else {}
        merged.update(units)
        repo.set_setting(UNITS_SETTING, merged)


def known_labs(db: Database) -> list[str]:
    """Labs named on stored draws, the most recently used first."""
    with db.reading() as repo:
        draws = repo.draws()
    seen: list[str] = []
    for draw in reversed(draws):
        if draw.lab and draw.lab not in seen:
            seen.append(draw.lab)
    return seen


def last_lab_ranges(db: Database, lab: str) -> dict[str, tuple[float | None, float | None]]:
    """The printed ranges (canonical units) on the latest report from `lab`, per analyte."""
    name = lab.strip().casefold()
    if not name:
        return {}
    with db.reading() as repo:
        draws = repo.draws()
    for draw in reversed(draws):
        if draw.lab.strip().casefold() != name:
            continue
        return {
            r.analyte: (r.ref_low, r.ref_high)
            for r in draw.results
            if r.has_lab_range and not r.calculated
        }
    return {}
