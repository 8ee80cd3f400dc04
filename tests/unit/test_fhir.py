"""FHIR R4 parsing: every rule of the issue, on hand-made resources (no database)."""

import json
from datetime import datetime

import pytest

from leukotrack.domain.records import Sex
from leukotrack.io.fhir import parse_fhir
from leukotrack.io.parsed import FileFormatError

NOW = datetime(2026, 1, 1)


def obs(code, value=None, unit="10*3/uL", when="2025-03-03T09:30:00+01:00", **extra):
    res = {
        "resourceType": "Observation",
        "id": extra.pop("id", f"o-{code}"),
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "effectiveDateTime": when,
    }
    if value is not None:
        res["valueQuantity"] = {
            "value": value,
            "unit": unit,
            "system": "http://unitsofmeasure.org",
            "code": unit,
        }
    res.update(extra)
    return res


def bundle(*resources, kind="searchset"):
    return {"resourceType": "Bundle", "type": kind, "entry": [{"resource": r} for r in resources]}


def parse(doc):
    return parse_fhir(json.dumps(doc).encode(), "test.json", NOW)


def results(p):
    return {(d.taken_at, r.result.analyte): r.result for d in p.draws.values() for r in d.results}


def test_bundle_groups_by_time_and_keeps_wall_clock() -> None:
    p = parse(bundle(obs("6690-2", 3.1), obs("718-7", 12.5, "g/dL"), kind="collection"))
    assert list(p.draws) == [datetime(2025, 3, 3, 9, 30)]
    got = results(p)
    assert got[(datetime(2025, 3, 3, 9, 30), "wbc")].value == 3.1
    assert got[(datetime(2025, 3, 3, 9, 30), "hemoglobin")].value == 12.5
    assert p.problems == []


def test_single_observation_and_units_converted() -> None:
    p = parse(obs("751-8", 1500, "/uL"))
    (r,) = results(p).values()
    assert r.analyte == "anc" and r.value == pytest.approx(1.5)


def test_k_per_ul_declared_as_ucum() -> None:
    p = parse(obs("26464-8", 11.07, "K/uL"))
    (r,) = results(p).values()
    assert r.analyte == "wbc" and r.value == 11.07


def test_ndjson_lines() -> None:
    lines = "\n".join(json.dumps(o) for o in (obs("6690-2", 4.0), obs("777-3", 200)))
    p = parse_fhir(lines.encode(), "x.ndjson", NOW)
    assert {k[1] for k in results(p)} == {"wbc", "platelets"}


def test_effective_period_start() -> None:
    o = obs("6690-2", 4.0)
    del o["effectiveDateTime"]
    o["effectivePeriod"] = {"start": "2024-01-02T08:00:00Z", "end": "2024-01-02T09:00:00Z"}
    assert list(parse(o).draws) == [datetime(2024, 1, 2, 8, 0)]


def test_missing_time_is_a_problem_with_the_resource_id() -> None:
    o = obs("6690-2", 4.0, id="abc")
    del o["effectiveDateTime"]
    p = parse(o)
    assert not p.draws and len(p.blocking) == 1 and "Observation abc" in p.blocking[0].where


def test_reference_range_low_high_and_text() -> None:
    a = obs("6690-2", 3.1, referenceRange=[{"low": {"value": 4.0}, "high": {"value": 11.0}}])
    b = obs("777-3", 120, when="2025-03-04", referenceRange=[{"text": "<150"}])
    c = obs("718-7", 11, "g/dL", when="2025-03-05", referenceRange=[{"text": "12.0-16.0"}])
    got = {r.analyte: r for r in results(parse(bundle(a, b, c))).values()}
    assert (got["wbc"].ref_low, got["wbc"].ref_high) == (4.0, 11.0)
    assert (got["platelets"].ref_low, got["platelets"].ref_high) == (None, 150.0)
    assert (got["hemoglobin"].ref_low, got["hemoglobin"].ref_high) == (12.0, 16.0)


def test_range_in_cells_per_ul_converted() -> None:
    o = obs("751-8", 800, "/uL", referenceRange=[{"text": "1500-7700"}])
    (r,) = results(parse(o)).values()
    assert (r.ref_low, r.ref_high) == pytest.approx((1.5, 7.7))


def test_unreadable_range_text_is_a_problem() -> None:
    p = parse(obs("6690-2", 3.1, referenceRange=[{"text": "see lab"}]))
    assert p.blocking and "range" in p.blocking[0].message


def test_comparator_kept_never_zero() -> None:
    o = obs("751-8")
    o["valueQuantity"] = {"value": 0.5, "comparator": "<", "unit": "10*3/uL", "code": "10*3/uL"}
    (r,) = results(parse(o)).values()
    assert r.comparator == "<" and r.value == 0.5 and r.entered.startswith("<0.5")


def test_comparator_in_value_string() -> None:
    o = obs("751-8", valueString="<0.5")
    (r,) = results(parse(o)).values()
    assert r.comparator == "<" and r.value == 0.5


