"""`leukotrack patterns` and `leukotrack plan serial`: JSON shapes, bad input, the .ics file."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from leukotrack.cli import main
from leukotrack.domain.records import Draw, FatigueEntry, Infection, Result
from leukotrack.services.store import open_records

from .cli_helpers import row_counts, run_cli

MONDAY = date(2026, 3, 2)


def fill(data_dir: Path, weeks: int = 8) -> None:
    """Three results a week in a 21-day rhythm, fatigue every day, a few infections."""
    db = open_records(data_dir)
    with db.transaction() as repo:
        for k in range(7 * weeks):
            day = MONDAY + timedelta(days=k)
            if day.weekday() in (0, 2, 4):
                anc = 2.0 + 1.2 * math.sin(2 * math.pi * k / 21)
                results = (Result("anc", round(anc, 2), f"{anc:.2f}"),)
                repo.add_draw(Draw(datetime.combine(day, datetime.min.time()), results))
            repo.add_fatigue(FatigueEntry(day, 7 if k % 21 in range(12, 20) else 3))
        for k in (9, 30, 50):
            repo.add_infection(Infection(MONDAY + timedelta(days=k), "cold"))
    db.close()


def cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_patterns_json_has_the_shape_of_clinical_md(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data_dir)
    assert cli(data_dir, "patterns", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["baseline"]) >= {"n", "median", "q1", "q3", "min", "max"}
    assert data["baseline"]["n"] == 24
    assert [b["threshold"] for b in data["below"]] == [1.5, 1.0, 0.5]
    for b in data["below"]:
        assert set(b) == {"threshold", "results_below", "share", "longest_run_days"}
    assert set(data["fatigue"]) == {
        "low_days", "other_days", "mean_low", "mean_other", "enough_data", "why"
    }  # fmt: skip
    assert data["fatigue"]["enough_data"] is True
    assert data["fatigue"]["mean_low"] > data["fatigue"]["mean_other"]
    assert set(data["infections"]) == {
        "episodes", "started_low", "started_other", "rate_low", "rate_other", "enough_data", "why"
    }  # fmt: skip
    assert data["infections"]["episodes"] == 3
    assert data["infections"]["enough_data"] is False  # fewer than 30 low days
    assert data["infections"]["rate_low"] is None and "30" in data["infections"]["why"]
    per = data["periodicity"]
    assert set(per) == {"enough_data", "why", "period_days", "false_alarm_probability", "pattern"}
    assert per["pattern"] is True and abs(per["period_days"] - 21) <= 2


def test_patterns_in_words_leave_out_what_lacks_data(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data_dir)
    assert cli(data_dir, "patterns", "--from", "2026-03-02", "--to", "2026-04-10") == 0
    out = capsys.readouterr().out
    assert "rise and fall" not in out  # 17 results over 39 days: not enough for a rhythm
    assert "Not shown: Needs at least 12 results spanning at least 42 days" in out
    assert "cyclic neutropenia" not in out.lower()
    assert out.rstrip().endswith("Only your care team can say what this means for you.")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-05-01", "--to", "2026-04-01"], "is after --to"),
        (["--from", "2020-01-01", "--to", "2020-02-01"], "no ANC results from 2020-01-01"),
        (["--analyte", "lymphocytes"], "no Lymph results yet"),
        (["--from", "2026-13-01"], "not a real date"),
    ],
)
def test_bad_patterns_requests_get_one_clear_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    fill(data_dir, weeks=2)
    assert cli(data_dir, "patterns", *args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_an_analyte_without_patterns_is_a_usage_error(data_dir: Path) -> None:
    proc = run_cli(data_dir, "patterns", "--analyte", "hemoglobin")
    assert proc.returncode == 2
    assert "invalid choice: 'hemoglobin'" in proc.stderr


def test_plan_serial_lists_18_days_and_counts_the_done_ones(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(data_dir, weeks=2)  # results on the first six Mondays/Wednesdays/Fridays
    assert cli(data_dir, "plan", "serial", "--start", "2026-03-02", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["days"]) == 18 and data["done"] == 6
    assert data["days"][:3] == ["2026-03-02", "2026-03-04", "2026-03-06"]
    assert data["days"][-1] == "2026-04-10"
    assert cli(data_dir, "plan", "serial") == 0  # the stored plan, shown again
    assert "6 of 18 tests done" in capsys.readouterr().out


def test_plan_serial_other_days_and_weeks(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["plan", "serial", "--start", "2026-03-03", "--weeks", "2", "--days", "tue,thu"]
    assert cli(data_dir, *args, "--json") == 0
    assert json.loads(capsys.readouterr().out) == {
        "days": ["2026-03-03", "2026-03-05", "2026-03-10", "2026-03-12"],
        "done": 0,
    }


def test_plan_serial_ics_has_one_event_with_a_reminder_per_test_day(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from icalendar import Calendar

    out = tmp_path / "plan.ics"
    assert cli(data_dir, "plan", "serial", "--start", "2026-03-02", "--ics", str(out)) == 0
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == 18
    starts = [e.decoded("dtstart") for e in events]
    assert starts[0] == date(2026, 3, 2) and starts[-1] == date(2026, 4, 10)
    assert all(len(list(e.walk("VALARM"))) == 1 for e in events)
    assert len({str(e["uid"]) for e in events}) == 18


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2026-03-02", "--days", "mon,funday"], "'funday' is not a day of the week"),
        (["--start", "2026-03-02", "--weeks", "0"], "0 weeks is outside 1–26"),
        (["--weeks", "4"], "need --start"),
        ([], "There is no serial-count plan"),
        (["--start", "2026-03-02", "--ics", "/nowhere/at/all/plan.ics"], "does not exist"),
        (["--start", "2026-03-02", "--ics", "plan.txt"], "should end in .ics"),
    ],
)
def test_bad_plans_store_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    fill(data_dir, weeks=1)
    before = row_counts(data_dir)
    assert cli(data_dir, "plan", "serial", *args) == 2
    assert message in capsys.readouterr().err
    assert row_counts(data_dir) == before


def test_plan_serial_clear_ends_the_plan(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(data_dir, "plan", "serial", "--start", "2026-03-02") == 0
    assert cli(data_dir, "plan", "serial", "--clear") == 0
    assert "has ended" in capsys.readouterr().out
    assert cli(data_dir, "plan", "serial") == 2
