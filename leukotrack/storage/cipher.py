"""Connections to a plain or an SQLCipher-encrypted database file, keyed before anything reads it.

A plain record uses the standard library's sqlite3 (the fastest first paint); an encrypted one
uses the `sqlcipher3` binding with the data key given as a raw 256-bit key (`PRAGMA key =
"x'…'"`), so SQLCipher runs no key derivation of its own. The key never appears in a URL, a
log or an exception: SQLAlchemy gets these connections through a `creator`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

SQLITE_HEADER = b"SQLite format 3\x00"


def is_encrypted_file(path: Path) -> bool:
    """True for a non-empty file whose first bytes are not SQLite's plain header."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError:  # missing, or the folder is not usable: the caller reports that its own way
        return False
    return bool(head) and head != SQLITE_HEADER


def _cipher_module() -> Any:
    import sqlcipher3  # lazily: only encrypted records pay for it

    return sqlcipher3.dbapi2


def dbapi(key: bytes | None) -> Any:
    """The DB-API module for a record with or without a key (for SQLAlchemy's `module=`)."""
    return sqlite3 if key is None else _cipher_module()


def database_errors() -> tuple[type[Exception], ...]:
    """The DatabaseError classes of both bindings (sqlcipher3 has its own)."""
    try:
        return (sqlite3.DatabaseError, _cipher_module().DatabaseError)
    except ImportError:  # pragma: no cover - the binding is a dependency
        return (sqlite3.DatabaseError,)


def key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(
    path: Path | str, key: bytes | None, *, readonly: bool = False, timeout: float = 5.0
) -> Any:
    """An open connection to `path`, keyed with `key` when given.

    With a key, a file that the key does not open raises the binding's DatabaseError
    ("file is not a database") on the first read; the key is not in the message.
    """
    target = f"file:{path}?mode=ro" if readonly else str(path)
    if key is None:
        return sqlite3.connect(target, timeout=timeout, uri=readonly)
    module = _cipher_module()
    con = module.connect(target, timeout=timeout, uri=readonly)
    con.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error to word, not its
    con.execute(key_pragma(key))
    return con


def export(source: Path, source_key: bytes | None, target: Path, target_key: bytes | None) -> None:
    """Copy every table of `source` into the new file `target` with SQLCipher's export,
    changing encryption on the way (plain -> encrypted or back). `target` must not exist."""
    con = _cipher_module().connect(str(source))
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        if source_key is not None:
            con.execute(key_pragma(source_key))
        attach_key = f"x'{target_key.hex()}'" if target_key is not None else ""
        con.execute(f'ATTACH DATABASE ? AS target KEY "{attach_key}"', (str(target),))
        con.execute("SELECT sqlcipher_export('target')")
        version = con.execute("PRAGMA main.user_version").fetchone()[0]
        con.execute(f"PRAGMA target.user_version = {int(version)}")
        con.execute("DETACH DATABASE target")
    finally:
        con.close()


def integrity_ok(path: Path, key: bytes | None) -> bool:
    """True when `path` opens with `key` and passes SQLite's full integrity_check."""
    try:
        con = connect(path, key, readonly=True)
        try:
            return bool(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
        finally:
            con.close()
    except database_errors():
        return False


def opens(path: Path, key: bytes | None) -> bool:
    """True when `key` opens `path` (reads its schema; quick, unlike integrity_ok)."""
    try:
        con = connect(path, key, readonly=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return True
        finally:
            con.close()
    except database_errors():
        return False
