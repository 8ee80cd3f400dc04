"""What every command module shares: the one-line-error parser, date options, the data folder."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
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


def open_records(args: argparse.Namespace) -> Database:
    from leukotrack.paths import data_dir
    from leukotrack.services.store import open_records as _open

    return _open(data_dir(args.data_dir))


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
