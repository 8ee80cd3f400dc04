"""Opening the records in a data folder, and the backups kept beside them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from leukotrack.domain.errors import InputError
from leukotrack.paths import ensure_private_dir
from leukotrack.storage import backups, encryption
from leukotrack.storage.backups import Backup
from leukotrack.storage.db import DB_FILENAME, Database


def open_records(data_dir: Path, daily_backup: bool = True, key: bytes | None = None) -> Database:
    """Open (creating and migrating as needed) the database in `data_dir`.

    `key` is the data key of an encrypted record (services/privacy.py unlocks it). The first time
    each day, a copy of the file is kept in `backups/` (the last 7 days), encrypted like it.
    """
    ensure_private_dir(data_dir)
    encryption.finish(data_dir, key)  # what a kill while turning encryption on or off left
    db = Database(data_dir / DB_FILENAME, key)
    if daily_backup and not db.created:
        backups.daily_backup(db.path, key=key)
    return db


def backup_now(db: Database) -> Path:
    """A copy of the database made on request, kept with the others."""
    return backups.make_backup(db.path, "manual", key=db.key)


def newest_good_backup(data_dir: Path, key: bytes | None = None) -> Backup | None:
    return backups.newest_good_backup(data_dir, key)


def list_backups(data_dir: Path) -> list[Backup]:
    return backups.list_backups(data_dir)


def restore_backup(
    data_dir: Path, name: str, now: datetime | None = None, key: bytes | None = None
) -> tuple[Backup, Path | None]:
    """Restore the backup called `name` (or the newest good one for "newest").

    The database must not be open. The current file is kept (as a before-restore backup, or
    renamed `.damaged-…` if it cannot be read); returns the backup used and where the old file went.
    """
    if name == "newest":
        chosen = backups.newest_good_backup(data_dir, key)
        if chosen is None:
            raise InputError(
                f"There is no good backup in {backups.backup_dir(data_dir)} to restore."
            )
    else:
        matches = [
            b for b in backups.list_backups(data_dir) if b.name == name or b.path.stem == name
        ]
        if not matches:
            raise InputError(
                f"There is no backup called '{name}'; run 'leukotrack backups' to list them, "
                "or use --restore newest."
            )
        chosen = matches[0]
        if not backups.is_good(chosen.path, key):
            raise InputError(
                f"The backup '{name}' is damaged too; choose another or use --restore newest."
            )
    kept = backups.restore(data_dir, chosen.path, now, key)
    return chosen, kept
