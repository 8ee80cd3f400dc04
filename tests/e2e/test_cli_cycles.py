"""`leukotrack add cycle` and `leukotrack cycles [--analyte] [--json]` through the real CLI."""

import json
from pathlib import Path

from tests.e2e.cli_helpers import row_counts, run_cli


def test_add_cycles_then_list_them(tmp_path: Path) -> None:
    d = tmp_path / "data"
    run_cli(
        d,
        "add",
        "cycle",
        "--start",
        "2026-03-02",
        "--regimen",
        "FOLFOX",
        "--length",
        "14",
        check=True,
    )
    run_cli(d, "add", "cycle", "--start", "2026-03-16", "--regimen", "FOLFOX", check=True)
    for day, anc in [("02", "2.4"), ("11", "800 /uL"), ("13", "1.1"), ("16", "1.6")]:
        run_cli(d, "add", "result", "--date", f"2026-03-{day}T09:00", "--anc", anc, check=True)
    out = run_cli(d, "cycles", "--json", check=True)
    data = json.loads(out.stdout)
    assert [c["number"] for c in data] == [1, 2]
    assert data[0]["nadir"] == {"value": 0.8, "taken_at": "2026-03-11T09:00", "day": 10}
    assert data[0]["before_next"]["meets_threshold"] is True
    assert data[1]["end"] == "2026-03-29"  # no planned length: the median of earlier cycles
    text = run_cli(d, "cycles", check=True).stdout
    assert "C1" in text and "0.8 (day 10)" in text
    wbc = json.loads(run_cli(d, "cycles", "--analyte", "wbc", "--json", check=True).stdout)
    assert wbc[0]["analyte"] == "wbc" and "1.5" not in wbc[0]["days_below"]


def test_bad_cycles_exit_2_with_one_line_and_store_nothing(tmp_path: Path) -> None:
    d = tmp_path / "data"
    run_cli(d, "add", "cycle", "--start", "2026-03-02", "--regimen", "AC", check=True)
    before = row_counts(d)
    for args, words in [
        (["--start", "2026-03-02"], "Cycle 1 (AC, started 2026-03-02) already starts"),
        (["--start", "2026-04-01", "--length", "0"], "1 to 120 days"),
        (["--start", "2026-04-01", "--length", "200"], "1 to 120 days"),
        (["--start", "2999-01-01"], "in the future"),
    ]:
        proc = run_cli(d, "add", "cycle", *args)
        assert proc.returncode == 2, proc.stderr
        assert words in proc.stderr and proc.stderr.count("\n") == 1
        assert row_counts(d) == before


def test_no_cycles_says_how_to_add_one(tmp_path: Path) -> None:
    out = run_cli(tmp_path / "data", "cycles", check=True).stdout
    assert "leukotrack add cycle --start" in out
    assert json.loads(run_cli(tmp_path / "data", "cycles", "--json", check=True).stdout) == []
