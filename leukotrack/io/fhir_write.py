"""FHIR R4 JSON out: a collection Bundle of Observations with LOINC codes and UCUM units, which
`fhir.parse_fhir` reads back. The text as entered and the record's source travel in two
extensions so that a round trip through FHIR gives back the same results.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timezone
from typing import Any

from leukotrack import __version__
from leukotrack.domain.analytes import ANALYTES, TEMPERATURE_LOINC, Analyte, Dimension
from leukotrack.domain.records import Draw, Medication, Profile, Result, TemperatureReading
from leukotrack.domain.units import CANONICAL, UCUM, Unit
from leukotrack.io.fhir_values import (
    ENTERED_EXTENSION,
    LOINC_SYSTEM,
    SOURCE_EXTENSION,
    UCUM_SYSTEM,
)


def _coding(a: Analyte) -> dict[str, Any]:
    return {"system": LOINC_SYSTEM, "code": a.loinc[0], "display": a.name}


def _quantity_json(value: float, unit: Unit, comparator: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value}
    if comparator:
        out["comparator"] = comparator
    out.update({"unit": UCUM[unit], "system": UCUM_SYSTEM, "code": UCUM[unit]})
    return out


def observation_json(draw: Draw, r: Result, index: int) -> dict[str, Any]:
    """One Observation: LOINC code, canonical value with its UCUM unit, the lab's range."""
    a = ANALYTES[r.analyte]
    unit = CANONICAL[a.dimension]
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"result-{draw.id or 0}-{index}",
        "extension": [
            {"url": ENTERED_EXTENSION, "valueString": r.entered},
            {"url": SOURCE_EXTENSION, "valueString": draw.source},
        ],
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "laboratory",
                    }
                ]
            }
        ],
        "code": {"coding": [_coding(a)], "text": a.name},
        "effectiveDateTime": fhir_moment(draw.taken_at),
        "valueQuantity": _quantity_json(r.value, unit, r.comparator),
    }
    if draw.lab:
        obs["performer"] = [{"display": draw.lab}]
    if r.has_lab_range:
        rr: dict[str, Any] = {}
        if r.ref_low is not None:
            rr["low"] = _quantity_json(r.ref_low, unit)
        if r.ref_high is not None:
            rr["high"] = _quantity_json(r.ref_high, unit)
        obs["referenceRange"] = [rr]
    return obs


def temperature_json(t: TemperatureReading, index: int) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": f"temperature-{t.id or index}",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "vital-signs",
                    }
                ]
            }
        ],
        "code": {
            "coding": [
                {"system": LOINC_SYSTEM, "code": TEMPERATURE_LOINC, "display": "Body temperature"}
            ]
        },
        "effectiveDateTime": fhir_moment(t.taken_at),
        "valueQuantity": _quantity_json(t.celsius, CANONICAL[Dimension.TEMPERATURE]),
    }


def fhir_moment(moment: datetime) -> str:
    """The wall-clock time as stored, with this computer's offset for it (FHIR wants one).

    Not `moment.astimezone()`: a time that does not exist locally (02:30 on the morning clocks
    go forward) would be moved an hour, and would come back as a different blood test.
    """
    offset = moment.astimezone().utcoffset()
    return moment.replace(tzinfo=timezone(offset) if offset is not None else UTC).isoformat()


def medication_json(m: Medication, index: int) -> dict[str, Any]:
    period: dict[str, str] = {"start": m.start.isoformat()}
    if m.stop is not None:
        period["end"] = m.stop.isoformat()
    out: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": f"medication-{m.id or index}",
        "status": "completed" if m.stop is not None else "active",
        "medicationCodeableConcept": {"text": m.name},
        "effectivePeriod": period,
    }
    if m.dose:
        out["dosage"] = [{"text": m.dose}]
    return out


def patient_json(p: Profile) -> dict[str, Any]:
    out: dict[str, Any] = {"resourceType": "Patient", "id": "patient"}
    if p.name:
        out["name"] = [{"text": p.name}]
    if p.sex is not None:
        out["gender"] = p.sex.value
    if p.birth_date is not None:
        out["birthDate"] = p.birth_date.isoformat()
    return out


def fhir_bundle(
    draws: Iterable[Draw],
    temperatures: Iterable[TemperatureReading] = (),
    medications: Iterable[Medication] = (),
    profile: Profile | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """A collection Bundle. Calculated ANCs are left out: the importer calculates them again."""
    resources: list[dict[str, Any]] = []
    if profile is not None and not profile.is_empty:
        resources.append(patient_json(profile))
    for draw in draws:
        for i, r in enumerate(draw.results):
            if not r.calculated:
                resources.append(observation_json(draw, r, i))
    resources.extend(temperature_json(t, i) for i, t in enumerate(temperatures))
    resources.extend(medication_json(m, i) for i, m in enumerate(medications))
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": (now or datetime.now()).astimezone().isoformat(timespec="seconds"),
        "meta": {"tag": [{"code": f"leukotrack-{__version__}"}]},
        "entry": [{"resource": r} for r in resources],
    }
