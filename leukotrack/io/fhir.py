"""FHIR R4 JSON in: a Bundle (any type), a single resource, or NDJSON.

Observations become results and temperature readings (`fhir_observations`: LOINC first, then
the printed names), MedicationRequest / MedicationStatement become medicines, Patient fills a
profile. Other resources are ignored quietly. Times keep the wall-clock time as written; the
offset is dropped (`domain.dates.parse_datetime`). Writing is in `fhir_write`.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from leukotrack.domain.dates import parse_datetime
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Medication, Profile, Sex
from leukotrack.io.fhir_observations import SKIPPED_STATUSES, ObservationReader
from leukotrack.io.fhir_values import concept_text
from leukotrack.io.parsed import FileFormatError, Located, ParsedImport, decode


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
    with _frozen(document):
        reader.read_document(document, name)
    return parsed


@contextmanager
def _frozen(document: Any) -> Iterator[None]:
    """Keep the garbage collector from scanning the decoded document again and again.

    A 100,000-observation file is millions of dicts and lists; without this, every collection
    walks all of them, and reading slows down with the size of the file. The document holds
    no reference cycles, so there is nothing for the collector to find in it.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        del document


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
        self.observations = ObservationReader(parsed, self._time)

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
                self.observations.observation(resource, label)
            elif kind in ("MedicationRequest", "MedicationStatement"):
                self.medication(resource, label)
            elif kind == "Patient":
                self.patient(resource, label)

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

    # -- medicines and patient ----------------------------------------------------------------
    def _remember_medicine(self, resource: Mapping[str, Any]) -> None:
        name = concept_text(resource.get("code"))
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
        name = concept_text(res.get("medicationCodeableConcept"))
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
