"""`leukotrack patterns` and `leukotrack plan serial`: patterns in the records, a test plan."""

from __future__ import annotations

import argparse
from pathlib import Path

from leukotrack.cli.common import (
    Commands,
    UsageError,
    day,
    open_records,
    plan_kinds,
    print_json,
)

PLAN_DESCRIPTION = (
    "Plan blood counts on set weekdays for a few weeks, as a hematologist may ask "
    "(2–3 times a week for six weeks). Without --start, shows the plan in force."
)


def register(sub: Commands, add: Commands) -> None:
    pat = sub.add_parser(
        "patterns",
        help="your usual counts, how often they were low, fatigue and infections on low days, "
        "and any repeating rhythm",
    )
    pat.add_argument("--analyte", default="anc", choices=["anc", "wbc", "lymphocytes"])
    pat.add_argument("--from", dest="start", metavar="D", help="first day (default: first result)")
    pat.add_argument("--to", dest="end", metavar="D", help="last day (default: last record)")
    pat.add_argument("--json", action="store_true")
    pat.set_defaults(handler=cmd_patterns)

    serial = plan_kinds(sub).add_parser(
        "serial", help="a serial-count plan", description=PLAN_DESCRIPTION
    )
    serial.add_argument("--start", metavar="D", help="the first day of the plan")
    serial.add_argument("--weeks", type=int, metavar="N", help="how many weeks (default 6)")
    serial.add_argument(
        "--days", metavar="mon,wed,fri", help="the weekdays of the tests (default mon,wed,fri)"
    )
    serial.add_argument("--ics", metavar="FILE", help="also write the plan as a calendar file")
    serial.add_argument("--clear", action="store_true", help="end the plan in force")
    serial.add_argument("--json", action="store_true")
    serial.set_defaults(handler=cmd_plan_serial)


def cmd_patterns(args: argparse.Namespace) -> int:
    from leukotrack.domain.pattern_text import CLOSING, statements
    from leukotrack.services.patterns import patterns_json, patterns_of
    from leukotrack.services.timeline import load_timeline

    start = day(args.start) if args.start else None
    end = day(args.end) if args.end else None
    db = open_records(args)
    try:
        timeline = load_timeline(db)
        found = patterns_of(timeline, args.analyte, start, end)
    finally:
        db.close()
    if args.json:
        print_json(patterns_json(found))
        return 0
    print(f"{found.analyte.upper()} from {found.start.isoformat()} to {found.end.isoformat()}")
    for line in statements(found, timeline.profile.count_unit):
        print(f"- {line}")
    for part in (found.fatigue, found.infections, found.periodicity):
        if not part.enough_data:
            print(f"- Not shown: {part.why}")
    print(CLOSING)
    return 0


def cmd_plan_serial(args: argparse.Namespace) -> int:
    from leukotrack.domain.serial_plan import DEFAULT_DAYS, DEFAULT_WEEKS, parse_weekdays
    from leukotrack.services.serial_plans import (
        check_ics_path,
        end_serial_plan,
        new_serial_plan,
        plan_json,
        plan_progress,
        plan_summary,
        save_serial_plan,
        serial_plan,
        write_plan_ics,
    )
    from leukotrack.services.timeline import load_timeline

    if args.clear and (args.start or args.weeks is not None or args.days or args.ics):
        raise UsageError("--clear ends the plan; give it alone.")
    if not args.start and (args.weeks is not None or args.days):
        raise UsageError("--weeks and --days need --start, the first day of the new plan.")
    new = None
    if args.start:
        weeks = DEFAULT_WEEKS if args.weeks is None else args.weeks
        weekdays = parse_weekdays(args.days) if args.days else DEFAULT_DAYS
        new = new_serial_plan(day(args.start), weeks, weekdays)
    ics = check_ics_path(Path(args.ics)) if args.ics else None
    db = open_records(args)
    try:
        if args.clear:
            print("The serial-count plan has ended." if end_serial_plan(db) else "No plan to end.")
            return 0
        plan = new or serial_plan(db)
        if plan is None:
            raise UsageError(
                "There is no serial-count plan; start one with --start D "
                "(for example: plan serial --start 2026-03-02)."
            )
        if ics is not None:  # before storing: a calendar that cannot be written stores nothing
            write_plan_ics(plan, ics)
        if new is not None:
            save_serial_plan(db, new)
        progress = plan_progress(plan, load_timeline(db))
    finally:
        db.close()
    if args.json:
        print_json(plan_json(progress))
        return 0
    print(f"{plan_summary(plan)}: {progress.text}.")
    done = set(progress.done)
    for d in progress.days:
        print(f"  {d.isoformat()} {d:%a}{'  done' if d in done else ''}")
    if ics is not None:
        print(f"Calendar written to {ics} ({len(progress.days)} events with reminders).")
    return 0
