"""Command line. No subcommand opens the app; every subcommand is headless.

Exit codes: 0 done, 1 failed, 2 bad usage or bad input. Errors are one line on stderr, and a
failed command changes nothing (each command is one transaction).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from leukotrack import __version__
from leukotrack.domain.analytes import ANALYTES, find
from leukotrack.domain.dates import parse_date, parse_datetime
from leukotrack.domain.errors import InputError, LeukoTrackError

if TYPE_CHECKING:
    from leukotrack.storage.db import Database

# --option -> analyte key, in the order `add result --help` lists them
RESULT_OPTIONS: dict[str, str] = {
    "wbc": "wbc",
    "anc": "anc",
    "neut-pct": "neutrophils_pct",
    "band-pct": "bands_pct",
    "bands": "bands",
    "lymph": "lymphocytes",
    "lymph-pct": "lymphocytes_pct",
    "mono": "monocytes",
    "mono-pct": "monocytes_pct",
    "eos": "eosinophils",
    "eos-pct": "eosinophils_pct",
    "baso": "basophils",
    "baso-pct": "basophils_pct",
    "hgb": "hemoglobin",
    "plt": "platelets",
}


class UsageError(InputError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line on stderr (DESIGN.md), pointing at the help instead of printing the usage."""
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _date(text: str) -> date:
    return parse_date(text)


def _datetime(text: str) -> datetime:
    return parse_datetime(text)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="leukotrack",
        description="Keep your blood counts and diary; see flags; print a report. "
        "Without a command, opens the app.",
    )
    p.add_argument("--version", action="version", version=f"LeukoTrack {__version__}")
    p.add_argument(
        "--data-dir", metavar="DIR", help="folder of the database (or LEUKOTRACK_DATA_DIR)"
    )
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window on the data folder, print the seconds from start to its first "
        "paint, and exit (1 on any error or Qt warning)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    prof = sub.add_parser("profile", help="show or change the profile")
    prof.add_argument("--name")
    prof.add_argument("--sex", choices=["female", "male"])
    prof.add_argument("--birth-date", metavar="D")
    prof.add_argument("--reference", choices=["adult", "child", "duffy-null"])
    prof.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change a flag threshold (counts in 10^9/L), e.g. anc_mild=1.2; "
        "anc_mild=default goes back to the profile's own",
    )
    prof.add_argument(
        "--clozapine-scheme", choices=["fda", "uk-cpms"], help="clozapine monitoring rules"
    )
    prof.add_argument("--json", action="store_true", help="print the profile as JSON")

    add = sub.add_parser(
        "add", help="add a result, temperature, medicine, infection or fatigue score"
    )
    what = add.add_subparsers(dest="what", metavar="WHAT", parser_class=_Parser, required=True)
    res = what.add_parser("result", help="a blood count from one draw")
    res.add_argument("--date", required=True, metavar="D[THH:MM]")
    res.add_argument("--lab", default="")
    for opt, key in RESULT_OPTIONS.items():
        kind = "P" if key.endswith("_pct") else "Q"
        res.add_argument(f"--{opt}", metavar=kind, help=ANALYTES[key].name.replace("%", "%%"))
    res.add_argument(
        "--range",
        action="append",
        default=[],
        metavar="KEY=LOW-HIGH",
        help="the lab's printed range, in the unit of that analyte's value",
    )
    tmp = what.add_parser("temperature", help="a temperature reading")
    tmp.add_argument("--at", required=True, metavar="D[THH:MM]")
    tmp.add_argument("--value", required=True, metavar="Q", help='e.g. "38.4 C" or "101.1 F"')
    med = what.add_parser("medication", help="a medicine")
    med.add_argument("--name", required=True)
    med.add_argument("--start", required=True, metavar="D")
    med.add_argument("--stop", metavar="D")
    med.add_argument("--dose", default="", metavar="TEXT")
    med.add_argument(
        "--kind", default="other", choices=["chemotherapy", "immunosuppressant", "other"]
    )
    inf = what.add_parser("infection", help="an infection episode")
    inf.add_argument("--start", required=True, metavar="D")
    inf.add_argument("--end", metavar="D")
    inf.add_argument("--kind", required=True, metavar="TEXT")
    inf.add_argument(
        "--treatment",
        default="none",
        choices=["none", "antibiotics", "antivirals", "antifungals", "hospital"],
    )
    inf.add_argument("--max-temp", metavar="Q")
    fat = what.add_parser("fatigue", help="a fatigue score for a day")
    fat.add_argument("--date", required=True, metavar="D")
    fat.add_argument("--score", required=True, metavar="0-10")
    fat.add_argument("--note", default="", metavar="TEXT")

    rs = sub.add_parser("results", help="list results")
    rs.add_argument("--analyte", metavar="KEY")
    rs.add_argument("--json", action="store_true")

    imp = sub.add_parser(
        "import", help="import FHIR R4 JSON (Bundle, Observation, NDJSON), CSV or a backup"
    )
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument(
        "--date-format",
        metavar="FMT",
        help="how a CSV writes its dates when day and month could be swapped, e.g. %%d/%%m/%%Y",
    )
    exp = sub.add_parser("export", help="export everything as CSV, a JSON backup or FHIR R4")
    exp.add_argument("--format", required=True, choices=["csv", "json", "fhir"])
    exp.add_argument("--out", required=True, metavar="FILE")
    fl = sub.add_parser("flags", help="the flags as of now or as of a date")
    fl.add_argument(
        "--as-of",
        metavar="D[THH:MM]",
        help="only records dated on or before this moment count (a date alone: end of that day)",
    )
    fl.add_argument("--json", action="store_true")

    sub.add_parser("demo", help="fill an empty data folder with a fictional two-year history")

    rep = sub.add_parser("report", help="write the hematologist's trend report as a PDF")
    rep.add_argument("--out", required=True, metavar="FILE.pdf")
    rep.add_argument("--from", dest="start", metavar="D", help="first day of the period")
    rep.add_argument("--to", dest="end", metavar="D", help="last day of the period (default today)")
    rep.add_argument("--paper", choices=["A4", "Letter"], help="default: your locale's paper")

    bk = sub.add_parser("backups", help="list the database backups, or restore one")
    bk.add_argument("--restore", metavar="NAME", help="a backup's name from the list, or 'newest'")
    return p


