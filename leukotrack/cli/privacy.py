"""Commands that turn encryption on and off and change the passphrase.

`leukotrack encrypt` / `decrypt` / `passphrase`. Secrets come from files (`--passphrase-file F`,
`--recovery-key-file F`, `--new-passphrase-file F`) or are typed on the terminal, never from
the command line itself (where other users could see them in the process list).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from leukotrack.cli.common import Commands, ask_secret, folder, passphrase, read_secret_file
from leukotrack.domain.errors import InputError


def _secret_options(parser: argparse.ArgumentParser, recovery: bool, new: bool) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="F",
        default=argparse.SUPPRESS,  # the global option's value stays when this one is not given
        help="read the passphrase from file F (else it is asked on the terminal)",
    )
    if recovery:
        parser.add_argument(
            "--recovery-key-file",
            metavar="F",
            help="open with the recovery key in file F instead of the passphrase",
        )
    if new:
        parser.add_argument(
            "--new-passphrase-file", metavar="F", help="read the new passphrase from file F"
        )


def register(sub: Commands, add: Commands) -> None:
    enc = sub.add_parser(
        "encrypt", help="encrypt the records with a passphrase (shows a recovery key once)"
    )
    _secret_options(enc, recovery=False, new=False)
    enc.set_defaults(handler=cmd_encrypt)
    dec = sub.add_parser("decrypt", help="turn encryption off (the records are kept, in plain)")
    _secret_options(dec, recovery=True, new=False)
    dec.set_defaults(handler=cmd_decrypt)
    pw = sub.add_parser(
        "passphrase", help="change the passphrase (with the old one or the recovery key)"
    )
    _secret_options(pw, recovery=True, new=True)
    pw.set_defaults(handler=cmd_passphrase)


@contextmanager
def _window_lock(args: argparse.Namespace) -> Iterator[None]:
    """The app's lock on the data folder: never convert files a window has open."""
    from leukotrack.gui.instance import acquire_instance_lock

    where = folder(args)
    lock = acquire_instance_lock(where)
    if lock is None:
        raise InputError(f"LeukoTrack is open on {where}; close it first, then try again.")
    try:
        yield
    finally:
        lock.unlock()


def _new_passphrase(args: argparse.Namespace, option: str) -> tuple[str, str | None]:
    """The new passphrase from a file (given once) or typed twice on the terminal."""
    name = getattr(args, option, None)
    if name:
        return read_secret_file(name), None
    first = ask_secret("New passphrase (at least 8 characters): ")
    if first is None:
        flag = "--" + option.replace("_", "-")
        raise InputError(f"give the new passphrase with {flag} F, or run this in a terminal.")
    return first, ask_secret("The same passphrase again: ")


def _unlock(args: argparse.Namespace) -> bytes:
    from leukotrack.services.privacy import NotEncryptedError, is_encrypted, key_file_path, unlock

    where = folder(args)
    if not is_encrypted(where) and not key_file_path(where).exists():
        raise NotEncryptedError("This record is not encrypted; nothing was changed.")
    if getattr(args, "recovery_key_file", None):
        return unlock(where, recovery=read_secret_file(args.recovery_key_file, "recovery key"))
    secret = passphrase(args)
    if secret is None:
        raise InputError("give the passphrase with --passphrase-file F, or run this in a terminal.")
    return unlock(where, secret)


def cmd_encrypt(args: argparse.Namespace) -> int:
    from leukotrack.services.privacy import is_encrypted, turn_on

    where = folder(args)
    if is_encrypted(where):
        raise InputError("This record is already encrypted; nothing was changed.")
    first, again = _new_passphrase(args, "passphrase_file")
    with _window_lock(args):
        enabled = turn_on(where, first, again)
    print(f"The records in {where} are now encrypted.")
    print()
    print("Your recovery key, shown only this once:")
    print()
    print(f"    {enabled.recovery_key}")
    print()
    print("Print it or write it down, and keep it away from this computer. With it you can")
    print("open your records if you forget the passphrase; without both, nobody can.")
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from leukotrack.services.privacy import turn_off

    key = _unlock(args)
    with _window_lock(args):
        turn_off(folder(args), key)
    print(f"The records in {folder(args)} are no longer encrypted.")
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    from leukotrack.services.privacy import change_passphrase

    key = _unlock(args)
    new, again = _new_passphrase(args, "new_passphrase_file")
    change_passphrase(folder(args), key, new, again)
    print("The passphrase was changed; the recovery key stays the same.")
    return 0
