"""Import service: all or nothing per file, dedupe, profile filling, Synthea, round trips, junk."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leukotrack.domain.records import Sex
from leukotrack.services import diary
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.exporting import export_records
from leukotrack.services.importing import import_files, preview_import
from leukotrack.services.profile import update_profile
from leukotrack.services.results import result_json, result_views
from leukotrack.services.store import open_records

BLOOD_CODES = {
    "6690-2": "wbc",
    "26464-8": "wbc",
    "718-7": "hemoglobin",
    "777-3": "platelets",
    "26515-7": "platelets",
}


def counts(db):
    with db.reading() as repo:
        return repo.counts()


def results_json(db) -> str:
    with db.reading() as repo:
        views = result_views(repo.draws(), repo.profile())
    return json.dumps([result_json(v) for v in views], ensure_ascii=False, indent=2)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- Synthea ------------------------------------------------------------------------------------
def expected_from_bundle(path: Path) -> set[tuple[str, str, float]]:
    """(wall-clock time, analyte, value) read straight from the JSON, independent of the importer."""
    out = set()
    for entry in json.loads(path.read_text())["entry"]:
        res = entry["resource"]
        if res["resourceType"] != "Observation":
            continue
        for coding in res["code"]["coding"]:
            if coding["code"] in BLOOD_CODES:
                when = res["effectiveDateTime"][:19]
                out.add((when, BLOOD_CODES[coding["code"]], res["valueQuantity"]["value"]))
    return out


def test_every_synthea_blood_count_comes_through_exactly(synthea_dir: Path, tmp_path: Path) -> None:
    bundles = sorted(synthea_dir.glob("*.json"))
    assert len(bundles) == 4
    for i, path in enumerate(bundles):
        db = open_records(tmp_path / f"d{i}")
        try:
            report = import_files(db, [path])
            assert report.ok, report.files[0].problems
            with db.reading() as repo:
                got = {
                    (d.taken_at.isoformat(), r.analyte, r.value)
                    for d in repo.draws()
                    for r in d.results
                    if r.analyte in ("wbc", "hemoglobin", "platelets")
                }
            expected = expected_from_bundle(path)
            assert expected and got == expected
        finally:
            db.close()


def test_synthea_known_values_from_the_readme(synthea_dir: Path, db) -> None:
    (path,) = synthea_dir.glob("Cleo_Friesen_*.json")
    import_files(db, [path])
    with db.reading() as repo:
        wbc = [(d.taken_at, d.value("wbc")) for d in repo.draws()]
        profile = repo.profile()
    assert len(wbc) == 8
    assert round(wbc[2][1], 2) == 4.28 and wbc[2][0] == datetime(1988, 4, 23, 2, 39, 21)
    assert round(wbc[6][1], 2) == 0.54 and wbc[6][0] == datetime(1988, 8, 24, 2, 39, 21)
    assert profile.name == "Cleo Friesen" and profile.sex is Sex.MALE
    assert profile.birth_date == date(1920, 4, 23)


def test_jordan_k_per_ul_wbc(synthea_dir: Path, db) -> None:
    (path,) = synthea_dir.glob("Jordan_Cruickshank_*.json")
    import_files(db, [path])
    with db.reading() as repo:
        draw = repo.draw_at(datetime(2017, 6, 24, 13, 9, 9))
    assert draw is not None and draw.value("wbc") == 11.073327870561801


# -- all or nothing, dedupe, profile --------------------------------------------------------------
def test_one_bad_row_stores_nothing_and_lists_every_problem(db, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "x.csv",
        "date,analyte,value,unit\n2025-01-01,wbc,3.1,K/uL\n2025-01-02,wbc,4500,K/uL\n"
        "2025-01-03,plt,bananas7,K/uL\n",
    )
    before = counts(db)
    report = import_files(db, [path])
    assert not report.ok and counts(db) == before
    assert [p.where for p in report.files[0].problems] == ["line 3", "line 4"]
    assert report.safety_copy is None


def test_reimport_adds_nothing_and_safety_copy_made(db, tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "date,analyte,value,unit\n2025-01-01,wbc,3.1,K/uL\n")
    first = import_files(db, [path])
    assert first.ok and first.safety_copy is not None and first.safety_copy.exists()
    assert first.safety_copy.parent == db.path.parent / "backups"
    after = counts(db)
    second = import_files(db, [path])
    assert second.ok and counts(db) == after
    assert second.files[0].preview.duplicates == 1 and second.files[0].preview.added_results == 0


def test_conflicting_value_at_same_time_is_a_problem(db, tmp_path: Path) -> None:
    record_results(db, ResultEntry(datetime(2025, 1, 1, 9, 0), {"wbc": "3.1"}))
    before = counts(db)
    path = write(
        tmp_path,
        "x.csv",
        "date,time,analyte,value\n2025-01-01,09:00,wbc,3.5\n2025-01-01,09:00,hb,12\n",
    )
    report = import_files(db, [path])
    assert not report.ok and counts(db) == before
    assert "already stored" in report.files[0].problems[0].message


def test_new_analyte_joins_an_existing_draw(db, tmp_path: Path) -> None:
    record_results(db, ResultEntry(datetime(2025, 1, 1, 9, 0), {"wbc": "3.0"}))
    path = write(tmp_path, "x.csv", "date,time,analyte,value,unit\n2025-01-01,09:00,neut %,40,%\n")
    assert import_files(db, [path]).ok
    with db.reading() as repo:
        (draw,) = repo.draws()
    anc = draw.get("anc")
    assert anc is not None and anc.calculated and anc.value == pytest.approx(1.2)


def test_calculated_anc_added_when_file_has_wbc_and_neutrophil_percent(db, tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "date,WBC (K/uL),Neut %\n2025-01-01,2.0,30\n")
    assert import_files(db, [path]).ok
    with db.reading() as repo:
        (draw,) = repo.draws()
    assert draw.get("anc").calculated and draw.value("anc") == pytest.approx(0.6)


def test_a_stored_calculated_anc_follows_an_imported_differential(db, tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "date,WBC (K/uL),Neut %\n2025-01-01,3.0,40\n")
    assert import_files(db, [path]).ok
    more = write(tmp_path, "bands.csv", "date,Bands %\n2025-01-01,10\n")
    assert import_files(db, [more]).ok
    with db.reading() as repo:
        (draw,) = repo.draws()
    ancs = [r for r in draw.results if r.analyte == "anc"]
    assert len(ancs) == 1 and ancs[0].calculated and ancs[0].value == pytest.approx(1.5)
    assert import_files(db, [more]).ok  # importing it again changes nothing
    with db.reading() as repo:
        assert repo.counts()["result"] == 4


def test_patient_fills_only_an_empty_profile(db, tmp_path: Path) -> None:
    patient = {"resourceType": "Patient", "name": [{"text": "Ann Lee"}], "gender": "female"}
    path = write(tmp_path, "p.json", json.dumps(patient))
    update_profile(db, name="Sam")
    import_files(db, [path])
    with db.reading() as repo:
        assert repo.profile().name == "Sam" and repo.profile().sex is None
    db2 = open_records(tmp_path / "other")
    try:
        import_files(db2, [path])
        with db2.reading() as repo:
            assert repo.profile().name == "Ann Lee"
    finally:
        db2.close()


def test_preview_stores_nothing(db, tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "date,analyte,value,unit\n2025-01-01,wbc,3100,/uL\n")
    before = counts(db)
    preview = preview_import(db, path)
    assert counts(db) == before
    assert preview.can_import and preview.rows == 1 and preview.new_results == {"wbc": 1}
    assert preview.units_seen == {"wbc": ("/uL",)} and preview.new_draws == 1


def test_each_file_on_its_own(db, tmp_path: Path) -> None:
    good = write(tmp_path, "a.csv", "date,analyte,value\n2025-01-01,wbc,3.1\n")
    bad = write(tmp_path, "b.json", "{broken")
    report = import_files(db, [bad, good])
    assert [f.stored for f in report.files] == [False, True]
    assert counts(db)["result"] == 1


# -- round trips ----------------------------------------------------------------------------------
def fill(db) -> None:
    update_profile(db, name="Round Trip", sex=Sex.FEMALE, birth_date=date(1980, 1, 1))
    record_results(
        db,
        ResultEntry(
            datetime(2025, 1, 1, 9, 30),
            {
                "wbc": "3,1 K/uL",
                "neutrophils_pct": "40",
                "hemoglobin": "118 g/L",
                "platelets": "<20",
            },
            "City Lab",
            {"wbc": "4.0-11.0"},
        ),
    )
    record_results(db, ResultEntry(datetime(2025, 2, 1, 8, 0), {"anc": "800 /uL", "wbc": "2.2"}))
    diary.add_temperature(db, datetime(2025, 1, 2, 21, 0), "101.5 F")
    diary.add_medication(db, "clozapine", date(2024, 12, 1), None, "100 mg")
    diary.add_fatigue(db, date(2025, 1, 2), 6, "tired")
    diary.add_infection(db, date(2025, 1, 3), "chest infection", None, "antibiotics", "38.9 C")


@pytest.mark.parametrize("fmt", ["csv", "json", "fhir"])
def test_export_import_round_trip(db, tmp_path: Path, fmt: str) -> None:
    fill(db)
    out = export_records(db, fmt, tmp_path / f"export.{fmt if fmt != 'fhir' else 'json'}")
    db2 = open_records(tmp_path / "new")
    try:
        if fmt == "csv":  # a CSV holds results only: the profile (sex sets Hb ranges) is typed
            update_profile(db2, name="Round Trip", sex=Sex.FEMALE, birth_date=date(1980, 1, 1))
        report = import_files(db2, [out])
        assert report.ok, report.files[0].problems
        assert results_json(db2) == results_json(db)
        with db.reading() as a, db2.reading() as b:
            assert [t.celsius for t in b.temperatures()] == [t.celsius for t in a.temperatures()]
            if fmt != "csv":
                assert [m.name for m in b.medications()] == [m.name for m in a.medications()]
            if fmt == "json":
                assert b.profile() == a.profile()
                assert (
                    b.fatigue()[0].note == "tired" and b.infections()[0].kind == "chest infection"
                )
        again = import_files(db2, [out])
        assert again.ok and again.files[0].preview.added_results == 0
    finally:
        db2.close()


def test_backup_into_non_empty_folder_merges_without_changing(db, tmp_path: Path) -> None:
    fill(db)
    out = export_records(db, "json", tmp_path / "b.json")
    before, text = counts(db), results_json(db)
    assert import_files(db, [out]).ok
    assert counts(db) == before and results_json(db) == text


def test_export_file_is_whole_or_absent(db, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    out.write_text("old")
    with pytest.raises(ValueError):
        export_records(db, "xml", out)
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"] or "x.csv" in [
        p.name for p in tmp_path.iterdir()
    ]


# -- junk -----------------------------------------------------------------------------------------
JUNK = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@JUNK
@given(data=st.binary(max_size=300))
def test_random_bytes_give_a_clean_problem(db, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "junk.json"
    path.write_bytes(data)
    before = counts(db)
    report = import_files(db, [path])
    assert counts(db) == before or report.ok
    if not report.ok:
        assert report.files[0].problems


@JUNK
@given(cut=st.integers(min_value=0, max_value=2000))
def test_truncated_fhir_gives_a_clean_problem(db, tmp_path: Path, cut: int) -> None:
    doc = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": f"o{i}",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "6690-2"}]},
                    "effectiveDateTime": f"2025-01-{i + 1:02d}T08:00:00Z",
                    "valueQuantity": {"value": 3.0 + i, "unit": "10*3/uL", "code": "10*3/uL"},
                }
            }
            for i in range(5)
        ],
    }
    text = json.dumps(doc)
    path = tmp_path / "cut.json"
    path.write_text(text[: min(cut, len(text) - 1)])
    before = counts(db)
    report = import_files(db, [path])
    assert not report.ok and counts(db) == before
    assert report.files[0].problems[0].where == "file"


@JUNK
@given(
    cells=st.lists(
        st.lists(
            st.text(alphabet=st.characters(codec="utf-8"), max_size=8), min_size=4, max_size=4
        ),
        min_size=1,
        max_size=5,
    )
)
def test_csv_with_random_cells_never_half_imports(db, tmp_path: Path, cells) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["date", "analyte", "value", "unit"])
    writer.writerows(cells)
    path = tmp_path / "r.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    before = counts(db)
    report = import_files(db, [path])
    if not report.ok:
        assert counts(db) == before and report.files[0].problems
