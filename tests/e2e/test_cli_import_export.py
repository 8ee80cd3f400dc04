"""`leukotrack import` and `leukotrack export` through the real command line."""

import json
from pathlib import Path

from .cli_helpers import row_counts, run_cli


def test_import_synthea_then_reimport_adds_nothing(synthea_dir: Path, data_dir: Path) -> None:
    files = [str(p) for p in sorted(synthea_dir.glob("Cleo_Friesen_*.json"))]
    first = run_cli(data_dir, "import", *files, check=True)
    assert "added 24 results in 8 new draws" in first.stdout
    counts = row_counts(data_dir)
    second = run_cli(data_dir, "import", *files, check=True)
    assert "nothing new" in second.stdout and row_counts(data_dir) == counts
    assert list((data_dir / "backups").glob("before-import-*.sqlite3"))


def test_bad_file_exit_2_problems_on_stderr_nothing_stored(data_dir: Path, tmp_path: Path) -> None:
    run_cli(data_dir, "add", "result", "--date", "2025-01-01", "--wbc", "3.1", check=True)
    before = row_counts(data_dir)
    bad = tmp_path / "bad.csv"
    bad.write_text("date,analyte,value,unit\n2025-01-02,wbc,4500,K/uL\n2025-01-03,hb,x1,g/dL\n")
    proc = run_cli(data_dir, "import", str(bad))
    assert proc.returncode == 2 and row_counts(data_dir) == before
    lines = [x for x in proc.stderr.splitlines() if "problem" in x]
    assert len(lines) == 2 and "line 2" in lines[0] and "line 3" in lines[1]


def test_ambiguous_dates_need_date_format(data_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "eu.csv"
    f.write_text("date;WBC (K/uL)\n03/05/2024;4,5\n")
    assert run_cli(data_dir, "import", str(f)).returncode == 2
    ok = run_cli(data_dir, "import", str(f), "--date-format", "%d/%m/%Y", check=True)
    assert ok.returncode == 0
    rows = json.loads(run_cli(data_dir, "results", "--json", check=True).stdout)
    assert rows[0]["taken_at"] == "2024-05-03T00:00" and rows[0]["value"] == 4.5


def test_export_json_restore_is_byte_for_byte(data_dir: Path, tmp_path: Path) -> None:
    run_cli(data_dir, "demo", check=True)
    out = tmp_path / "backup.json"
    run_cli(data_dir, "export", "--format", "json", "--out", str(out), check=True)
    assert json.loads(out.read_text())["format"] == "leukotrack-backup"
    new = tmp_path / "restored"
    run_cli(new, "import", str(out), check=True)
    original = run_cli(data_dir, "results", "--json", check=True).stdout
    assert run_cli(new, "results", "--json", check=True).stdout == original
    as_of = ("--as-of", "2030-01-01")
    flags = run_cli(data_dir, "flags", "--json", *as_of, check=True).stdout
    assert json.loads(flags) and run_cli(new, "flags", "--json", *as_of, check=True).stdout == flags
    now_flags = run_cli(data_dir, "flags", "--json", check=True).stdout
    assert run_cli(new, "flags", "--json", check=True).stdout == now_flags
    assert row_counts(new) == row_counts(data_dir)


def test_export_fhir_and_csv_read_back(data_dir: Path, tmp_path: Path) -> None:
    run_cli(
        data_dir,
        "add",
        "result",
        "--date",
        "2025-01-01T09:00",
        "--wbc",
        "3.1",
        "--neut-pct",
        "40",
        check=True,
    )
    for fmt in ("fhir", "csv"):
        out = tmp_path / f"x.{fmt}"
        run_cli(data_dir, "export", "--format", fmt, "--out", str(out), check=True)
        new = tmp_path / f"new-{fmt}"
        run_cli(new, "import", str(out), check=True)
        assert (
            run_cli(new, "results", "--json", check=True).stdout
            == run_cli(data_dir, "results", "--json", check=True).stdout
        )
    bundle = json.loads((tmp_path / "x.fhir").read_text())
    assert bundle["type"] == "collection"
    codes = {
        e["resource"]["code"]["coding"][0]["code"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
    }
    assert codes == {"6690-2", "770-8"}


def test_skip_problems_stores_the_good_rows_and_prints_each_left_out(
    data_dir: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "portal.csv"
    csv.write_text(
        "date,analyte,value,unit\n"
        "2025-01-02,WBC,3.1,K/mcL\n"
        "2025-01-02,Neut Abs,1.2,x10(3)/mcL\n"
        "2025-01-03,WBC,3.3,K\n"  # ambiguous unit
        "2025-01-04,WBC,4500,K/uL\n"  # implausible
        "2025-01-05,Hgb,11.9,g/dL\n"
    )
    refused = run_cli(data_dir, "import", str(csv))
    assert refused.returncode == 2 and row_counts(data_dir).get("result", 0) == 0
    proc = run_cli(data_dir, "import", "--skip-problems", str(csv))
    assert proc.returncode == 0, proc.stderr
    assert "added 3 results in 2 new draws" in proc.stdout
    assert "left out 2 rows with problems" in proc.stdout
    left_out = [x for x in proc.stderr.splitlines() if ": left out: " in x]
    assert len(left_out) == 2
    assert "line 4" in left_out[0] and "two readings" in left_out[0]
    assert "line 5" in left_out[1] and "not a plausible" in left_out[1]
    counts = row_counts(data_dir)
    again = run_cli(data_dir, "import", "--skip-problems", str(csv))
    assert again.returncode == 0 and "nothing new" in again.stdout
    assert row_counts(data_dir) == counts
