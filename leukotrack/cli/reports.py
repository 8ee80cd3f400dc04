"""`leukotrack report`: the hematologist report, the procedure sheet or the emergency sheet."""

from __future__ import annotations

import argparse
from pathlib import Path

from leukotrack.cli.common import Commands, day, open_records


def register(sub: Commands, add: Commands) -> None:
    rep = sub.add_parser(
        "report",
        help="write the hematologist report, the procedure sheet or the emergency sheet as a PDF",
    )
    rep.add_argument("--out", required=True, metavar="FILE.pdf")
    rep.add_argument(
        "--kind",
        default="hematologist",
        metavar="KIND",
        help="hematologist (default), procedure or emergency",
    )
    rep.add_argument(
        "--from",
        dest="start",
        metavar="D",
        help="first day of the period (default: the last past visit, or everything)",
    )
    rep.add_argument("--to", dest="end", metavar="D", help="last day of the period (default today)")
    rep.add_argument(
        "--appendix",
        default="none",
        metavar="PARTS",
        help="add every blood test and the diary: none, table, diary, table,diary or all",
    )
    rep.add_argument("--paper", choices=["A4", "Letter"], help="default: your locale's paper")
    rep.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from leukotrack.services.reporting import (
        ReportRequest,
        check_period,
        parse_appendix,
        parse_kind,
    )

    kind = parse_kind(args.kind)
    appendix = parse_appendix(args.appendix)
    start = day(args.start) if args.start else None
    end = day(args.end) if args.end else None
    if start is not None and end is not None:
        check_period(start, end)
    out = Path(args.out).expanduser().absolute()
    from leukotrack.gui.report_export import save_report

    db = open_records(args)
    try:
        request = ReportRequest(kind, start, end, appendix)
        pages = save_report(db, out, request, args.paper)
    finally:
        db.close()
    print(f"Wrote {out} ({pages} page{'s' if pages != 1 else ''}).")
    return 0
