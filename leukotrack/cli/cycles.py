"""Treatment cycles: `add cycle` and `cycles` (CLINICAL.md "Treatment cycles")."""

from __future__ import annotations

import argparse

from leukotrack.cli.common import Commands, day, open_records, print_json


def register(sub: Commands, add: Commands) -> None:
    cyc = add.add_parser("cycle", help="a treatment cycle (day 1 is the day treatment is given)")
    cyc.set_defaults(handler=cmd_add_cycle)
    cyc.add_argument("--start", required=True, metavar="D", help="day 1 of the cycle")
    cyc.add_argument("--regimen", default="", metavar="NAME", help='e.g. "FOLFOX", "AC"')
    cyc.add_argument("--length", metavar="DAYS", help="the planned length, 1 to 120 days")
    cyc.add_argument("--note", default="", metavar="TEXT")

    cs = sub.add_parser("cycles", help="the counts in each treatment cycle")
    cs.add_argument(
        "--analyte",
        default="anc",
        choices=["anc", "wbc", "platelets"],
        help="the count to describe (default: anc)",
    )
    cs.add_argument("--json", action="store_true")
    cs.set_defaults(handler=cmd_cycles)


def cmd_add_cycle(args: argparse.Namespace) -> int:
    from leukotrack.services.cycles import add_cycle

    start = day(args.start)
    db = open_records(args)
    try:
        c = add_cycle(db, start, args.regimen, args.length, args.note)
    finally:
        db.close()
    what = f" ({c.regimen})" if c.regimen else ""
    print(f"Saved the cycle{what} starting {c.start.isoformat()}.")
    return 0


def cmd_cycles(args: argparse.Namespace) -> int:
    from leukotrack.services.cycles import cycle_view_of, summary_json
    from leukotrack.services.cycles_text import cycle_lines

    db = open_records(args)
    try:
        view = cycle_view_of(db, args.analyte)
    finally:
        db.close()
    if args.json:
        print_json([summary_json(s) for s in view.summaries])
        return 0
    for line in cycle_lines(view):
        print(line)
    return 0
