"""Real-portal FHIR: Epic- and Cerner-style exports, the UCUM code as a fallback, the names
dictionary where a code is missing, untracked observations in one line, and --skip-problems."""

import copy
import json
from datetime import datetime
from pathlib import Path

import pytest

from leukotrack.io.fhir import parse_fhir
from leukotrack.services.import_summary import summary_lines, untracked_line
from leukotrack.services.importing import import_files, preview_import

PORTAL = Path(__file__).resolve().parents[1] / "fixtures" / "portal"
NOW = datetime(2026, 1, 1)


def load(name: str) -> dict:
    return json.loads((PORTAL / name).read_text(encoding="utf-8"))


def parse(doc) -> object:
    return parse_fhir(json.dumps(doc).encode(), "t.json", NOW)


def values(p) -> dict:
    return {(d.taken_at, r.result.analyte): r for d in p.draws.values() for r in d.results}


def obs(text: str | None, value, unit: str | None, code: str | None = None, loinc=None, **kw):
    concept: dict = {"coding": [{"system": "urn:local", "code": "x1", "display": text}]}
    if text:
        concept["text"] = text
    if loinc:
        concept["coding"].append({"system": "http://loinc.org", "code": loinc})
    vq = {"value": value}
    if unit is not None:
        vq["unit"] = unit
    if code is not None:
        vq["code"] = code
        vq["system"] = "http://unitsofmeasure.org"
    return {
        "resourceType": "Observation",
        "id": kw.pop("id", "o1"),
        "status": "final",
        "code": concept,
        "effectiveDateTime": kw.pop("when", "2025-03-03T09:30:00Z"),
        "valueQuantity": vq,
        **kw,
    }


# -- the two portal exports import in full ----------------------------------------------------
def test_epic_style_export_imports_in_full(db) -> None:
    preview = preview_import(db, PORTAL / "epic_style_cbc.json")
    assert preview.can_import and preview.problems == ()
    assert preview.new_results == {
        "anc": 2,
        "hemoglobin": 2,
        "lymphocytes": 2,
        "neutrophils_pct": 2,
        "platelets": 2,
        "wbc": 2,
    }
    assert preview.temperatures == 2
    assert set(preview.units_seen["wbc"]) == {"K/uL", "K/mcL"}
    assert dict(preview.untracked) == {
        "Immature Granulocytes %": 2,
        "Hematocrit": 2,
        "Pulse": 2,
    }
    report = import_files(db, [PORTAL / "epic_style_cbc.json"])
    assert report.ok
    with db.reading() as repo:
        draw = repo.draw_at(datetime(2025, 2, 17, 8, 40))
    assert draw is not None
    assert draw.value("wbc") == 2.6 and draw.value("anc") == 0.9
    assert draw.value("lymphocytes") == 1.2 and draw.value("platelets") == 148
    wbc = next(r for r in draw.results if r.analyte == "wbc")
    assert (wbc.ref_low, wbc.ref_high) == (4.0, 11.0)


def test_cerner_style_export_imports_in_full(db) -> None:
    preview = preview_import(db, PORTAL / "cerner_style_cbc.json")
    assert preview.can_import and preview.problems == ()
    assert preview.new_results == {
        "anc": 3,
        "hemoglobin": 3,
        "monocytes": 3,
        "neutrophils_pct": 3,
        "platelets": 3,
        "wbc": 3,
    }
    assert preview.units_seen["wbc"] == ("x10(3)/mcL",)
    assert dict(preview.untracked) == {"MCV": 3, "RDW": 3, "Blood pressure": 3}
    import_files(db, [PORTAL / "cerner_style_cbc.json"])
    with db.reading() as repo:
        first = repo.draw_at(datetime(2025, 3, 10, 14, 5))
    assert first is not None
    assert first.value("wbc") == 3.4 and first.value("monocytes") == 0.4
    again = import_files(db, [PORTAL / "cerner_style_cbc.json"])
    assert again.ok and again.files[0].preview.added_items == 0


def test_untracked_observations_are_one_summary_line(db) -> None:
    report = import_files(db, [PORTAL / "cerner_style_cbc.json"])
    lines = list(summary_lines(report.files[0]))
    assert sum("does not track" in line for line in lines) == 1
    assert lines[-1].endswith(
        "left aside 9 observations LeukoTrack does not track: Blood pressure (3), MCV (3), RDW (3)."
    )


def test_untracked_line_names_the_most_frequent_and_counts_the_rest() -> None:
    kinds = tuple((f"Test {i}", 10 - i) for i in range(8))
    line = untracked_line(kinds)
    assert line.startswith("left aside 52 observations LeukoTrack does not track: Test 0 (10),")
    assert line.endswith("Test 5 (5), and 2 other kinds.")


