"""Appointments and the care team: `add visit`, `add contact`, `visits`."""

from __future__ import annotations

import argparse

from leukotrack.cli.common import Commands, moment, open_records, print_json
from leukotrack.services.overview import short_when


def register(sub: Commands, add: Commands) -> None:
    vis = add.add_parser("visit", help="an appointment (past or coming)")
    vis.add_argument("--date", required=True, metavar="D[THH:MM]")
    vis.add_argument(
        "--with",
        dest="with_whom",
        default="",
        metavar="TEXT",
        help="who it is with: hematologist, oncologist, GP, or anything else",
    )
    vis.add_argument("--note", default="", metavar="TEXT")
    vis.add_argument(
        "--questions", default="", metavar="TEXT", help="what you want to ask at this visit"
    )
    vis.set_defaults(handler=cmd_add_visit)
    con = add.add_parser("contact", help="someone on your care team")
    con.add_argument("--name", required=True)
    con.add_argument("--role", default="", help="e.g. 'hematology nurse', 'oncology ward'")
    con.add_argument("--phone", default="", help="kept exactly as you type it")
    con.add_argument(
        "--24h",
        dest="around_the_clock",
        action="store_true",
        help="this line answers day and night",
    )
    con.set_defaults(handler=cmd_add_contact)
    lst = sub.add_parser("visits", help="list the visits, soonest coming first")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_visits)


def cmd_add_visit(args: argparse.Namespace) -> int:
    from leukotrack.services.visits import add_visit

    at = moment(args.date)
    db = open_records(args)
    try:
        v = add_visit(db, at, args.with_whom, args.note, args.questions)
    finally:
        db.close()
    who = f" with {v.with_whom}" if v.with_whom else ""
    print(f"Added the visit of {short_when(v.at)}{who}.")
    if v.questions and not args.questions:
        print("Your questions for the next visit are kept with this visit.")
    return 0


def cmd_add_contact(args: argparse.Namespace) -> int:
    from leukotrack.domain.care import CareContact
    from leukotrack.services.profile import update_profile

    db = open_records(args)
    try:
        with db.reading() as repo:
            team = repo.profile().care_team
        contact = CareContact(args.name, args.role, args.phone, args.around_the_clock)
        p = update_profile(db, care_team=(*team, contact))
    finally:
        db.close()
    print(f"Added {args.name.strip()} to the care team ({len(p.care_team)} contacts).")
    return 0


def cmd_visits(args: argparse.Namespace) -> int:
    from leukotrack.services.timeline import load_timeline

    db = open_records(args)
    try:
        visits = load_timeline(db).visits
    finally:
        db.close()
    rows = [
        {
            "at": v.at.isoformat(),
            "with": v.with_whom,
            "note": v.note,
            "questions": v.questions,
        }
        for v in visits
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No visits recorded; add one with 'leukotrack add visit --date D'.")
    for v in visits:
        when = short_when(v.at)
        print(f"{when}  {v.with_whom or '-':<14} {v.note}")
    return 0
