"""FHIR R4 JSON in and out: a Bundle (any type), a single resource, or NDJSON.

Read: Observations by the LOINC codes of CLINICAL.md (values converted from their units, `K/uL`
declared as UCUM included), body temperature (8310-5) as temperature readings,
MedicationRequest / MedicationStatement as medicines, Patient as a profile. Other resources are
ignored quietly. Times keep the wall-clock time as written; the offset is dropped
(`domain.dates.parse_datetime`).

Write: a collection Bundle of Observations with LOINC codes and UCUM units, which `parse_fhir`
reads back. The text as entered and the record's source travel in two extensions so that a
round trip through FHIR gives back the same results.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, timezone
from functools import lru_cache
from typing import Any

from leukotrack import __version__
from leukotrack.domain.analytes import (
    ANALYTES,
    TEMPERATURE_LOINC,
    Analyte,
    Dimension,
    by_loinc,
)
from leukotrack.domain.care import Visit
from leukotrack.domain.dates import parse_datetime
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import (
    Cycle,
    Draw,
    Medication,
    Profile,
    Result,
    Sex,
    TemperatureReading,
)
from leukotrack.domain.units import (
    CANONICAL,
    UCUM,
    Quantity,
    Unit,
    check_plausible,
    check_plausible_temperature,
    parse_number,
    parse_quantity,
    parse_unit,
)
from leukotrack.io.fhir_care import allergy_json, appointment_json, contact_json
from leukotrack.io.fhir_cycles import cycle_json, read_procedure
from leukotrack.io.parsed import (
    FileFormatError,
    ImportedResult,
    Located,
    ParsedImport,
    decode,
    has_digit,
    number_text,
)

LOINC_SYSTEM = "http://loinc.org"
UCUM_SYSTEM = "http://unitsofmeasure.org"
ENTERED_EXTENSION = "urn:leukotrack:fhir:entered"
SOURCE_EXTENSION = "urn:leukotrack:fhir:source"
SKIPPED_STATUSES = frozenset({"entered-in-error", "cancelled"})
_COMPARATORS = frozenset({"<", "<=", ">", ">="})


def parse_fhir(data: bytes, name: str, now: datetime | None = None) -> ParsedImport:
    """Parse FHIR JSON or NDJSON bytes. Raises FileFormatError when it is not FHIR at all."""
    text = decode(data, name)
    parsed = ParsedImport("fhir", "fhir")
    reader = FhirReader(parsed, now or datetime.now())
    stripped = text.lstrip()
    if not stripped:
        raise FileFormatError(f"{name} is empty; there is nothing to import.")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if stripped.startswith("{") and exc.msg == "Extra data":
            reader.read_ndjson(text, name)
            return parsed
        raise FileFormatError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "the file may be cut short. Export it again and import the whole file."
        ) from None
    reader.read_document(document, name)
    return parsed


def parse_fhir_document(document: Any, name: str, now: datetime | None = None) -> ParsedImport:
    """Parse an already decoded JSON document (a Bundle, a resource or a list of resources)."""
    parsed = ParsedImport("fhir", "fhir")
    FhirReader(parsed, now or datetime.now()).read_document(document, name)
    return parsed


class FhirReader:
    """Reads resources into a ParsedImport, one problem per bad resource."""

    def __init__(self, parsed: ParsedImport, now: datetime) -> None:
        self.parsed = parsed
        self.now = now
        self.medicines_by_ref: dict[str, str] = {}
        self._times: dict[str, datetime | str] = {}

    def read_document(self, document: Any, name: str) -> None:
        if isinstance(document, list):
            resources = [(r, f"item {i + 1}") for i, r in enumerate(document)]
        elif isinstance(document, dict) and isinstance(document.get("resourceType"), str):
            resources = [(document, "")]
        else:
            raise FileFormatError(
                f"{name} is JSON but not FHIR (no resourceType); import a FHIR Bundle, "
                "an Observation, NDJSON, CSV or a LeukoTrack backup."
            )
        self.read_resources(resources)

    def read_ndjson(self, text: str, name: str) -> None:
        resources: list[tuple[Any, str]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                resources.append((json.loads(line), f"line {number}"))
            except json.JSONDecodeError as exc:
                raise FileFormatError(
                    f"{name}: line {number} is not valid JSON ({exc.msg}); each line of an NDJSON "
                    "file must be one whole resource."
                ) from None
        self.read_resources(resources)

    def read_resources(self, resources: Iterable[tuple[Any, str]]) -> None:
        flat = list(_flatten(resources))
        for resource, _where in flat:
            if resource.get("resourceType") == "Medication":
                self._remember_medicine(resource)
        for resource, where in flat:
            self.parsed.rows += 1
            kind = resource.get("resourceType")
            label = _label(resource, where)
            if kind == "Observation":
                self.observation(resource, label)
            elif kind in ("MedicationRequest", "MedicationStatement"):
                self.medication(resource, label)
            elif kind == "Patient":
                self.patient(resource, label)
            elif kind == "Procedure":
                read_procedure(self.parsed, resource, label, self.now)

    # -- observations -----------------------------------------------------------------------
    def observation(self, obs: Mapping[str, Any], label: str) -> None:
        code = _loinc_of(obs.get("code"))
        if code is None:
            components = obs.get("component")
            if isinstance(components, list) and components:
                self._components(obs, components, label)
            return
        self._one_observation(obs, obs, code, label)

    def _components(self, obs: Mapping[str, Any], components: list[Any], label: str) -> None:
        for i, comp in enumerate(components):
            if not isinstance(comp, dict):
                continue
            code = _loinc_of(comp.get("code"))
            if code is not None:
                self._one_observation(obs, comp, code, f"{label} component {i + 1}")

    def _one_observation(
        self, obs: Mapping[str, Any], holder: Mapping[str, Any], code: str, label: str
    ) -> None:
        a = by_loinc(code)
        temperature = code == TEMPERATURE_LOINC
        if a is None and not temperature:
            return
        p = self.parsed
        what = "body temperature" if a is None else a.short
        status = obs.get("status")
        if status in SKIPPED_STATUSES:
            p.problem(label, f"{what} marked '{status}'; left out.", skipped=True)
            return
        taken_at = self._time(obs, label)
        if taken_at is None:
            return
        dimension = Dimension.TEMPERATURE if a is None else a.dimension
        q = self._quantity(holder, dimension, what, label)
        if q is None:
            return
        quantity, unit_written = q
        try:
            if a is None:
                if quantity.comparator:
                    raise InputError(
                        f"A temperature is a plain reading, not '{quantity.comparator}'."
                    )
                celsius = check_plausible_temperature(quantity)
                entered = f"{number_text(quantity.value)} {quantity.unit.symbol}"
                p.temperatures.append(
                    Located(TemperatureReading(taken_at, round(celsius, 3), entered), label)
                )
                return
            value = check_plausible(a, quantity)
            low, high = self._range(holder, a, quantity.unit, label)
        except InputError as exc:
            p.problem(label, str(exc))
            return
        entered = _entered(holder, quantity)
        result = Result(a.key, value, entered, quantity.comparator, low, high)
        p.add_result(
            taken_at,
            ImportedResult(result, label, unit_written),
            lab=_performer(obs),
            source=_extension(obs, SOURCE_EXTENSION) or "",
        )

    def _time(self, obs: Mapping[str, Any], label: str) -> datetime | None:
        raw = obs.get("effectiveDateTime")
        if raw is None:
            period = obs.get("effectivePeriod")
            raw = period.get("start") if isinstance(period, dict) else None
        if raw is None:
            raw = obs.get("effectiveInstant")
        if not isinstance(raw, str):
            self.parsed.problem(
                label, "has no effectiveDateTime or effectivePeriod.start; its date is unknown."
            )
            return None
        cached = self._times.get(raw)
        if cached is None:
            cached = self._times[raw] = _fhir_time(raw, self.now)
        if isinstance(cached, str):
            self.parsed.problem(label, cached)
            return None
        return cached

    def _quantity(
        self, holder: Mapping[str, Any], dimension: Dimension, what: str, label: str
    ) -> tuple[Quantity, str] | None:
        p = self.parsed
        vq = holder.get("valueQuantity")
        if isinstance(vq, dict):
            value = vq.get("value")
            if isinstance(value, bool) or not isinstance(value, int | float):
                if isinstance(value, str) and has_digit(value):
                    try:
                        value = parse_number(value)
                    except InputError as exc:
                        p.problem(label, f"{what}: {exc}")
                        return None
                else:
                    p.problem(label, f"{what} has no numeric value; left out.", skipped=True)
                    return None
            written = vq.get("code") or vq.get("unit")
            try:
                unit = _unit_of(vq, dimension)
            except InputError as exc:
                p.problem(label, f"{what} {number_text(float(value))}: {exc}")
                return None
            comparator = vq.get("comparator")
            if comparator is not None and comparator not in _COMPARATORS:
                p.problem(label, f"{what} has an unknown comparator '{comparator}'.")
                return None
            if not math.isfinite(value):
                p.problem(label, f"{what} is not a finite number.")
                return None
            return Quantity(float(value), unit, comparator), str(written or unit.symbol)
        text = holder.get("valueString")
        if isinstance(text, str):
            if not has_digit(text):
                p.problem(label, f"{what} is '{text}', not a number; left out.", skipped=True)
                return None
            try:
                q = parse_quantity(text, dimension)
            except InputError as exc:
                p.problem(label, f"{what} '{text}': {exc}")
                return None
            return q, q.unit.symbol
        p.problem(label, f"{what} has no numeric value; left out.", skipped=True)
        return None

    def _range(
        self, holder: Mapping[str, Any], a: Analyte, unit: Unit, label: str
    ) -> tuple[float | None, float | None]:
        ranges = holder.get("referenceRange")
        if not isinstance(ranges, list) or not ranges or not isinstance(ranges[0], dict):
            return None, None
        rr = ranges[0]
        low = _range_end(rr.get("low"), a.dimension, unit)
        high = _range_end(rr.get("high"), a.dimension, unit)
        if low is None and high is None and isinstance(rr.get("text"), str):
            return range_from_text(rr["text"], unit, a.short)
        if low is not None and high is not None and low > high:
            raise InputError(f"the {a.short} range has its low limit above its high limit.")
        return low, high

    # -- medicines and patient ----------------------------------------------------------------
    def _remember_medicine(self, resource: Mapping[str, Any]) -> None:
        name = _concept_text(resource.get("code"))
        rid = resource.get("id")
        if name and isinstance(rid, str):
            self.medicines_by_ref[f"Medication/{rid}"] = name
            self.medicines_by_ref[f"#{rid}"] = name
        full = resource.get("_fullUrl")
        if name and isinstance(full, str):
            self.medicines_by_ref[full] = name

    def medication(self, res: Mapping[str, Any], label: str) -> None:
        p = self.parsed
        if res.get("status") in SKIPPED_STATUSES:
            p.problem(label, f"medicine marked '{res.get('status')}'; left out.", skipped=True)
            return
        for contained in res.get("contained") or []:
            if isinstance(contained, dict) and contained.get("resourceType") == "Medication":
                self._remember_medicine(contained)
        name = _concept_text(res.get("medicationCodeableConcept"))
        ref = res.get("medicationReference")
        if not name and isinstance(ref, dict):
            name = self.medicines_by_ref.get(str(ref.get("reference"))) or str(
                ref.get("display") or ""
            )
        if not name:
            p.problem(label, "a medicine without a name; left out.", skipped=True)
            return
        start_text, stop_text = _medication_dates(res)
        if start_text is None:
            p.problem(
                label, f"the medicine '{name}' has no start date; add it by hand.", skipped=True
            )
            return
        try:
            start = _fhir_date(start_text)
            stop = _fhir_date(stop_text) if stop_text else None
        except InputError as exc:
            p.problem(label, f"the medicine '{name}': {exc}")
            return
        if stop is not None and stop < start:
            p.problem(label, f"the medicine '{name}' stops before it starts; check the dates.")
            return
        if start > self.now.date():
            p.problem(label, f"the medicine '{name}' starts in the future ({start.isoformat()}).")
            return
        p.medications.append(
            Located(Medication(name.strip()[:300], start, stop, _dose(res)), label)
        )

    def patient(self, res: Mapping[str, Any], label: str) -> None:
        if self.parsed.profile is not None:
            return
        gender = res.get("gender")
        sex = (
            {"female": Sex.FEMALE, "male": Sex.MALE}.get(gender)
            if isinstance(gender, str)
            else None
        )
        birth = None
        text = res.get("birthDate")
        if isinstance(text, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                birth = date.fromisoformat(text)
            except ValueError:
                self.parsed.problem(label, f"the birth date '{text}' is not a real date.")
                return
        self.parsed.profile = Profile(name=_patient_name(res)[:200], sex=sex, birth_date=birth)


# -- helpers ----------------------------------------------------------------------------------
def _flatten(resources: Iterable[tuple[Any, str]]) -> Iterator[tuple[dict[str, Any], str]]:
    for resource, where in resources:
        if not isinstance(resource, dict):
            continue
        if resource.get("resourceType") == "Bundle":
            entries = resource.get("entry")
            if not isinstance(entries, list):
                continue
            for i, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    continue
                res = entry.get("resource")
                if not isinstance(res, dict):
                    continue
                kind = res.get("resourceType")
                if kind == "Medication" and isinstance(entry.get("fullUrl"), str):
                    res = {**res, "_fullUrl": entry["fullUrl"]}
                if kind == "Bundle":
                    yield from _flatten([(res, f"{where} entry {i + 1}".strip())])
                else:
                    yield res, f"{where} entry {i + 1}".strip()
        else:
            yield resource, where


def _label(resource: Mapping[str, Any], where: str) -> str:
    rid = resource.get("id")
    kind = resource.get("resourceType", "resource")
    name = f"{kind} {rid}" if isinstance(rid, str) and rid else str(kind)
    return f"{name} ({where})" if where and not (isinstance(rid, str) and rid) else name


def _loinc_of(code: Any) -> str | None:
    """The first coding that names an analyte we keep (or body temperature)."""
    if not isinstance(code, dict):
        return None
    codings = code.get("coding")
    if not isinstance(codings, list):
        return None
    for coding in codings:
        if not isinstance(coding, dict):
            continue
        system = coding.get("system")
        value = coding.get("code")
        if not isinstance(value, str) or (system is not None and system != LOINC_SYSTEM):
            continue
        if value == TEMPERATURE_LOINC or by_loinc(value) is not None:
            return value
    return None


@lru_cache(maxsize=256)
def _fhir_time_cached(raw: str) -> datetime | str:
    if len(raw) >= 19 and raw[10] == "T":
        try:  # the common full form, fast; the wall-clock time as written, offset dropped
            return datetime.fromisoformat(raw).replace(tzinfo=None, microsecond=0)
        except ValueError:
            pass
    try:
        return parse_datetime(raw)
    except InputError:
        return (
            f"the date '{raw}' is not a full date and time LeukoTrack can read; "
            "it needs at least YYYY-MM-DD."
        )


def _fhir_time(raw: str, now: datetime) -> datetime | str:
    moment = _fhir_time_cached(raw)
    if isinstance(moment, datetime) and moment > now:
        return f"the date {raw} is in the future; check the file."
    return moment


def _fhir_date(text: str) -> date:
    moment = _fhir_time_cached(text)
    if isinstance(moment, str):
        raise InputError(moment)
    return moment.date()


@lru_cache(maxsize=256)
def _unit_from_text(text: str, dimension: Dimension) -> Unit:
    return parse_unit(text, dimension)


_UNITS: dict[tuple[Any, Any, Dimension], Unit | InputError] = {}


def _unit_of(vq: Mapping[str, Any], dimension: Dimension) -> Unit:
    """The unit by its UCUM code, else its written unit (`K/uL` declared as UCUM included)."""
    key = (vq.get("code"), vq.get("unit"), dimension)
    try:
        found = _UNITS.get(key)
    except TypeError:  # a list or object where a unit should be
        found = None
    if found is None:
        try:
            found = _read_unit(key[0], key[1], dimension)
        except InputError as exc:
            found = exc
        if len(_UNITS) < 1000:
            with contextlib.suppress(TypeError):
                _UNITS[key] = found
    if isinstance(found, InputError):
        raise found
    return found


def _read_unit(code: Any, written: Any, dimension: Dimension) -> Unit:
    candidates = [t for t in (code, written) if isinstance(t, str) and t.strip()]
    if not candidates:
        if dimension is Dimension.PERCENT:
            return CANONICAL[dimension]
        raise InputError("the value has no unit; LeukoTrack needs one such as 10*3/uL.")
    error: InputError | None = None
    for text in candidates:
        try:
            return _unit_from_text(text, dimension)
        except InputError as exc:
            error = error or exc
    assert error is not None
    raise error


def _range_end(q: Any, dimension: Dimension, unit: Unit) -> float | None:
    if not isinstance(q, dict):
        return None
    value = q.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        own = _unit_of(q, dimension) if (q.get("code") or q.get("unit")) else unit
    except InputError:
        own = unit
    return own.to_canonical(float(value))


_RANGE = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*(?:-|–|to)\s*([0-9]+(?:[.,][0-9]+)?)\s*(.*)")
_BOUND = re.compile(r"\s*(<=|>=|<|>|≤|≥)\s*([0-9]+(?:[.,][0-9]+)?)\s*(.*)")


def range_from_text(text: str, unit: Unit, what: str) -> tuple[float | None, float | None]:
    """ "4.0-11.0", "<150", ">4.0" in the value's unit -> canonical (low, high)."""
    m = _RANGE.fullmatch(text)
    if m:
        low, high = parse_number(m.group(1)), parse_number(m.group(2))
        if low > high:
            raise InputError(f"the {what} range '{text}' has its low limit above its high limit.")
        return unit.to_canonical(low), unit.to_canonical(high)
    m = _BOUND.fullmatch(text)
    if m:
        bound = unit.to_canonical(parse_number(m.group(2)))
        return (None, bound) if m.group(1) in ("<", "<=", "≤") else (bound, None)
    raise InputError(
        f"the {what} reference range '{text}' cannot be read; write it like 4.0-11.0 or <150."
    )


