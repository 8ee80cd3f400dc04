"""Commands over files: import, export, backups and the demo record."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leukotrack.cli.common import Commands, open_records, passphrase, record_key
from leukotrack.domain.errors import InputError


def register(sub: Commands, add: Commands) -> None:
    imp = sub.add_parser(
        "import",
        help="import FHIR R4 JSON (Bundle, Observation, NDJSON), CSV, a backup or a lab report PDF",
    )
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument(
        "--date",
        metavar="D[THH:MM]",
        help="a lab report's collection date, when the report does not print one",
    )
    imp.add_argument(
        "--date-format",
        metavar="FMT",
        help="how a CSV writes its dates when day and month could be swapped, e.g. %%d/%%m/%%Y",
    )
    imp.add_argument(
        "--skip-problems",
        action="store_true",
        help="FHIR/CSV: store the good rows and list every row left out, with the reason",
    )
    imp.set_defaults(handler=cmd_import)
    exp = sub.add_parser("export", help="export everything as CSV, a JSON backup or FHIR R4")
    exp.add_argument("--format", required=True, choices=["csv", "json", "fhir"])
    exp.add_argument("--out", required=True, metavar="FILE")
    exp.add_argument(
        "--encrypt",
        action="store_true",
        help="seal the JSON backup with a passphrase (the record's, from --passphrase-file or "
        "asked); 'leukotrack import' reads it back",
    )
    exp.set_defaults(handler=cmd_export)
    demo = sub.add_parser(
        "demo", help="fill an empty data folder with a fictional two-year history"
    )

    demo.set_defaults(handler=cmd_demo)
    bk = sub.add_parser("backups", help="list the database backups, or restore one")
    bk.add_argument("--restore", metavar="NAME", help="a backup's name from the list, or 'newest'")
    bk.set_defaults(handler=cmd_backups)


def cmd_demo(args: argparse.Namespace) -> int:
    from leukotrack.services.demo import fill_demo

    db = open_records(args)
    try:
        n = fill_demo(db)
    finally:
        db.close()
    print(f"Filled {db.path.parent} with a fictional two-year history ({n} blood tests).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from leukotrack.cli.labreport import import_reports
    from leukotrack.services.import_summary import summary_lines
    from leukotrack.services.importing import import_files
    from leukotrack.services.labreports import is_report

    paths = [Path(f) for f in args.files]
    reports = [p for p in paths if is_report(p)]
    if reports:
        if len(reports) != len(paths):
            raise InputError("Import lab reports on their own, not with other files.")
        return import_reports(args, reports)
    db = open_records(args)
    try:
        secret = (
            passphrase(args, "Passphrase of the encrypted backup: ") if _sealed(paths) else None
        )
        report = import_files(
            db, paths, args.date_format, skip_problems=args.skip_problems, passphrase=secret
        )
    finally:
        db.close()
    for file in report.files:
        for line in summary_lines(file):
            print(line)
        for problem in file.problems:
            left_out = problem.skipped or file.left_out_problems
            mark = "left out" if left_out else "problem"
            print(f"{file.path}: {mark}: {problem}", file=sys.stderr)
    return 0 if report.ok else 2


def _sealed(files: list[Path]) -> bool:
    from leukotrack.services.privacy import is_sealed_backup

    return any(is_sealed_backup(f) for f in files)


def cmd_export(args: argparse.Namespace) -> int:
    from leukotrack.services.exporting import export_records
    from leukotrack.services.privacy import export_notice

    if args.encrypt and args.format != "json":
        raise InputError("Only the JSON backup can be encrypted; use --format json --encrypt.")
    secret = None
    if args.encrypt:
        secret = passphrase(args, "Passphrase to seal the backup with: ")
        if secret is None:
            raise InputError(
                "--encrypt needs a passphrase: give it with --passphrase-file F, or run the "
                "command in a terminal to be asked."
            )
    db = open_records(args)
    try:
        out = export_records(db, args.format, Path(args.out), encrypt_with=secret)
        notice = None if args.encrypt else export_notice(db)
    finally:
        db.close()
    print(f"Exported to {out} ({args.format}{', encrypted' if args.encrypt else ''}).")
    if notice:
        print(notice, file=sys.stderr)
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
            chosen, kept = restore_backup(folder, args.restore, key=record_key(args))
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