def _records(args: argparse.Namespace) -> Database:
    from leukotrack.paths import data_dir
    from leukotrack.services.store import open_records

    return open_records(data_dir(args.data_dir))


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_profile(args: argparse.Namespace) -> int:
    from leukotrack.services.profile import (
        changed_thresholds,
        parse_reference,
        parse_sex,
        profile_json,
        set_threshold,
        update_profile,
    )

    birth = _date(args.birth_date) if args.birth_date else None
    db = _records(args)
    try:
        thresholds = None
        items = list(args.threshold)
        if args.clozapine_scheme:
            items.append(f"clozapine_scheme={args.clozapine_scheme}")
        if items:
            with db.reading() as repo:
                thresholds = repo.profile().thresholds
            for item in items:
                thresholds = set_threshold(thresholds, item)
        p = update_profile(
            db,
            name=args.name,
            sex=parse_sex(args.sex) if args.sex else None,
            birth_date=birth,
            reference=parse_reference(args.reference) if args.reference else None,
            thresholds=thresholds,
        )
    finally:
        db.close()
    if args.json:
        _print_json(profile_json(p))
    else:
        data = profile_json(p)
        for key in ("name", "sex", "birth_date", "reference"):
            print(f"{key.replace('_', ' ')}: {data[key] or '-'}")
        changed = changed_thresholds(p.thresholds)
        print("thresholds: " + (", ".join(changed) if changed else "the usual defaults"))
    return 0


def cmd_flags(args: argparse.Namespace) -> int:
    from leukotrack.domain.flags import DISCLAIMER
    from leukotrack.services.flags import as_of_moment, current_flags, flag_json

    as_of = None
    if args.as_of:
        text = args.as_of.strip()
        as_of = as_of_moment(_datetime(text) if ("T" in text or " " in text) else _date(text))
    db = _records(args)
    try:
        flags = current_flags(db, as_of_moment(as_of))
    finally:
        db.close()
    if args.json:
        _print_json([flag_json(f) for f in flags])
        return 0
    if not flags:
        print("No flags: nothing in your records needs attention by these rules.")
    for f in flags:
        print(f"{f.severity.value.upper():<9} {f.title}: {f.detail}")
    print(DISCLAIMER)
    return 0


def _range_key(text: str) -> str:
    key = text.strip().lower()
    if key in RESULT_OPTIONS:
        return RESULT_OPTIONS[key]
    return find(key).key


