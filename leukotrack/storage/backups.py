"""Copies of the database file: daily (keep 7), before migrations, imports and restores.

Every copy is made with SQLite's online backup API, so it is consistent even while the app has
the file open. A damaged database is never overwritten: restoring moves it aside first. The
copies of an encrypted record are encrypted with the same key (`key`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from leukotrack.storage.cipher import connect, database_errors
from leukotrack.storage.db import BACKUP_DIRNAME, DB_FILENAME, known_revisions, sqlite_backup

KEEP = 7
KINDS = ("daily", "manual", "before-import", "before-restore", "before-migration")


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str
    made: datetime

    @property
    def name(self) -> str:
        return self.path.name


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIRNAME


def _kind(name: str) -> str:
    for kind in KINDS:
        if name.startswith(kind + "-"):
            return kind
    return "other"


def list_backups(data_dir: Path) -> list[Backup]:
    """Every backup in the data folder, newest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [
        Backup(p, _kind(p.name), datetime.fromtimestamp(p.stat().st_mtime))
        for p in folder.glob("*.sqlite3")
        if p.is_file()
    ]
    return sorted(found, key=lambda b: (b.made, b.name), reverse=True)


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def make_backup(
    db_file: Path, kind: str, now: datetime | None = None, key: bytes | None = None
) -> Path:
    """Copy the live database to backups/<kind>-<time>.sqlite3 and prune old ones of that kind."""
    now = now or datetime.now()
    target = backup_dir(db_file.parent) / f"{kind}-{_stamp(now)}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{kind}-{_stamp(now)}-{n}.sqlite3")
    sqlite_backup(db_file, target, key)
    prune(db_file.parent, kind)
    return target


def prune(data_dir: Path, kind: str, keep: int = KEEP) -> None:
    if kind in ("before-migration", "manual"):
        return  # rare and asked for (or the only way back to an older version): keep them all
    for old in [b for b in list_backups(data_dir) if b.kind == kind][keep:]:
        old.path.unlink(missing_ok=True)


def daily_backup(db_file: Path, today: date | None = None, key: bytes | None = None) -> Path | None:
    """Once a day: a copy of the database, keeping the last 7 days."""
    today = today or date.today()
    for b in list_backups(db_file.parent):
        if b.kind == "daily" and b.made.date() >= today:
            return None
    if not db_file.exists() or db_file.stat().st_size == 0:
        return None
    return make_backup(db_file, "daily", key=key)


def is_good(path: Path, key: bytes | None = None) -> bool:
    """True when `path` opens (with `key`), passes SQLite's quick check and has a schema we know."""
    try:
        con = connect(path, key, readonly=True)
        try:
            if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return False
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row is not None and row[0] in known_revisions()
        finally:
            con.close()
    except database_errors():
        return False


def newest_good_backup(data_dir: Path, key: bytes | None = None) -> Backup | None:
    for b in list_backups(data_dir):
        if is_good(b.path, key):
            return b
    return None


def restore(
    data_dir: Path, backup: Path, now: datetime | None = None, key: bytes | None = None
) -> Path | None:
    """Put `backup` in place of the database (which must be closed).

    The current file is kept: copied to backups/before-restore-… when it is readable, or renamed
    to leukotrack.sqlite3.damaged-… when it is not. Returns where the old file went.
    """
    now = now or datetime.now()
    if not is_good(backup, key):
        raise ValueError(f"{backup} is not a good LeukoTrack backup")
    live = data_dir / DB_FILENAME
    kept: Path | None = None
    if live.exists():
        if is_good(live, key):
            kept = make_backup(live, "before-restore", now, key)
        else:
            kept = data_dir / f"{DB_FILENAME}.damaged-{_stamp(now)}"
            os.replace(live, kept)
        for suffix in ("-wal", "-shm"):
            side = live.with_name(live.name + suffix)
            if side.exists():
                if kept is not None and kept.name.startswith(DB_FILENAME + ".damaged"):
                    os.replace(side, kept.with_name(kept.name + suffix))
                else:
                    side.unlink()
        live.unlink(missing_ok=True)
    sqlite_backup(backup, live, key)
    return kept
