"""The neutral form every importer produces: what a file holds, and what is wrong with it.

A parser never touches the database. It turns a file into a `ParsedImport`: blood draws grouped by
their time, temperature readings, medicines, an optional profile, and a list of `Problem`s, each
naming the line or resource it is about. The import service decides what of it is new.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from leukotrack.domain.errors import InputError
from leukotrack.domain.records import (
    FatigueEntry,
    Infection,
    Medication,
    Profile,
    Result,
    TemperatureReading,
)

T = TypeVar("T")


class FileFormatError(InputError):
    """The file cannot be read at all (not text, broken JSON, no header we know)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a file. `where` is "line 12", "Observation abc" or "file".

    A blocking problem stops the whole file from being imported. A skipped item (`skipped=True`)
    carries no usable value (a value written as "pending", an entered-in-error resource, a column
    we do not keep): it is reported and left out, and the rest of the file can still be imported.
    """

    where: str
    message: str
    skipped: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportedResult:
    result: Result
    where: str
    unit: str  # the unit as the file wrote it (for the preview's "units seen")


@dataclass(slots=True)
class ImportedDraw:
    taken_at: datetime
    results: list[ImportedResult] = field(default_factory=list)
    lab: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    item: T
    where: str


@dataclass(slots=True)
class ParsedImport:
    """Everything a file holds, ready to be compared with the database."""

    kind: str  # "fhir", "csv" or "backup"
    source: str  # the `source` recorded on draws that do not name their own
    rows: int = 0  # lines or resources read
    draws: dict[datetime, ImportedDraw] = field(default_factory=dict)
    temperatures: list[Located[TemperatureReading]] = field(default_factory=list)
    medications: list[Located[Medication]] = field(default_factory=list)
    fatigue: list[Located[FatigueEntry]] = field(default_factory=list)
    infections: list[Located[Infection]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    profile: Profile | None = None
    full_profile: bool = False  # True: a backup's whole profile (thresholds too), not a Patient
    problems: list[Problem] = field(default_factory=list)
    recalculate_anc: bool = True  # a backup keeps its own calculated ANCs
    untracked: dict[str, int] = field(default_factory=dict)  # name -> observations left aside
    conflicts: set[tuple[datetime, str]] = field(default_factory=set)
    lab_reports: list[Any] = field(default_factory=list)  # io.report_backup.KeptReport

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]

    def problem(self, where: str, message: str, *, skipped: bool = False) -> None:
        self.problems.append(Problem(where, message, skipped))

    def not_tracked(self, name: str) -> None:
        """An observation of something LeukoTrack does not keep: counted, not a problem."""
        key = " ".join(name.split())[:80] or "unnamed"
        self.untracked[key] = self.untracked.get(key, 0) + 1

    def add_result(
        self, taken_at: datetime, item: ImportedResult, lab: str = "", source: str = ""
    ) -> None:
        """Group by time; the same analyte twice at one time must carry the same value.

        When two differ, neither is kept: LeukoTrack cannot tell which one is right, so with
        `--skip-problems` both are left out (and any later one for that analyte and time).
        """
        draw = self.draws.get(taken_at)
        if draw is None:
            draw = self.draws[taken_at] = ImportedDraw(taken_at, [], lab, source)
        elif lab and not draw.lab:
            draw.lab = lab
        key = item.result.analyte
        if (taken_at, key) in self.conflicts:
            self.problem(
                item.where,
                f"another {key} result at {show_time(taken_at)} differs from this one "
                f"({item.result.entered}); keep only the right one.",
            )
            return
        for other in draw.results:
            if other.result.analyte != key:
                continue
            if _same(other.result, item.result):
                return
            self.problem(
                item.where,
                f"a second {key} result at {show_time(taken_at)} ({item.result.entered}) differs "
                f"from the one in {other.where} ({other.result.entered}); keep only the right one.",
            )
            self.problem(
                other.where,
                f"{key} {other.result.entered} at {show_time(taken_at)} differs from "
                f"{item.result.entered} in {item.where}; neither is kept.",
            )
            draw.results.remove(other)
            self.conflicts.add((taken_at, key))
            return
        draw.results.append(item)

    def sorted_draws(self) -> list[ImportedDraw]:
        return [self.draws[t] for t in sorted(self.draws)]


def _same(a: Result, b: Result) -> bool:
    return abs(a.value - b.value) < 1e-9 and a.comparator == b.comparator


def show_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")


def number_text(value: float) -> str:
    """The exact decimal text of a float (shortest repr, never an exponent)."""
    if not math.isfinite(value):
        raise InputError(f"{value} is not a finite number.")
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.17f}".rstrip("0").rstrip(".")
    return text


_HAS_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    return _HAS_DIGIT.search(text) is not None


def decode(data: bytes, name: str) -> str:
    """File bytes as text: UTF-8 (with or without BOM); anything else is refused clearly."""
    if b"\x00" in data[:4096]:
        raise FileFormatError(
            f"{name} is not a text file; import FHIR JSON, NDJSON, CSV or a LeukoTrack backup."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            f"{name} is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8 "
            "and import it again."
        ) from None