# -- the unit string and the UCUM code ----------------------------------------------------------
@pytest.mark.parametrize(
    ("unit", "code", "expected"),
    [
        ("K/mcL", "10*3/uL", 3.1),  # both known, the same
        ("x10 3 per mcL?", "10*3/uL", 3.1),  # the printed unit unknown: the code decides
        ("K/mcL", "K/mcL", 3.1),  # a printed unit declared as UCUM
        ("K/uL", None, 3.1),  # no code
        (None, "10*3/uL", 3.1),  # no printed unit
        ("cells/mcL", "/uL", 0.0031),
    ],
)
def test_unit_from_the_printed_unit_or_its_ucum_code(unit, code, expected) -> None:
    p = parse(obs("WBC", 3.1, unit, code, loinc="6690-2"))
    assert p.problems == []
    (r,) = values(p).values()
    assert r.result.value == pytest.approx(expected)


def test_printed_unit_and_code_that_disagree_are_a_problem() -> None:
    p = parse(obs("WBC", 3.1, "K/uL", "/uL", loinc="6690-2"))
    (problem,) = p.blocking
    assert "'K/uL' and its UCUM code '/uL' disagree" in problem.message
    assert "K/µL is 1000 times cells/µL" in problem.message
    assert not p.draws


def test_unknown_unit_and_code_name_the_nearest_spellings() -> None:
    p = parse(obs("WBC", 3.1, "K/mcLL", "10^3/uLL", loinc="6690-2"))
    (problem,) = p.blocking
    assert "is not a unit LeukoTrack knows" in problem.message and "K/mcL" in problem.message


def test_ambiguous_unit_is_refused_never_guessed() -> None:
    p = parse(obs("WBC", 3.1, "K", None, loinc="6690-2"))
    (problem,) = p.blocking
    assert "two readings" in problem.message
    assert not p.draws


# -- LOINC first, then the names dictionary on code.text / display ------------------------------
def test_a_name_without_a_loinc_code_is_read_by_the_dictionary() -> None:
    p = parse(obs("Neutrophils, Absolute", 1.4, "K/uL", "10*3/uL"))
    (r,) = values(p).values()
    assert r.result.analyte == "anc" and r.result.value == 1.4


def test_the_unit_decides_count_or_percentage_for_an_open_name() -> None:
    p = parse(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                {"resource": obs("Neutrophils", 55, "%", "%", id="a")},
                {"resource": obs("Neutrophils", 1.7, "x10^9/L", "10*9/L", id="b")},
            ],
        }
    )
    assert {k[1]: r.result.value for k, r in values(p).items()} == {
        "neutrophils_pct": 55,
        "anc": 1.7,
    }


def test_an_open_name_with_an_unhelpful_unit_is_a_problem_not_a_guess() -> None:
    p = parse(obs("Neutrophils", 1.7, "K", None))
    (problem,) = p.blocking
    assert "count or a percentage" in problem.message and not p.draws


def test_loinc_wins_over_the_printed_words() -> None:
    p = parse(obs("Neutrophils %", 1.4, "K/uL", "10*3/uL", loinc="751-8"))
    assert [r.result.analyte for r in values(p).values()] == ["anc"]


def test_never_mapped_names_are_left_aside_not_problems() -> None:
    p = parse(obs("IG#", 0.03, "K/uL", "10*3/uL"))
    assert not p.problems and not p.draws and p.untracked == {"IG#": 1}


@pytest.mark.parametrize(
    ("code", "name"),
    [("20570-8", "Hematocrit"), ("4544-3", "Hematocrit"), ("787-2", "MCV")],
)
def test_not_tracked_loinc_codes_are_named(code: str, name: str) -> None:
    doc = obs(None, 41.0, "%", "%", loinc=code)
    doc["code"]["coding"] = [{"system": "http://loinc.org", "code": code}]
    p = parse(doc)
    assert not p.problems and p.untracked == {name: 1}


def test_more_loinc_codes_for_the_same_analytes() -> None:
    codes = {
        "33256-9": "wbc",
        "12227-5": "wbc",
        "778-1": "platelets",
        "59260-0": "hemoglobin",
        "20509-6": "hemoglobin",
    }
    for code, key in codes.items():
        unit = "mmol/L" if code == "59260-0" else ("g/dL" if key == "hemoglobin" else "10*3/uL")
        p = parse(obs(None, 7.5, unit, unit, loinc=code))
        assert [r.result.analyte for r in values(p).values()] == [key], code


