"""Treatment cycles in FHIR R4, as `Procedure` resources (written and read back).

Why Procedure and not MedicationAdministration: a cycle record is "chemotherapy given on day 1
of a regimen" — the regimen ("FOLFOX", "R-CHOP") names several medicines and LeukoTrack keeps
no dose for them, while MedicationAdministration needs exactly one medication and describes one
dose given. A Procedure coded as chemotherapy (SNOMED CT 367336001) with the regimen as its
text, `performedPeriod.start` = day 1 and, when a planned length is known, `performedPeriod.end`
= its last planned day, carries everything a cycle holds in standard fields. The note goes in
`note[0].text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from leukotrack.domain.cycles import MAX_LENGTH
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Cycle
from leukotrack.io.parsed import Located, ParsedImport

SNOMED = "http://snomed.info/sct"
CHEMOTHERAPY = "367336001"
CYCLE_TEXT = "Chemotherapy cycle"


def cycle_json(c: Cycle, index: int) -> dict[str, Any]:
    period: dict[str, str] = {"start": c.start.isoformat()}
    if c.length_days is not None:
        period["end"] = (c.start + timedelta(days=c.length_days - 1)).isoformat()
    out: dict[str, Any] = {
        "resourceType": "Procedure",
        "id": f"cycle-{c.id or index}",
        "status": "completed",
        "code": {
            "coding": [{"system": SNOMED, "code": CHEMOTHERAPY, "display": "Chemotherapy"}],
            "text": c.regimen or CYCLE_TEXT,
        },
        "subject": {"reference": "Patient/patient"},
        "performedPeriod": period,
    }
    if c.note:
        out["note"] = [{"text": c.note}]
    return out


def is_cycle(res: Mapping[str, Any]) -> bool:
    code = res.get("code")
    codings = code.get("coding") if isinstance(code, dict) else None
    return isinstance(codings, list) and any(
        isinstance(c, dict) and c.get("system") == SNOMED and c.get("code") == CHEMOTHERAPY
        for c in codings
    )


def _day(text: Any, what: str) -> date:
    if not isinstance(text, str) or len(text) < 10:
        raise InputError(f"the cycle has no readable {what} date")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"the cycle's {what} date '{text}' is not a date") from None


def read_procedure(parsed: ParsedImport, res: Mapping[str, Any], label: str, now: datetime) -> None:
    """A chemotherapy Procedure becomes a cycle; other procedures are passed over, as other
    resources LeukoTrack does not keep are."""
    if not is_cycle(res):
        return
    if res.get("status") in ("entered-in-error", "not-done"):
        parsed.problem(label, f"cycle marked '{res.get('status')}'; left out.", skipped=True)
        return
    period = res.get("performedPeriod")
    try:
        if isinstance(period, dict):
            start = _day(period.get("start"), "start")
            end = _day(period["end"], "end") if period.get("end") else None
        else:
            start, end = _day(res.get("performedDateTime"), "start"), None
    except InputError as exc:
        parsed.problem(label, f"{exc}.")
        return
    length = None if end is None else (end - start).days + 1
    if length is not None and not 1 <= length <= MAX_LENGTH:
        parsed.problem(
            label, f"the cycle from {start.isoformat()} lasts {length} days (1–120 expected)."
        )
        return
    if start > now.date():
        parsed.problem(label, f"the cycle starts in the future ({start.isoformat()}).")
        return
    code = res.get("code")
    text = str(code.get("text") or "") if isinstance(code, dict) else ""
    regimen = "" if text == CYCLE_TEXT else text.strip()[:200]
    notes = res.get("note")
    note = ""
    if isinstance(notes, list) and notes and isinstance(notes[0], dict):
        note = str(notes[0].get("text") or "")
    parsed.cycles.append(Located(Cycle(start, regimen, length, note), label))
