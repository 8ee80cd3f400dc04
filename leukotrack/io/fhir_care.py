"""The care team, the allergies and the visits in FHIR R4 (written in the export).

The care team goes in `Patient.contact`: the role as the relationship's text, the phone exactly
as typed, and a 24-hour line marked by an extension. The allergies are one `AllergyIntolerance`
holding the person's own words as its code's text, and nothing it does not know (no coded
substance, no criticality). Each visit is an `Appointment`: booked while it is to come,
fulfilled once it has passed, with who it is with as its description, and the note and the questions as its
comment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from leukotrack.domain.care import CareContact, Visit

HOURS_EXTENSION = "urn:leukotrack:fhir:hours"  # a care-team phone that answers day and night


def contact_json(c: CareContact) -> dict[str, Any]:
    out: dict[str, Any] = {"name": {"text": c.name}}
    if c.role:
        out["relationship"] = [{"text": c.role}]
    if c.phone:
        telecom: dict[str, Any] = {"system": "phone", "value": c.phone}
        if c.around_the_clock:
            telecom["extension"] = [{"url": HOURS_EXTENSION, "valueString": "24 hours"}]
        out["telecom"] = [telecom]
    return out


def allergy_json(text: str) -> dict[str, Any]:
    return {
        "resourceType": "AllergyIntolerance",
        "id": "allergies",
        "patient": {"reference": "Patient/patient"},
        "code": {"text": text},
    }


def appointment_json(v: Visit, index: int, start: str, now: datetime) -> dict[str, Any]:
    """`start` is the visit's time as FHIR writes it (with its offset)."""
    out: dict[str, Any] = {
        "resourceType": "Appointment",
        "id": f"visit-{index}",
        "status": "booked" if v.at >= now else "fulfilled",
        "start": start,
        "participant": [{"actor": {"reference": "Patient/patient"}, "status": "accepted"}],
    }
    if v.with_whom:
        out["description"] = f"Visit with {v.with_whom}"
    comment = "\n".join(x for x in (v.note, v.questions and f"Questions: {v.questions}") if x)
    if comment:
        out["comment"] = comment
    return out