def test_non_numeric_value_reported_and_skipped() -> None:
    p = parse(bundle(obs("6690-2", valueString="pending"), obs("718-7", 12, "g/dL")))
    assert [k[1] for k in results(p)] == ["hemoglobin"]
    assert len(p.problems) == 1 and p.problems[0].skipped and not p.blocking


def test_implausible_value_is_blocking() -> None:
    p = parse(obs("6690-2", 4500, "10*3/uL"))
    assert p.blocking and "did you mean" in p.blocking[0].message


def test_unknown_unit_is_blocking() -> None:
    p = parse(obs("6690-2", 4.5, "bananas"))
    assert p.blocking and "bananas" in p.blocking[0].message


def test_future_date_is_blocking() -> None:
    p = parse(obs("6690-2", 4.5, when="2030-01-01T10:00:00Z"))
    assert p.blocking and "future" in p.blocking[0].message


def test_temperature_readings() -> None:
    p = parse(bundle(obs("8310-5", 101.5, "[degF]"), obs("8310-5", 38.4, "Cel", when="2025-03-04")))
    temps = sorted(t.item.celsius for t in p.temperatures)
    assert temps == [pytest.approx(38.4), pytest.approx(38.611, abs=0.001)]
    assert not p.draws


def test_medications_and_patient() -> None:
    req = {
        "resourceType": "MedicationRequest",
        "id": "m1",
        "status": "active",
        "medicationCodeableConcept": {"text": "Clozapine 100 MG"},
        "authoredOn": "2024-02-01T10:00:00Z",
    }
    stmt = {
        "resourceType": "MedicationStatement",
        "id": "m2",
        "status": "completed",
        "medicationReference": {"reference": "Medication/med1"},
        "effectivePeriod": {"start": "2023-01-01", "end": "2023-03-01"},
        "dosage": [{"text": "500 mg twice daily"}],
    }
    med = {"resourceType": "Medication", "id": "med1", "code": {"text": "valproate"}}
    patient = {
        "resourceType": "Patient",
        "name": [{"given": ["Ann"], "family": "Lee"}],
        "gender": "female",
        "birthDate": "1980-05-06",
    }
    p = parse(bundle(req, stmt, med, patient, {"resourceType": "Encounter", "id": "e"}))
    meds = {m.item.name: m.item for m in p.medications}
    assert meds["Clozapine 100 MG"].start.isoformat() == "2024-02-01"
    assert meds["Clozapine 100 MG"].stop is None
    assert meds["valproate"].stop.isoformat() == "2023-03-01"
    assert meds["valproate"].dose == "500 mg twice daily"
    assert p.profile.name == "Ann Lee" and p.profile.sex is Sex.FEMALE
    assert p.profile.birth_date.isoformat() == "1980-05-06"
    assert p.problems == []


def test_other_resources_and_codes_ignored_quietly() -> None:
    p = parse(bundle({"resourceType": "Claim", "id": "c"}, obs("2345-7", 5.5, "mmol/L")))
    assert not p.draws and p.problems == []


def test_entered_in_error_left_out() -> None:
    p = parse(obs("6690-2", 4.0, status="entered-in-error"))
    assert not p.draws and p.problems[0].skipped


def test_same_analyte_same_time_different_value_is_blocking_and_neither_is_kept() -> None:
    p = parse(
        bundle(obs("6690-2", 4.0, id="a"), obs("6690-2", 5.0, id="b"), obs("6690-2", 4.0, id="c"))
    )
    assert [pr.where for pr in p.blocking] == ["Observation b", "Observation a", "Observation c"]
    assert all(not d.results for d in p.draws.values())


def test_components_of_a_panel() -> None:
    panel = {
        "resourceType": "Observation",
        "id": "cbc",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "58410-2"}]},
        "effectiveDateTime": "2025-01-01T08:00:00",
        "component": [
            {
                "code": {"coding": [{"system": "http://loinc.org", "code": "6690-2"}]},
                "valueQuantity": {"value": 3.3, "unit": "10*3/uL", "code": "10*3/uL"},
            }
        ],
    }
    assert [k[1] for k in results(parse(panel))] == ["wbc"]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"{not json",
        b'{"resourceType": "Bundle", "entry": [',
        b'{"a": 1}',
        b"\xff\xfe\x00",
    ],
)
def test_broken_files_raise_our_error(data: bytes) -> None:
    with pytest.raises(FileFormatError):
        parse_fhir(data, "bad.json", NOW)


def test_export_keeps_a_wall_clock_time_that_does_not_exist_locally(monkeypatch) -> None:
    import time as _time
    from datetime import datetime as _dt

    from leukotrack.io.fhir_write import fhir_moment

    monkeypatch.setenv("TZ", "Europe/Berlin")
    _time.tzset()
    try:
        text = fhir_moment(_dt(2024, 3, 31, 2, 30))  # clocks jump from 02:00 to 03:00
        assert text.startswith("2024-03-31T02:30:00")
        assert fhir_moment(_dt(2024, 7, 1, 9, 0)) == "2024-07-01T09:00:00+02:00"
    finally:
        monkeypatch.delenv("TZ")
        _time.tzset()