# -- --skip-problems ----------------------------------------------------------------------------
def portal_export(tmp_path: Path, n: int = 400, odd: int = 3) -> Path:
    """400 observations a day apart, three of them odd (bad unit, implausible, no date)."""
    entries = []
    for i in range(n):
        day = datetime(2024, 1, 1).toordinal() + i
        when = datetime.fromordinal(day).strftime("%Y-%m-%dT08:00:00Z")
        o = obs("WBC", round(3 + (i % 40) / 10, 1), "K/uL", "10*3/uL", loinc="6690-2")
        o.update({"id": f"w{i}", "effectiveDateTime": when})
        entries.append({"resource": o})
    bad = [copy.deepcopy(entries[k]) for k in (10, 20, 30)][:odd]
    bad[0]["resource"]["valueQuantity"] = {"value": 3.0, "unit": "K"}  # ambiguous unit
    bad[1]["resource"]["valueQuantity"]["value"] = 4500  # implausible in K/uL
    del bad[2]["resource"]["effectiveDateTime"]  # no date
    for k, b in zip((10, 20, 30), bad, strict=False):
        entries[k] = b
    path = tmp_path / "portal.json"
    path.write_text(json.dumps({"resourceType": "Bundle", "type": "searchset", "entry": entries}))
    return path


def test_all_or_nothing_stays_the_default(db, tmp_path: Path) -> None:
    path = portal_export(tmp_path)
    report = import_files(db, [path])
    assert not report.ok
    with db.reading() as repo:
        assert repo.draws() == []


def test_skip_problems_stores_the_good_rows_and_lists_the_bad(db, tmp_path: Path) -> None:
    path = portal_export(tmp_path)
    report = import_files(db, [path], skip_problems=True)
    (file,) = report.files
    assert file.stored and file.left_out_problems
    assert [p.where for p in file.preview.blocking] == [
        "Observation w10",
        "Observation w20",
        "Observation w30",
    ]
    with db.reading() as repo:
        stored = {d.taken_at.date().isoformat() for d in repo.draws()}
    assert len(stored) == 397
    assert "2024-01-11" not in stored and "2024-01-21" not in stored  # the bad rows: nowhere
    lines = list(summary_lines(file))
    assert "left out 3 rows with problems" in lines[1]
    again = import_files(db, [path], skip_problems=True)
    assert again.files[0].preview.added_items == 0
    assert again.files[0].preview.duplicates == 397
    with db.reading() as repo:
        assert len(repo.draws()) == 397


def test_skip_problems_with_nothing_good_stores_nothing(db, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(obs("WBC", 3.1, "K", None, loinc="6690-2")))
    report = import_files(db, [path], skip_problems=True)
    assert not report.ok and not report.files[0].stored


def test_a_temperature_named_only_by_its_words_is_a_temperature() -> None:
    p = parse(obs("Temp", 101.3, "degF", None, category=[{"text": "Vital Signs"}]))
    assert not p.problems
    (reading,) = [t.item for t in p.temperatures]
    assert reading.celsius == pytest.approx(38.5, abs=0.01)


# -- one grammar for a typed value, a CSV cell and a FHIR Observation ---------------------------
def _spelling_cases() -> list[tuple[str, str, float]]:
    from tests.unit.test_unit_grammar import SPELLINGS

    key = {"count": "wbc", "percent": "neutrophils_pct", "hemoglobin": "hemoglobin"}
    return [(s, key[d.value], f) for s, d, f in SPELLINGS]


@pytest.mark.parametrize(("spelling", "key", "factor"), _spelling_cases())
def test_csv_cell_and_fhir_observation_read_every_spelling(
    spelling: str, key: str, factor: float
) -> None:
    from leukotrack.io.csv_format import parse_csv

    value = 0.5 if factor >= 1000 else 125.0 if key == "hemoglobin" and factor < 1 else 3.1
    text = f'date,analyte,value,unit\n2025-03-03,{key},{value},"{spelling}"\n'
    csv_parsed = parse_csv(text.encode(), "t.csv", None, NOW)
    loinc = {"wbc": "6690-2", "neutrophils_pct": "770-8", "hemoglobin": "718-7"}[key]
    fhir_parsed = parse(obs(None, value, spelling, None, loinc=loinc))
    for parsed in (csv_parsed, fhir_parsed):
        assert parsed.problems == [], parsed.problems
        (r,) = values(parsed).values()
        assert r.result.analyte == key
        assert r.result.value == pytest.approx(value * factor, rel=1e-12)
