"""`leukotrack flags` and `profile --threshold` through the real command line (subprocesses)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

DB = "leukotrack.sqlite3"


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leukotrack", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def ok(data_dir: Path, *args: str) -> str:
    done = run(data_dir, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def flag_codes(data_dir: Path, *args: str) -> list[str]:
    return [f["code"] for f in json.loads(ok(data_dir, "flags", "--json", *args))]


def db_file(data_dir: Path) -> Path:
    found = [p for p in data_dir.iterdir() if p.suffix in (".sqlite3", ".sqlite", ".db")]
    assert len(found) == 1
    return found[0]


def row_counts(data_dir: Path) -> dict[str, int]:
    con = sqlite3.connect(db_file(data_dir))
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        counts["profile_text"] = hash(str(con.execute("SELECT * FROM profile").fetchall()))
        return counts
    finally:
        con.close()


@pytest.fixture
def febrile(data_dir: Path) -> Path:
    ok(
        data_dir,
        "add",
        "result",
        "--date",
        "2026-03-01T09:00",
        "--wbc",
        "2.1 K/uL",
        "--anc",
        "800 /uL",
    )
    ok(data_dir, "add", "temperature", "--at", "2026-03-03T21:00", "--value", "101.3 F")
    ok(data_dir, "add", "result", "--date", "2026-03-10T09:00", "--wbc", "5.2", "--anc", "2.9")
    return data_dir


def test_as_of_excludes_later_data(febrile: Path) -> None:
    assert flag_codes(febrile, "--as-of", "2026-03-03T22:00") == [
        "febrile_neutropenia",
        "neutropenia.moderate",
        "leukopenia",
    ]
    assert flag_codes(febrile, "--as-of", "2026-03-03T20:59") == [
        "neutropenia.moderate",
        "leukopenia",
    ]
    assert flag_codes(febrile, "--as-of", "2026-03-10") == []  # a date alone: the end of that day
    assert flag_codes(febrile, "--as-of", "2026-03-06T00:00") == [
        "neutropenia.moderate",
        "leukopenia",
    ]


def test_json_shape_is_exactly_the_contract(febrile: Path) -> None:
    items = json.loads(ok(febrile, "flags", "--json", "--as-of", "2026-03-04"))
    for item in items:
        assert list(item) == ["code", "severity", "title", "detail", "since", "evidence"]
        for e in item["evidence"]:
            assert list(e) == ["taken_at", "analyte", "value"]
    fever = items[0]
    assert fever["severity"] == "emergency"
    assert fever["since"] == "2026-03-03T21:00"
    assert (
        "Fever with low neutrophils is a medical emergency. Contact your care team or go to emergency care now."
        in fever["detail"]
    )
    assert "101.3 °F (38.5 °C)" in fever["detail"]
    assert {"taken_at": "2026-03-01T09:00", "analyte": "anc", "value": 0.8} in fever["evidence"]


def test_plain_output_is_severity_first_one_line_each(febrile: Path) -> None:
    out = ok(febrile, "flags", "--as-of", "2026-03-04").splitlines()
    assert out[0].startswith("EMERGENCY")
    assert out[1].startswith("DANGER") and "0.8 ×10⁹/L (800 cells/µL) on 1 March 2026" in out[1]
    assert out[-1].startswith("LeukoTrack organises your own records")


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "2026-03-03T25:00"])
def test_bad_as_of_is_exit_2_and_changes_nothing(febrile: Path, bad: str) -> None:
    before = row_counts(febrile)
    done = run(febrile, "flags", "--as-of", bad)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "YYYY-MM-DD" in done.stderr
    assert row_counts(febrile) == before


def test_duffy_null_profile_changes_anc_limits(data_dir: Path) -> None:
    ok(data_dir, "add", "result", "--date", "2026-03-01", "--anc", "1.2")
    ok(data_dir, "add", "medication", "--name", "Clozaril 100 mg", "--start", "2026-02-01")
    assert {"neutropenia.mild", "clozapine.mild"} <= set(
        flag_codes(data_dir, "--as-of", "2026-03-01")
    )
    ok(data_dir, "profile", "--reference", "duffy-null")
    codes = flag_codes(data_dir, "--as-of", "2026-03-01")
    assert not {"neutropenia.mild", "clozapine.mild"} & set(codes)
    assert "medication.associated" in codes


def test_clozapine_schedule_through_the_cli(data_dir: Path) -> None:
    ok(
        data_dir,
        "add",
        "medication",
        "--name",
        "clozapine 25 MG Oral Tablet",
        "--start",
        "2026-01-05",
    )
    ok(data_dir, "add", "result", "--date", "2026-02-02T09:00", "--anc", "3.1")
    assert "clozapine.test_due" not in flag_codes(data_dir, "--as-of", "2026-02-08")
    assert "clozapine.test_due" in flag_codes(data_dir, "--as-of", "2026-02-09")
    assert "clozapine.test_overdue" in flag_codes(data_dir, "--as-of", "2026-02-10")


def test_threshold_settings(data_dir: Path) -> None:
    ok(data_dir, "add", "result", "--date", "2026-03-01", "--anc", "1.3")
    assert "neutropenia.mild" in flag_codes(data_dir, "--as-of", "2026-03-01")
    ok(data_dir, "profile", "--threshold", "anc_mild=1.2")
    assert "neutropenia.mild" not in flag_codes(data_dir, "--as-of", "2026-03-01")
    profile = json.loads(ok(data_dir, "profile", "--json", "--clozapine-scheme", "uk-cpms"))
    assert profile["thresholds"]["anc_mild"] == 1.2
    assert profile["thresholds"]["clozapine_scheme"] == "uk-cpms"
    ok(data_dir, "profile", "--threshold", "anc_mild=default")
    assert "neutropenia.mild" in flag_codes(data_dir, "--as-of", "2026-03-01")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("anc_mild", "is not KEY=VALUE"),
        ("anc_milder=1", "is not a threshold"),
        ("anc_severe=abc", "must be a number"),
        ("anc_severe=1.2", "keep the severe ANC limit below the moderate one"),
        ("anc_mild=1500", "1.5, not 1500"),
        ("chronic_days=10", "persistent_days below chronic_days"),
        ("persistent_days=2.5", "whole number of days"),
        ("ctcae_version=4.0", "must be one of 5.0, 6.0"),
    ],
)
def test_bad_threshold_is_exit_2_and_changes_nothing(
    data_dir: Path, item: str, message: str
) -> None:
    ok(data_dir, "profile", "--name", "Sam")
    before = row_counts(data_dir)
    done = run(data_dir, "profile", "--threshold", item)
    assert done.returncode == 2
    assert message in done.stderr
    assert row_counts(data_dir) == before


def test_results_json_carries_grade_status_and_range_source(data_dir: Path) -> None:
    ok(
        data_dir,
        "add",
        "result",
        "--date",
        "2026-03-01",
        "--wbc",
        "3.8",
        "--range",
        "wbc=4.0-10.0",
        "--anc",
        "<0.5",
        "--lymph",
        "0.49",
    )
    rows = {r["analyte"]: r for r in json.loads(ok(data_dir, "results", "--json"))}
    assert (rows["wbc"]["ctcae_grade"], rows["wbc"]["status"], rows["wbc"]["range_source"]) == (
        1,
        "low",
        "lab",
    )
    assert rows["wbc"]["ref_low"] == 4.0
    assert (rows["anc"]["ctcae_grade"], rows["anc"]["range_source"]) == (4, "profile")
    assert rows["lymphocytes"]["ctcae_grade"] == 3  # 0.49: grade 3 (grade 4 is below 0.2)
    assert "neutropenia.severe" in flag_codes(data_dir, "--as-of", "2026-03-01")
