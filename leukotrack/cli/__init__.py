"""Command line. No subcommand opens the app; every subcommand is headless.

Exit codes: 0 done, 1 failed, 2 bad usage or bad input. Errors are one line on stderr, and a
failed command changes nothing (each command is one transaction).

Each module in this package registers its own commands (and its kinds under `add`) and sets
`handler` on each parser; a new capability adds a module and one line to COMMAND_MODULES.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from leukotrack import __version__
from leukotrack.cli import (
    care,
    cycles,
    files,
    labreport,
    patterns,
    privacy,
    records,
    reminders,
    reports,
)
from leukotrack.cli.common import Parser, UsageError, passphrase, record_key
from leukotrack.domain.errors import InputError, LeukoTrackError

__all__ = ["UsageError", "build_parser", "main"]

COMMAND_MODULES = (
    records,
    files,
    labreport,
    reminders,
    cycles,
    patterns,
    reports,
    care,
    privacy,
)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="leukotrack",
        description="Keep your blood counts and diary; see flags; print a report. "
        "Without a command, opens the app.",
    )
    p.add_argument("--version", action="version", version=f"LeukoTrack {__version__}")
    p.add_argument(
        "--data-dir", metavar="DIR", help="folder of the database (or LEUKOTRACK_DATA_DIR)"
    )
    p.add_argument(
        "--passphrase-file",
        metavar="F",
        help="read the passphrase of an encrypted record from file F (else it is asked)",
    )
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window on the data folder, print the seconds from start to its first "
        "paint, and exit (1 on any error or Qt warning)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    add_parser = sub.add_parser("add", help="add a blood count or a diary record")
    add = add_parser.add_subparsers(dest="what", metavar="WHAT", parser_class=Parser, required=True)
    for module in COMMAND_MODULES:
        module.register(sub, add)
    return p


def _open_window(args: argparse.Namespace) -> int:
    """The app (or its smoke test). With --passphrase-file, Argon2id runs in a thread while Qt
    and the window's modules import (it releases the GIL), so unlocking adds little to the first
    paint; without it, the app asks in its own dialog."""
    from leukotrack.paths import data_dir
    from leukotrack.services.privacy import open_key

    folder = data_dir(args.data_dir)
    unlocking: Future[bytes | None] | None = None
    if args.passphrase_file:
        secret = passphrase(args)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unlock")
        unlocking = pool.submit(open_key, folder, secret)
        pool.shutdown(wait=False)
    if args.smoke_test:
        from leukotrack.gui.smoke import run_smoke_test

        key = unlocking.result() if unlocking is not None else record_key(args)
        return run_smoke_test(folder, key)
    from leukotrack.gui.app import run_app

    if unlocking is not None:
        return run_app(folder, key=unlocking.result())
    return run_app(folder)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.smoke_test or args.command is None:
            return _open_window(args)
        return int(args.handler(args))
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