def cmd_add(args: argparse.Namespace) -> int:
    from leukotrack.services import diary
    from leukotrack.services.entry import ResultEntry, record_results

    if args.what == "result":
        values = {key: getattr(args, opt.replace("-", "_")) for opt, key in RESULT_OPTIONS.items()}
        values = {k: v for k, v in values.items() if v is not None}
        ranges: dict[str, str] = {}
        for item in args.range:
            key, sep, span = item.partition("=")
            if not sep:
                raise UsageError(
                    f"--range '{item}' is not KEY=LOW-HIGH; type it like wbc=4.0-11.0."
                )
            ranges[_range_key(key)] = span
        entry = ResultEntry(_datetime(args.date), values, args.lab, ranges)
        db = _records(args)
        try:
            draw = record_results(db, entry)
        finally:
            db.close()
        print(f"Saved {len(draw.results)} results for {draw.taken_at:%Y-%m-%d %H:%M}.")
        return 0
    db = _records(args)
    try:
        if args.what == "temperature":
            t = diary.add_temperature(db, _datetime(args.at), args.value)
            print(f"Saved temperature {t.entered} at {t.taken_at:%Y-%m-%d %H:%M}.")
        elif args.what == "medication":
            stop = _date(args.stop) if args.stop else None
            m = diary.add_medication(db, args.name, _date(args.start), stop, args.dose, args.kind)
            print(f"Saved medicine {m.name} from {m.start.isoformat()}.")
        elif args.what == "infection":
            end = _date(args.end) if args.end else None
            i = diary.add_infection(
                db, _date(args.start), args.kind, end, args.treatment, args.max_temp
            )
            print(f"Saved infection '{i.kind}' from {i.start.isoformat()}.")
        elif args.what == "fatigue":
            try:
                score = int(args.score)
            except ValueError:
                raise InputError(f"'{args.score}' is not a whole number from 0 to 10.") from None
            f = diary.add_fatigue(db, _date(args.date), score, args.note)
            print(f"Saved fatigue {f.score}/10 for {f.day.isoformat()}.")
    finally:
        db.close()
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    from leukotrack.services.results import result_json, result_views, show_value

    key = find(args.analyte).key if args.analyte else None
    db = _records(args)
    try:
        with db.reading() as repo:
            profile = repo.profile()
            views = result_views(repo.draws(), profile, key)
    finally:
        db.close()
    if args.json:
        _print_json([result_json(v) for v in views])
        return 0
    if not views:
        print("No results yet. Add one with: leukotrack add result --date 2026-03-03 --wbc 3.1")
        return 0
    for v in views:
        mark = {"low": "L", "high": "H", "normal": " "}[v.status]
        shown = show_value(v.analyte, v.result.value, profile.count_unit, v.result.comparator)
        calc = " (calculated)" if v.result.calculated else ""
        grade = f"  CTCAE {v.ctcae_grade}" if v.ctcae_grade else ""
        print(
            f"{v.taken_at:%Y-%m-%d %H:%M}  {ANALYTES[v.analyte].short:<8} {shown:>16} {mark}{calc}{grade}"
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from leukotrack.services.demo import fill_demo

    db = _records(args)
    try:
        n = fill_demo(db)
    finally:
        db.close()
    print(f"Filled {db.path.parent} with a fictional two-year history ({n} blood tests).")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    start = _date(args.start) if args.start else None
    end = _date(args.end) if args.end else None
    out = Path(args.out).expanduser().absolute()
    from leukotrack.gui.report_export import save_report

    db = _records(args)
    try:
        pages = save_report(db, out, start, end, args.paper)
    finally:
        db.close()
    print(f"Wrote {out} ({pages} page{'s' if pages != 1 else ''}).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from leukotrack.services.importing import import_files, summary_lines

    db = _records(args)
    try:
        report = import_files(db, [Path(f) for f in args.files], args.date_format)
    finally:
        db.close()
    for file in report.files:
        for line in summary_lines(file):
            print(line)
        for problem in file.problems:
            mark = "left out" if problem.skipped else "problem"
            print(f"{file.path}: {mark}: {problem}", file=sys.stderr)
    return 0 if report.ok else 2


def cmd_export(args: argparse.Namespace) -> int:
    from leukotrack.services.exporting import export_records

    db = _records(args)
    try:
        out = export_records(db, args.format, Path(args.out))
    finally:
        db.close()
    print(f"Exported to {out} ({args.format}).")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from leukotrack.paths import data_dir
    from leukotrack.services.store import list_backups, restore_backup

    folder = data_dir(args.data_dir)
    if args.restore:
        from leukotrack.gui.instance import acquire_instance_lock

        lock = acquire_instance_lock(folder)  # the window's lock: never swap a file it has open
        if lock is None:
            raise InputError(
                f"LeukoTrack is open on {folder}; close it first, then restore the backup "
                "(or use File → Backups… in the app)."
            )
        try:
            chosen, kept = restore_backup(folder, args.restore)
        finally:
            lock.unlock()
        print(f"Restored {chosen.name} (made {chosen.made:%Y-%m-%d %H:%M}).")
        if kept is not None:
            print(f"The previous database was kept as {kept}.")
        return 0
    found = list_backups(folder)
    if not found:
        print(f"No backups yet in {folder / 'backups'}.")
    for b in found:
        print(f"{b.made:%Y-%m-%d %H:%M}  {b.kind:<16} {b.name}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "profile": cmd_profile,
    "add": cmd_add,
    "results": cmd_results,
    "flags": cmd_flags,
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "backups": cmd_backups,
    "report": cmd_report,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.smoke_test:
        from leukotrack.gui.smoke import run_smoke_test
        from leukotrack.paths import data_dir

        return run_smoke_test(data_dir(args.data_dir))
    if args.command is None:
        from leukotrack.gui.app import run_app
        from leukotrack.paths import data_dir

        return run_app(data_dir(args.data_dir))
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(f"leukotrack: error: {exc}", file=sys.stderr)
        return 2
    except LeukoTrackError as exc:
        print(f"leukotrack: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `leukotrack results | head`
        sys.stderr.close()
        return 0
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"leukotrack: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
