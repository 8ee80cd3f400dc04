"""Open the SQLite file: create it by migrating an empty file, refuse a newer one, back it up.

WAL journal, foreign keys on, one transaction per user action. Before any migration the file is
copied aside with SQLite's backup API. Alembic is imported only when a migration is needed, and
SQLAlchemy only when something goes through a session: opening an up-to-date database and
reading a snapshot of it (`Database.snapshot`) need only the standard library's sqlite3, which
keeps the window's first paint fast.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leukotrack.domain.errors import InputError, LeukoTrackError
from leukotrack.storage.cipher import connect, database_errors, dbapi, is_encrypted_file
from leukotrack.storage.reader import Reader
from leukotrack.storage.sealing import KEY_FILENAME

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session, sessionmaker

    from leukotrack.storage.repository import Repository

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
DB_FILENAME = "leukotrack.sqlite3"
BACKUP_DIRNAME = "backups"


class StorageError(LeukoTrackError):
    """The database file cannot be used as it is (exit code 1)."""


class NewerDatabaseError(StorageError):
    pass


class CorruptDatabaseError(StorageError):
    pass


class EncryptedDatabaseError(StorageError):
    """The file is encrypted and no key (or not its key) was given."""


def known_revisions() -> list[str]:
    """Revision ids shipped with this version, oldest first (file names start with the id)."""
    return sorted(
        p.name.split("_", 1)[0]
        for p in (MIGRATIONS_DIR / "versions").glob("*.py")
        if p.name[:4].isdigit()
    )


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(path: Path, key: bytes | None = None) -> str | None:
    """The schema revision stored in the file, or None for an empty or new file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    if key is None and is_encrypted_file(path) and (path.parent / KEY_FILENAME).exists():
        raise EncryptedDatabaseError(
            f"{path} is encrypted; open it with its passphrase (the app asks for it; on the "
            "command line use --passphrase-file F or type it when asked)."
        )
    try:
        con = connect(path, key, readonly=True)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                if tables:
                    raise CorruptDatabaseError(
                        f"{path} is an SQLite file but not a LeukoTrack database; "
                        "choose another data folder with --data-dir."
                    )
                return None
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(check)  # caught below, whichever binding
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])
        finally:
            con.close()
    except database_errors() as exc:
        if key is not None and "not a database" in str(exc):
            raise EncryptedDatabaseError(
                f"{path} does not open with this record's key: its key file belongs to another "
                "database, or the file is damaged. It was left untouched; restore the newest "
                "good backup with: leukotrack backups --restore newest"
            ) from None
        raise CorruptDatabaseError(
            f"{path} is damaged and cannot be read ({exc}). It was left untouched; restore the "
            "newest good backup with: leukotrack backups --restore newest"
        ) from None


def _on_connect(dbapi_con: Any, _record: Any) -> None:
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _make_engine(path: Path, key: bytes | None) -> Engine:
    from sqlalchemy import create_engine, event

    def creator() -> Any:  # the key goes to the connection, never into the URL
        return connect(path, key)

    engine = create_engine(f"sqlite:///{path}", creator=creator, module=dbapi(key), future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def sqlite_backup(source: Path, target: Path, key: bytes | None = None) -> None:
    """Copy a live database consistently with SQLite's online backup API.

    With a key, the copy is encrypted with the same key (SQLCipher copies the pages as they are).
    """
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    _create_private_file(tmp)
    src = connect(source, key)
    try:
        dst = connect(tmp, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(tmp, target)


def migrate_to(engine: Engine, revision: str) -> None:
    """Upgrade the schema to `revision` (one transaction per migration)."""
    from alembic import command  # lazily: only when the schema must change
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def _write_error(exc: OperationalError, path: Path) -> Exception:
    text = str(exc.orig).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return StorageFullError(
            f"The disk holding {path.parent} is full, so nothing was saved; free some space "
            "and try again. Your earlier records are intact."
        )
    if "readonly" in text or "read-only" in text:
        return StorageReadOnlyError(
            f"{path.parent} is read-only, so nothing was saved; make the folder writable or "
            "choose another data folder. Your earlier records are intact."
        )
    return exc


_CLASHES = {
    "draw.taken_at": "another blood test is already stored at that date and time",
    "fatigue.day": "another fatigue score is already stored for that day",
    "result.draw_id, result.analyte": "that blood test already has a result for this analyte",
}


class ConflictError(InputError):
    """A change that would clash with a record already stored (nothing was changed)."""


def _conflict(exc: Exception) -> ConflictError:
    text = str(getattr(exc, "orig", exc))
    what = next(
        (words for key, words in _CLASHES.items() if key in text), "it clashes with a stored record"
    )
    return ConflictError(f"This change was not made: {what}. Nothing was changed.")


class StorageFullError(StorageError):
    pass


class StorageReadOnlyError(StorageError):
    pass


class Database:
    """One open LeukoTrack database file."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path = path
        self.key = key  # the data key of an encrypted record (kept in memory only)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        revision = current_revision(path, key)
        known = known_revisions()
        if revision is not None and revision not in known:
            raise NewerDatabaseError(
                f"{path} was written by a newer version of LeukoTrack (schema {revision}); "
                "install the newer version to open it. The file was left untouched."
            )
        self.created = not path.exists() or path.stat().st_size == 0
        if not path.exists():
            _create_private_file(path)
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        if revision != known[-1]:
            if revision is not None:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                sqlite_backup(
                    path,
                    path.parent / BACKUP_DIRNAME / f"before-migration-{revision}-{stamp}.sqlite3",
                    key,
                )
            migrate_to(self.engine, "head")
        os.chmod(path, 0o600)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        if self._engine is None:
            self._engine = _make_engine(self.path, self.key)
        return self._engine

    def _session_factory(self) -> sessionmaker[Session]:
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessions

    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        """One user action: everything inside commits together or not at all."""
        from sqlalchemy.exc import IntegrityError, OperationalError

        from leukotrack.storage.repository import Repository

        try:
            with self._session_factory()() as session, session.begin():
                yield Repository(session)
        except OperationalError as exc:
            raise _write_error(exc, self.path) from exc
        except IntegrityError as exc:
            raise _conflict(exc) from exc

    @contextmanager
    def reading(self) -> Iterator[Repository]:
        from leukotrack.storage.repository import Repository

        with self._session_factory()() as session:
            yield Repository(session)

    @contextmanager
    def snapshot(self) -> Iterator[Reader]:
        """A consistent read of everything, with sqlite3 alone (no SQLAlchemy import)."""
        con = connect(self.path, self.key)
        try:
            con.execute("BEGIN")  # one read transaction: every query sees the same state
            yield Reader(con)
        finally:
            con.close()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def use_key(self, key: bytes | None) -> None:
        """Close every connection and go on with `key` (encryption turned on or off, or the
        window locked: None until it is unlocked again). The next use reconnects."""
        self.close()
        self._engine = None
        self._sessions = None
        self.key = key
