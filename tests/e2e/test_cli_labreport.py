"""`leukotrack read` and `leukotrack import REPORT.pdf`, through the real command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.e2e.cli_helpers import row_counts, run_cli
from tests.labreports.files import bad_files, reports  # noqa: F401  (fixture)
from tests.labreports.sheet import Sheet


def _reports_stored(data_dir: Path) -> list[tuple[str, int]]:
    con = sqlite3.connect(data_dir / "leukotrack.sqlite3")
    try:
        return con.execute("SELECT file_name, length(content) FROM report_file").fetchall()
    finally:
        con.close()


def test_read_json_stores_nothing(tmp_path: Path, reports: Path) -> None:  # noqa: F811
    data = tmp_path / "data"
    proc = run_cli(data, "read", str(reports / "cumulative.pdf"), "--json", check=True)
    out = json.loads(proc.stdout)
    assert out["method"] == "text" and out["pages"] == 1 and out["file"] == "cumulative.pdf"
    assert [d["taken_at"] for d in out["draws"]] == ["2026-02-03", "2026-02-10", "2026-02-17"]
    assert out["draws"][0]["results"][0]["entered"] == "2.8 x10^9/L"
    assert not data.exists()


def test_import_stores_then_adds_nothing_the_second_time(
    tmp_path: Path,
    reports: Path,  # noqa: F811
) -> None:
    data = tmp_path / "data"
    first = run_cli(data, "import", str(reports / "percentages_only.pdf"), check=True)
    assert "added 9 results in 1 new draws" in first.stdout  # 8 printed + the calculated ANC
    before = row_counts(data)
    again = run_cli(data, "import", str(reports / "percentages_only.pdf"), check=True)
    assert "imported before" in again.stdout
    assert row_counts(data) == before
    assert _reports_stored(data)[0][0] == "percentages_only.pdf"
    results = json.loads(run_cli(data, "results", "--json", check=True).stdout)
    anc = next(r for r in results if r["analyte"] == "anc")
    assert anc["calculated"] and anc["value"] == pytest.approx(3.8 * 0.41)
    assert (data / "leukotrack.sqlite3").stat().st_mode & 0o777 == 0o600


def test_rows_that_need_a_look_store_nothing(tmp_path: Path, reports: Path) -> None:  # noqa: F811
    data = tmp_path / "data"
    proc = run_cli(data, "import", str(reports / "slips.pdf"))
    assert proc.returncode == 2
    assert "page 1: needs a look: WBC 41" in proc.stderr
    assert "open it in the app to review" in proc.stderr
    assert row_counts(data).get("draw", 0) == 0


def test_date_supplied_for_a_report_without_one(tmp_path: Path) -> None:
    sheet = Sheet()
    sheet.page().text(40, 50, "Quick count", 12)
    sheet.text(40, 80, "WBC 3.4 K/uL 4.0-11.0")
    sheet.text(40, 95, "Hemoglobin 12.8 g/dL 12.0-15.5")
    pdf = sheet.save(tmp_path / "undated.pdf")
    data = tmp_path / "data"
    missing = run_cli(data, "import", str(pdf))
    assert missing.returncode == 2 and "add --date" in missing.stderr
    assert missing.stderr.count("\n") == 1
    run_cli(data, "import", str(pdf), "--date", "2026-03-02T09:30", check=True)
    results = json.loads(run_cli(data, "results", "--json", check=True).stdout)
    assert {r["taken_at"] for r in results} == {"2026-03-02T09:30"}


@pytest.mark.parametrize("kind", ["not_pdf", "damaged", "encrypted", "no_text", "no_count"])
def test_bad_files_one_line_exit_2(tmp_path: Path, kind: str) -> None:
    bad = bad_files(tmp_path)
    data = tmp_path / "data"
    for command in ("read", "import"):
        proc = run_cli(data, command, str(bad[kind]))
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("leukotrack: error: ")
    assert row_counts(data).get("draw", 0) == 0
