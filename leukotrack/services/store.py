"""Opening the records in a data folder."""

from __future__ import annotations

from pathlib import Path

from leukotrack.paths import ensure_private_dir
from leukotrack.storage.db import DB_FILENAME, Database


def open_records(data_dir: Path) -> Database:
    """Open (creating and migrating as needed) the database in `data_dir`."""
    ensure_private_dir(data_dir)
    return Database(data_dir / DB_FILENAME)
