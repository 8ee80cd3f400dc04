"""Our own JSON backup: everything, versioned (`"format": "leukotrack-backup", "version": 1`).

Values are written as stored (canonical numbers with every digit, the text as entered, the lab's
range, calculated or not, the source), so a restore into an empty data folder gives back the same
`results --json` byte for byte.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any, TypeVar

from leukotrack import __version__
from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.records import (
    CountUnit,
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
    Thresholds,
    Treatment,
)
from leukotrack.io.parsed import (
    FileFormatError,
    ImportedDraw,
    ImportedResult,
    Located,
    ParsedImport,
    decode,
)
from leukotrack.io.report_backup import read_reports

FORMAT = "leukotrack-backup"
VERSION = 1
_THRESHOLDS = {f.name for f in fields(Thresholds)}
T = TypeVar("T")


class _Bad(Exception):
    """One field of the backup is wrong (collected as a problem)."""


# -- writing ----------------------------------------------------------------------------------
def backup_document(
    *,
    profile: Profile,
    settings: Mapping[str, Any],
    draws: Iterable[Draw],
    temperatures: Iterable[TemperatureReading],
    fatigue: Iterable[FatigueEntry],
    infections: Iterable[Infection],
    medications: Iterable[Medication],
    now: datetime | None = None,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "written_at": (now or datetime.now()).isoformat(timespec="seconds"),
        "profile": {
            "name": profile.name,
            "sex": profile.sex.value if profile.sex else None,
            "birth_date": _day(profile.birth_date),
            "reference": profile.reference.value,
            "count_unit": profile.count_unit.value,
            "thresholds": asdict(profile.thresholds),
            "questions": profile.questions,
        },
        "settings": dict(settings),
        "draws": [
            {
                "taken_at": d.taken_at.isoformat(),
                "lab": d.lab,
                "source": d.source,
                "results": [
                    {
                        "analyte": r.analyte,
                        "value": r.value,
                        "entered": r.entered,
                        "comparator": r.comparator,
                        "ref_low": r.ref_low,
                        "ref_high": r.ref_high,
                        "calculated": r.calculated,
                    }
                    for r in d.results
                ],
            }
            for d in draws
        ],
        "temperatures": [
            {"taken_at": t.taken_at.isoformat(), "celsius": t.celsius, "entered": t.entered}
            for t in temperatures
        ],
        "fatigue": [{"day": f.day.isoformat(), "score": f.score, "note": f.note} for f in fatigue],
        "infections": [
            {
                "start": i.start.isoformat(),
                "end": _day(i.end),
                "kind": i.kind,
                "treatment": i.treatment.value,
                "max_temp_c": i.max_temp_c,
            }
            for i in infections
        ],
        "medications": [
            {
                "name": m.name,
                "start": m.start.isoformat(),
                "stop": _day(m.stop),
                "dose": m.dose,
                "kind": m.kind.value,
            }
            for m in medications
        ],
    }


def write_backup(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _day(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


# -- reading ----------------------------------------------------------------------------------
def is_backup(document: Any) -> bool:
    return isinstance(document, dict) and document.get("format") == FORMAT


def parse_backup(data: bytes, name: str) -> ParsedImport:
    text = decode(data, name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            f"{name} is not valid JSON (line {exc.lineno}: {exc.msg}); the backup may be cut "
            "short. Use another copy."
        ) from None
    return parse_backup_document(document, name)


def parse_backup_document(document: Any, name: str) -> ParsedImport:
    if not is_backup(document):
        raise FileFormatError(f'{name} is not a LeukoTrack backup (no "format": "{FORMAT}").')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise FileFormatError(f"{name}: the backup has no version number.")
    if version > VERSION:
        raise FileFormatError(
            f"{name} was written by a newer LeukoTrack (backup version {version}); install the "
            "newer version to restore it."
        )
    p = ParsedImport("backup", "manual", recalculate_anc=False, full_profile=True)
    _section(p, document, "profile", dict, lambda v, w: _profile(p, v, w))
    settings = document.get("settings", {})
    if isinstance(settings, dict):
        p.settings = {str(k): v for k, v in settings.items()}
    else:
        p.problem("settings", "must be an object.")
    _items(p, document, "draws", _draw)
    _items(p, document, "temperatures", _temperature)
    _items(p, document, "fatigue", _fatigue)
    _items(p, document, "infections", _infection)
    _items(p, document, "medications", _medication)
    p.lab_reports = list(read_reports(p, document))
    return p


def _section(
    p: ParsedImport, doc: Mapping[str, Any], key: str, kind: type, read: Callable[[Any, str], None]
) -> None:
    value = doc.get(key)
    if value is None:
        return
    if not isinstance(value, kind):
        p.problem(key, f"must be {'an object' if kind is dict else 'a list'}.")
        return
    try:
        read(value, key)
    except _Bad as exc:
        p.problem(key, str(exc))


def _items(
    p: ParsedImport,
    doc: Mapping[str, Any],
    key: str,
    read: Callable[[ParsedImport, Any, str], None],
) -> None:
    items = doc.get(key, [])
    if not isinstance(items, list):
        p.problem(key, "must be a list.")
        return
    for i, item in enumerate(items):
        where = f"{key}[{i}]"
        p.rows += 1
        try:
            if not isinstance(item, dict):
                raise _Bad("must be an object.")
            read(p, item, where)
        except _Bad as exc:
            p.problem(where, str(exc))


def _get(
    item: Mapping[str, Any], key: str, kind: type[T] | tuple[type, ...], optional: bool = False
) -> Any:
    value = item.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise _Bad(f"'{key}' must be a number.")
    if not isinstance(value, kind):
        raise _Bad(f"'{key}' is missing or of the wrong type.")
    return value


def _number(item: Mapping[str, Any], key: str, optional: bool = False) -> float | None:
    value = _get(item, key, (int, float), optional)
    if value is None:
        return None
    if not math.isfinite(value):
        raise _Bad(f"'{key}' is not a finite number.")
    return float(value)


def _moment(text: str, key: str) -> datetime:
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        raise _Bad(f"'{key}' is not a date and time ({text!r}).") from None


def _date(text: str | None, key: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _Bad(f"'{key}' is not a date ({text!r}).") from None


def _enum(kind: Any, value: Any, key: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise _Bad(f"'{key}' has an unknown value {value!r}.") from None


def _profile(p: ParsedImport, v: Mapping[str, Any], where: str) -> None:
    thresholds = v.get("thresholds") or {}
    if not isinstance(thresholds, dict):
        raise _Bad("'thresholds' must be an object.")
    try:
        t = Thresholds(**{k: val for k, val in thresholds.items() if k in _THRESHOLDS})
    except TypeError as exc:
        raise _Bad(f"'thresholds': {exc}") from None
    sex = v.get("sex")
    p.profile = Profile(
        name=str(_get(v, "name", str, True) or ""),
        sex=None if sex is None else _enum(Sex, sex, "sex"),
        birth_date=_date(_get(v, "birth_date", str, True), "birth_date"),
        reference=_enum(ReferenceProfile, v.get("reference", "adult"), "reference"),
        thresholds=t,
        count_unit=_enum(CountUnit, v.get("count_unit", "10^9/L"), "count_unit"),
        questions=str(_get(v, "questions", str, True) or ""),
    )


def _draw(p: ParsedImport, item: Mapping[str, Any], where: str) -> None:
    taken_at = _moment(_get(item, "taken_at", str), "taken_at")
    results = _get(item, "results", list)
    lab = _get(item, "lab", str, True) or ""
    source = _get(item, "source", str, True) or "manual"
    if taken_at in p.draws:
        raise _Bad(f"a second draw at {taken_at.isoformat()}; a draw's time must be unique.")
    p.draws[taken_at] = ImportedDraw(taken_at, [], lab, source)
    for j, r in enumerate(results):
        rwhere = f"{where}.results[{j}]"
        try:
            if not isinstance(r, dict):
                raise _Bad("must be an object.")
            key = _get(r, "analyte", str)
            if key not in ANALYTES:
                raise _Bad(f"'{key}' is not an analyte LeukoTrack keeps.")
            comparator = _get(r, "comparator", str, True)
            if comparator not in (None, "<", "<=", ">", ">="):
                raise _Bad(f"unknown comparator {comparator!r}.")
            result = Result(
                key,
                _number(r, "value") or 0.0,
                _get(r, "entered", str),
                comparator,
                _number(r, "ref_low", True),
                _number(r, "ref_high", True),
                bool(_get(r, "calculated", bool, True)),
            )
        except _Bad as exc:
            p.problem(rwhere, str(exc))
            continue
        p.add_result(taken_at, ImportedResult(result, rwhere, ANALYTES[key].canonical_unit))


def _temperature(p: ParsedImport, item: Mapping[str, Any], where: str) -> None:
    t = TemperatureReading(
        _moment(_get(item, "taken_at", str), "taken_at"),
        _number(item, "celsius") or 0.0,
        _get(item, "entered", str),
    )
    p.temperatures.append(Located(t, where))


def _fatigue(p: ParsedImport, item: Mapping[str, Any], where: str) -> None:
    score = _get(item, "score", int)
    if not 0 <= score <= 10:
        raise _Bad(f"score {score} is outside 0-10.")
    day = _date(_get(item, "day", str), "day")
    assert day is not None
    p.fatigue.append(Located(FatigueEntry(day, score, _get(item, "note", str, True) or ""), where))


def _infection(p: ParsedImport, item: Mapping[str, Any], where: str) -> None:
    start = _date(_get(item, "start", str), "start")
    assert start is not None
    i = Infection(
        start,
        _get(item, "kind", str),
        _date(_get(item, "end", str, True), "end"),
        _enum(Treatment, item.get("treatment", "none"), "treatment"),
        _number(item, "max_temp_c", True),
    )
    p.infections.append(Located(i, where))


def _medication(p: ParsedImport, item: Mapping[str, Any], where: str) -> None:
    start = _date(_get(item, "start", str), "start")
    assert start is not None
    m = Medication(
        _get(item, "name", str),
        start,
        _date(_get(item, "stop", str, True), "stop"),
        _get(item, "dose", str, True) or "",
        _enum(MedicationKind, item.get("kind", "other"), "kind"),
    )
    p.medications.append(Located(m, where))
