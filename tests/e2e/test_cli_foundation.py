"""The command line of DESIGN.md: profile, add …, results, demo; exit codes; nothing stored on error."""

import json
from pathlib import Path

import pytest

from leukotrack import __version__

from .cli_helpers import row_counts, run_cli

RESULT_KEYS = {
    "taken_at",
    "analyte",
    "value",
    "unit",
    "entered",
    "ref_low",
    "ref_high",
    "range_source",
    "status",
    "ctcae_grade",
    "calculated",
    "source",
}


def test_version(data_dir: Path) -> None:
    proc = run_cli(data_dir, "--version")
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_profile_set_and_show(data_dir: Path) -> None:
    run_cli(
        data_dir,
        "profile",
        "--name",
        "Sam Example",
        "--sex",
        "male",
        "--birth-date",
        "1990-02-03",
        "--reference",
        "duffy-null",
        check=True,
    )
    proc = run_cli(data_dir, "profile", "--json", check=True)
    data = json.loads(proc.stdout)
    assert data["name"] == "Sam Example"
    assert (
        data["sex"] == "male"
        and data["birth_date"] == "1990-02-03"
        and data["reference"] == "duffy-null"
    )


def test_add_result_and_results_json(data_dir: Path) -> None:
    run_cli(
        data_dir,
        "add",
        "result",
        "--date",
        "2026-03-03T09:30",
        "--lab",
        "City Lab",
        "--wbc",
        "3100 /µL",
        "--neut-pct",
        "40",
        "--band-pct",
        "5",
        "--hgb",
        "11,2 g/dL",
        "--plt",
        "140 K/uL",
        "--range",
        "wbc=4000-11000",
        check=True,
    )
    rows = json.loads(run_cli(data_dir, "results", "--json", check=True).stdout)
    assert all(set(r) == RESULT_KEYS for r in rows)
    by = {r["analyte"]: r for r in rows}
    assert by["wbc"] == {
        "taken_at": "2026-03-03T09:30",
        "analyte": "wbc",
        "value": 3.1,
        "unit": "10^9/L",
        "entered": "3100 cells/µL",
        "ref_low": 4.0,
        "ref_high": 11.0,
        "range_source": "lab",
        "status": "low",
        "ctcae_grade": 1,
        "calculated": False,
        "source": "manual",
    }
    assert by["anc"]["calculated"] is True and by["anc"]["value"] == pytest.approx(1.395)
    assert by["anc"]["range_source"] == "profile" and by["anc"]["ctcae_grade"] == 2
    assert by["hemoglobin"]["value"] == 11.2 and by["hemoglobin"]["unit"] == "g/dL"
    assert by["platelets"]["status"] == "low"
    only = json.loads(run_cli(data_dir, "results", "--analyte", "WBC", "--json", check=True).stdout)
    assert [r["analyte"] for r in only] == ["wbc"]
    plain = run_cli(data_dir, "results", check=True).stdout
    assert "WBC" in plain and "3.1 ×10⁹/L L" in plain


def test_diary_commands(data_dir: Path) -> None:
    run_cli(
        data_dir, "add", "temperature", "--at", "2026-03-04T20:00", "--value", "101.5 F", check=True
    )
    run_cli(
        data_dir,
        "add",
        "medication",
        "--name",
        "Clozapine",
        "--start",
        "2025-01-01",
        "--dose",
        "200 mg",
        check=True,
    )
    run_cli(
        data_dir,
        "add",
        "infection",
        "--start",
        "2026-03-04",
        "--end",
        "2026-03-09",
        "--kind",
        "chest",
        "--treatment",
        "antibiotics",
        "--max-temp",
        "38.6 C",
        check=True,
    )
    run_cli(
        data_dir,
        "add",
        "fatigue",
        "--date",
        "2026-03-04",
        "--score",
        "7",
        "--note",
        "tired",
        check=True,
    )
    counts = row_counts(data_dir)
    assert (
        counts["temperature"],
        counts["medication"],
        counts["infection"],
        counts["fatigue"],
    ) == (1, 1, 1, 1)


