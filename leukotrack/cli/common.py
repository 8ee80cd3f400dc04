"""What every command module shares: the one-line-error parser, date options, the data folder."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from leukotrack.domain.dates import parse_date, parse_datetime
from leukotrack.domain.errors import InputError

if TYPE_CHECKING:
    from leukotrack.storage.db import Database


class UsageError(InputError):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line on stderr (DESIGN.md), pointing at the help instead of printing the usage."""
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


# argparse's sub-parser collections: the top-level commands, and the kinds under `add`
Commands = argparse._SubParsersAction  # type: ignore[type-arg]


def day(text: str) -> date:
    return parse_date(text)


def moment(text: str) -> datetime:
    return parse_datetime(text)


def read_secret_file(name: str, what: str = "passphrase") -> str:
    """The secret in file `name` (one trailing newline dropped); never echoes the content."""
    try:
        text = Path(name).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise UsageError(f"the {what} file {name} cannot be read ({reason}).") from None
    return text.removesuffix("\n").removesuffix("\r")


def ask_secret(prompt: str) -> str | None:
    """A secret typed on the terminal (not echoed), or None without a terminal."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt)


def passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str | None:
    """From --passphrase-file, else typed on the terminal, else None."""
    if getattr(args, "passphrase_file", None):
        return read_secret_file(args.passphrase_file)
    return ask_secret(prompt)


def folder(args: argparse.Namespace) -> Path:
    from leukotrack.paths import data_dir

    return data_dir(args.data_dir)


def record_key(args: argparse.Namespace) -> bytes | None:
    """The data key when the record is encrypted (asking for the passphrase), else None."""
    from leukotrack.services.privacy import is_encrypted, open_key

    where = folder(args)
    if not is_encrypted(where):
        return None
    return open_key(where, passphrase(args))


def open_records(args: argparse.Namespace) -> Database:
    from leukotrack.services.store import open_records as _open

    return _open(folder(args), key=record_key(args))


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def plan_kinds(sub: Commands) -> Commands:
    """The kinds under `leukotrack plan` (tests, serial, …): made by the first module that asks,
    shared by the others, like the kinds under `add`."""
    parser = sub.choices.get("plan")
    if parser is None:
        parser = sub.add_parser("plan", help="plan your next blood tests")
        kinds = parser.add_subparsers(
            dest="plan_kind", metavar="KIND", parser_class=Parser, required=True
        )
        parser.set_defaults(plan_kinds=kinds)
        return kinds
    found = parser.get_default("plan_kinds")
    assert isinstance(found, argparse._SubParsersAction)
    return found