def _entered(holder: Mapping[str, Any], q: Quantity) -> str:
    own = _extension(holder, ENTERED_EXTENSION)
    if own:
        return own
    return f"{q.comparator or ''}{number_text(q.value)} {q.unit.symbol}"


def _extension(res: Mapping[str, Any], url: str) -> str | None:
    for ext in res.get("extension") or []:
        if isinstance(ext, dict) and ext.get("url") == url:
            value = ext.get("valueString")
            return value if isinstance(value, str) else None
    return None


def _performer(obs: Mapping[str, Any]) -> str:
    performers = obs.get("performer")
    if isinstance(performers, list) and performers and isinstance(performers[0], dict):
        display = performers[0].get("display")
        if isinstance(display, str):
            return display.strip()[:200]
    return ""


def _concept_text(concept: Any) -> str:
    if not isinstance(concept, dict):
        return ""
    text = concept.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    for coding in concept.get("coding") or []:
        if isinstance(coding, dict) and isinstance(coding.get("display"), str):
            return str(coding["display"]).strip()
    return ""


def _medication_dates(res: Mapping[str, Any]) -> tuple[str | None, str | None]:
    period = res.get("effectivePeriod")
    if isinstance(period, dict) and isinstance(period.get("start"), str):
        end = period.get("end")
        return period["start"], end if isinstance(end, str) else None
    for key in ("effectiveDateTime", "authoredOn", "dateAsserted"):
        if isinstance(res.get(key), str):
            return res[key], None
    dispense = res.get("dispenseRequest")
    if isinstance(dispense, dict):
        validity = dispense.get("validityPeriod")
        if isinstance(validity, dict) and isinstance(validity.get("start"), str):
            return validity["start"], None
    return None, None