BAD_INPUTS = [
    (
        ("add", "result", "--date", "2026-03-03", "--wbc", "3.1 mg/dL"),
        "not a unit LeukoTrack knows",
    ),
    (
        ("add", "result", "--date", "2026-03-03", "--wbc", "4500 K/uL"),
        "did you mean 4500 cells/µL = 4.5 ×10⁹/L?",
    ),
    (("add", "result", "--date", "03/03/2026", "--wbc", "3.1"), "use YYYY-MM-DD"),
    (("add", "result", "--date", "2026-02-30", "--wbc", "3.1"), "not a real date"),
    (("add", "result", "--date", "2099-01-01", "--wbc", "3.1"), "in the future"),
    (
        ("add", "result", "--date", "2026-03-03", "--neut-pct", "120"),
        "not a plausible neutrophil percentage",
    ),
    (
        ("add", "result", "--date", "2026-03-03", "--wbc", "3", "--range", "ldl=1-2"),
        "not an analyte LeukoTrack keeps",
    ),
    (("add", "result", "--date", "2026-03-03", "--wbc", "3", "--range", "wbc"), "KEY=LOW-HIGH"),
    (("add", "result", "--date", "2026-03-03"), "at least one result"),
    (
        ("add", "temperature", "--at", "2026-03-03", "--value", "101.5 C"),
        "did you mean 101.5 °F = 38.6 °C?",
    ),
    (("add", "fatigue", "--date", "2026-03-03", "--score", "11"), "from 0 (none) to 10"),
    (("add", "fatigue", "--date", "2026-03-03", "--score", "lots"), "whole number"),
    (
        ("add", "infection", "--start", "2026-03-05", "--end", "2026-03-01", "--kind", "cold"),
        "before it starts",
    ),
    (
        ("add", "medication", "--name", "X", "--start", "2026-03-05", "--stop", "2026-03-01"),
        "before it starts",
    ),
    (("results", "--analyte", "cholesterol"), "not an analyte"),
    (("profile", "--birth-date", "2099-01-01"), "in the future"),
]


@pytest.mark.parametrize(
    ("args", "message"),
    BAD_INPUTS,
    ids=[" ".join(a[:3]) + f"-{i}" for i, (a, _) in enumerate(BAD_INPUTS)],
)
def test_bad_input_exits_2_and_changes_nothing(
    data_dir: Path, args: tuple[str, ...], message: str
) -> None:
    run_cli(data_dir, "add", "result", "--date", "2026-01-02", "--wbc", "4.0", check=True)
    before = row_counts(data_dir)
    proc = run_cli(data_dir, *args)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert row_counts(data_dir) == before


def test_usage_error_exits_2(data_dir: Path) -> None:
    proc = run_cli(data_dir, "add", "result", "--wbc", "3")
    assert proc.returncode == 2 and "--date" in proc.stderr


def test_result_before_birth_date_is_refused(data_dir: Path) -> None:
    run_cli(data_dir, "profile", "--birth-date", "2000-01-01", check=True)
    proc = run_cli(data_dir, "add", "result", "--date", "1999-12-31", "--wbc", "3")
    assert proc.returncode == 2 and "before the birth date" in proc.stderr


def test_newer_database_exits_1(data_dir: Path) -> None:
    import sqlite3

    run_cli(data_dir, "profile", check=True)
    con = sqlite3.connect(data_dir / "leukotrack.sqlite3")
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    proc = run_cli(data_dir, "results")
    assert proc.returncode == 1 and "newer version of LeukoTrack" in proc.stderr


def test_demo_fills_an_empty_dir_once(data_dir: Path) -> None:
    proc = run_cli(data_dir, "demo", check=True)
    assert "two-year history" in proc.stdout
    counts = row_counts(data_dir)
    assert counts["draw"] > 50 and counts["medication"] >= 3 and counts["infection"] >= 2
    again = run_cli(data_dir, "demo")
    assert again.returncode == 2 and "already holds records" in again.stderr
    assert row_counts(data_dir) == counts


def test_data_dir_from_environment(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from .cli_helpers import ROOT

    target = tmp_path / "env-data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LEUKOTRACK_DATA_DIR": str(target)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "leukotrack",
            "add",
            "fatigue",
            "--date",
            "2026-01-01",
            "--score",
            "3",
        ],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert row_counts(target)["fatigue"] == 1


@pytest.mark.parametrize(
    "command",
    [
        (),
        ("profile",),
        ("add", "result"),
        ("add", "temperature"),
        ("add", "medication"),
        ("add", "infection"),
        ("add", "fatigue"),
        ("results",),
        ("flags",),
        ("import",),
        ("export",),
        ("report",),
        ("backups",),
        ("demo",),
    ],
)
def test_every_help_works(data_dir: Path, command: tuple[str, ...]) -> None:
    proc = run_cli(data_dir, *command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert "usage: leukotrack" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("profile", "--sex", "other"),
        ("flags", "--as-of"),
        ("add", "result", "--wbc", "3"),
        ("frobnicate",),
    ],
)
def test_usage_errors_are_one_line(data_dir: Path, args: tuple[str, ...]) -> None:
    proc = run_cli(data_dir, *args)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "--help" in proc.stderr
