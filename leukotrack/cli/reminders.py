"""`leukotrack reminders [--json] [--ics FILE]` and `leukotrack plan tests --every N | --on D`."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from leukotrack.cli.common import Commands, UsageError, day, open_records, plan_kinds, print_json


def register(sub: Commands, add: Commands) -> None:
    rem = sub.add_parser(
        "reminders", help="the coming blood tests (and visits and cycle days), soonest first"
    )
    rem.add_argument("--json", action="store_true", help="print them as JSON")
    rem.add_argument("--ics", metavar="FILE", help="also write the coming ones as a calendar file")
    rem.add_argument("--as-of", metavar="D", help="as of the end of this day (default: now)")
    rem.set_defaults(handler=cmd_reminders)

    tests = plan_kinds(sub).add_parser(
        "tests", help="your own next-test rule: every N days after the latest result, or a date"
    )
    when = tests.add_mutually_exclusive_group(required=True)
    when.add_argument("--every", type=int, metavar="DAYS", help="e.g. 28 for every four weeks")
    when.add_argument("--on", metavar="D", help="a date, e.g. 2027-01-12")
    when.add_argument("--clear", action="store_true", help="remove your plan")
    tests.set_defaults(handler=cmd_plan_tests)


def _as_of(args: argparse.Namespace) -> datetime:
    from leukotrack.services.flags import as_of_moment

    return as_of_moment(day(args.as_of) if args.as_of else None)


def cmd_reminders(args: argparse.Namespace) -> int:
    from leukotrack.domain.dates import long_date
    from leukotrack.services.reminders import export_reminders, reminder_json, reminders_of
    from leukotrack.services.timeline import load_timeline

    as_of = _as_of(args)
    out = Path(args.ics) if args.ics else None
    if out is not None and not out.parent.is_dir():
        raise UsageError(
            f"the folder {out.parent} does not exist; choose a file in a folder that does"
        )
    db = open_records(args)
    try:
        found = reminders_of(load_timeline(db), as_of)
        written = export_reminders(db, out, as_of) if out is not None else None
    finally:
        db.close()
    if args.json:
        print_json([reminder_json(r) for r in found])
    else:
        if not found:
            print(
                "No reminders: no plan gives a next test. "
                "Set one with `leukotrack plan tests --every 28` or `--on YYYY-MM-DD`."
            )
        for r in found:
            state = "OVERDUE " if r.overdue else ("TODAY   " if r.due == as_of.date() else "")
            print(f"{state}{long_date(r.due)}: {r.kind.replace('_', ' ')} ({r.source}: {r.reason})")
    if out is not None and not args.json:
        print(f"Wrote {written} event(s) with alarms to {out}.")
    return 0


def cmd_plan_tests(args: argparse.Namespace) -> int:
    from leukotrack.domain.dates import long_date
    from leukotrack.services.reminders import clear_test_plan, next_test, set_test_plan
    from leukotrack.services.timeline import load_timeline

    on: date | None = day(args.on) if args.on else None
    db = open_records(args)
    try:
        if args.clear:
            clear_test_plan(db)
            print("Your own next-test plan is removed.")
            return 0
        plan = set_test_plan(db, args.every, on)
        soonest = next_test(load_timeline(db), datetime.now())
    finally:
        db.close()
    print(f"Your plan: {plan.words()}.")
    if soonest is not None:
        print(f"Next blood test: {long_date(soonest.due)} ({soonest.source}).")
    return 0
