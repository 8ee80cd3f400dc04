"""Lab reports on the command line: `read FILE [--json]`, and PDFs given to `import`."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from leukotrack.cli.common import Commands, moment, open_records, print_json
from leukotrack.domain.errors import InputError


def register(sub: Commands, add: Commands) -> None:
    read = sub.add_parser(
        "read", help="read a lab report PDF and show what it holds (stores nothing)"
    )
    read.add_argument("file", metavar="FILE")
    read.add_argument("--json", action="store_true", help="print the reading as JSON")
    read.set_defaults(handler=cmd_read)


def cmd_read(args: argparse.Namespace) -> int:
    from leukotrack.io.labreport.reading import taken_at_text, to_json
    from leukotrack.services.labreports import read_report

    reading = read_report(Path(args.file).expanduser())
    if args.json:
        print_json(to_json(reading))
        return 0
    for draw in reading.draws:
        when = taken_at_text(draw) or "no collection date printed"
        print(f"{when}  {draw.lab}".rstrip())
        for r in draw.results:
            mark = f"  needs a look: {r.why}" if r.needs_review else ""
            print(f"  {r.analyte:<16} {r.entered:<20} page {r.page}{mark}")
    for u in reading.unread:
        print(f"  not read (page {u.page}): {u.text}")
    return 0


def import_reports(args: argparse.Namespace, paths: list[Path]) -> int:
    """Store each report's draws when no row needs a look; else list the rows and exit 2."""
    from leukotrack.services.labreports import ReviewedDraw, birth_date, read_report, save_report

    supplied = moment(args.date) if getattr(args, "date", None) else None
    db = open_records(args)
    status = 0
    try:
        birth = birth_date(db)
        for path in paths:
            reading = read_report(path, birth)
            draws = []
            for d in reading.draws:
                taken_at = d.taken_at or supplied
                if taken_at is None:
                    raise InputError(
                        f"{path.name} gives no collection date; add --date YYYY-MM-DD[THH:MM]."
                    )
                if d.taken_at is None:
                    d = replace(d, taken_at=taken_at)
                draws.append(ReviewedDraw(taken_at, d.lab, d.results))
            if reading.needs_review:
                for r in reading.needs_review:
                    print(
                        f"{path.name}: page {r.page}: needs a look: {r.text} ({r.why})",
                        file=sys.stderr,
                    )
                print(
                    f"{path.name}: nothing stored; {len(reading.needs_review)} row(s) need a look: "
                    "open it in the app to review (File → Import lab report…).",
                    file=sys.stderr,
                )
                status = 2
                continue
            saved = save_report(db, path, reading, draws, datetime.now().replace(microsecond=0))
            if saved.already_imported:
                print(
                    f"{path}: imported before ({saved.report.imported_at:%Y-%m-%d}); nothing added."
                )
                continue
            unread = f"; {len(reading.unread)} line(s) not read" if reading.unread else ""
            print(
                f"{path}: added {saved.added} results in {saved.draws} new draws; "
                f"{saved.skipped} already stored, skipped{unread}."
            )
    finally:
        db.close()
    return status
