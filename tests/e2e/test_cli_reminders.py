"""`leukotrack plan tests` and `leukotrack reminders [--json] [--ics FILE]` in a subprocess."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar

from tests.e2e.cli_helpers import row_counts, run_cli


def test_plan_then_reminders_json_ics_and_the_overdue_flag(tmp_path: Path) -> None:
    data = tmp_path / "data"
    last = date.today() - timedelta(days=30)
    run_cli(data, "add", "result", "--date", last.isoformat(), "--wbc", "3.2", check=True)
    done = run_cli(data, "plan", "tests", "--every", "28", check=True)
    assert "every 28 days after your latest blood test" in done.stdout

    due = last + timedelta(days=28)
    items = json.loads(run_cli(data, "reminders", "--json", check=True).stdout)
    assert items == [
        {"date": due.isoformat(), "kind": "blood_test", "source": "your plan", "overdue": True}
    ]
    flags = json.loads(run_cli(data, "flags", "--json", check=True).stdout)
    overdue = [f for f in flags if f["code"] == "test.overdue"]
    assert overdue and overdue[0]["severity"] == "info"
    on_due = run_cli(data, "flags", "--json", "--as-of", due.isoformat(), check=True).stdout
    assert "test.overdue" not in on_due  # the due date itself is not overdue

    later = date.today() + timedelta(days=10)
    run_cli(data, "plan", "tests", "--on", later.isoformat(), check=True)
    out = tmp_path / "next.ics"
    text = run_cli(data, "reminders", "--ics", str(out), check=True).stdout
    assert "Wrote 1 event(s)" in text
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [later]


def test_bad_plans_change_nothing_and_say_why(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_cli(data, "plan", "tests", "--every", "28", check=True)
    before = row_counts(data)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    for args, words in (
        (("--every", "0"), "not a usable interval"),
        (("--on", yesterday), "has already passed"),
        (("--on", "12/01/2027"), "date"),
        ((), "one of the arguments"),
    ):
        done = run_cli(data, "plan", "tests", *args)
        assert done.returncode == 2, done.stderr
        assert words in done.stderr and done.stderr.count("\n") == 1
    assert row_counts(data) == before
    missing = run_cli(data, "reminders", "--ics", str(tmp_path / "no" / "such.ics"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