def _dose(res: Mapping[str, Any]) -> str:
    for key in ("dosageInstruction", "dosage"):
        items = res.get(key)
        if isinstance(items, list) and items and isinstance(items[0], dict):
            text = items[0].get("text")
            if isinstance(text, str):
                return text.strip()[:200]
    return ""


def _patient_name(res: Mapping[str, Any]) -> str:
    names = [n for n in res.get("name") or [] if isinstance(n, dict)]
    names.sort(key=lambda n: n.get("use") != "official")
    for n in names:
        if isinstance(n.get("text"), str) and n["text"].strip():
            return str(n["text"]).strip()
        given = [g for g in n.get("given") or [] if isinstance(g, str)]
        family = str(n["family"]) if isinstance(n.get("family"), str) else ""
        full = " ".join([*given, family]).strip()
        if full:
            return full
    return ""


# -- writing ----------------------------------------------------------------------------------
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
    if p.care_team:
        out["contact"] = [contact_json(c) for c in p.care_team]
    return out


def fhir_bundle(
    draws: Iterable[Draw],
    temperatures: Iterable[TemperatureReading] = (),
    medications: Iterable[Medication] = (),
    profile: Profile | None = None,
    now: datetime | None = None,
    cycles: Iterable[Cycle] = (),
    visits: Iterable[Visit] = (),
) -> dict[str, Any]:
    """A collection Bundle. Calculated ANCs are left out: the importer calculates them again."""
    resources: list[dict[str, Any]] = []
    if profile is not None and not (
        profile.is_empty and not profile.care_team and not profile.allergies
    ):
        resources.append(patient_json(profile))
    if profile is not None and profile.allergies:
        resources.append(allergy_json(profile.allergies))
    for draw in draws:
        for i, r in enumerate(draw.results):
            if not r.calculated:
                resources.append(observation_json(draw, r, i))
    resources.extend(temperature_json(t, i) for i, t in enumerate(temperatures))
    resources.extend(medication_json(m, i) for i, m in enumerate(medications))
    resources.extend(cycle_json(c, i) for i, c in enumerate(cycles))
    when = now or datetime.now()
    resources.extend(appointment_json(v, i, fhir_moment(v.at), when) for i, v in enumerate(visits))
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": (now or datetime.now()).astimezone().isoformat(timespec="seconds"),
        "meta": {"tag": [{"code": f"leukotrack-{__version__}"}]},
        "entry": [{"resource": r} for r in resources],
    }
