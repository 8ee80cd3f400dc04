"""Backups: daily rotation, damaged files refused and never overwritten, restore, full disk."""

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event

from leukotrack.domain.errors import InputError
from leukotrack.services.demo import fill_demo
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.store import list_backups, open_records, restore_backup
from leukotrack.storage import backups
from leukotrack.storage.db import DB_FILENAME, CorruptDatabaseError, StorageFullError


def _with_demo(data_dir: Path) -> None:
    db = open_records(data_dir)
    fill_demo(db, date(2026, 11, 21))
    db.close()


def test_daily_backup_once_a_day_keeping_seven(data_dir: Path) -> None:
    _with_demo(data_dir)
    db_file = data_dir / DB_FILENAME
    for day in range(1, 10):
        made = backups.daily_backup(db_file, date(2026, 11, day))
        assert made is not None
        stamp = datetime(2026, 11, day, 8).timestamp()
        os.utime(made, (stamp, stamp))
        assert backups.daily_backup(db_file, date(2026, 11, day)) is None  # once a day
    daily = [b for b in list_backups(data_dir) if b.kind == "daily"]
    assert len(daily) == 7
    assert all(oct(p.path.stat().st_mode)[-3:] == "600" for p in daily)


def test_opening_the_records_makes_the_daily_backup(data_dir: Path) -> None:
    _with_demo(data_dir)
    assert list_backups(data_dir) == []  # a brand-new file is not backed up
    open_records(data_dir).close()
    (b,) = list_backups(data_dir)
    assert b.kind == "daily" and backups.is_good(b.path)
    open_records(data_dir).close()
    assert len(list_backups(data_dir)) == 1


def _truncate(path: Path) -> bytes:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path.read_bytes()


def test_truncated_database_is_refused_then_restored(data_dir: Path) -> None:
    _with_demo(data_dir)
    open_records(data_dir).close()  # makes the daily backup
    db_file = data_dir / DB_FILENAME
    damaged = _truncate(db_file)
    with pytest.raises(CorruptDatabaseError, match="leukotrack backups --restore newest"):
        open_records(data_dir)
    assert db_file.read_bytes() == damaged  # never overwritten by opening
    chosen, kept = restore_backup(data_dir, "newest", datetime(2026, 11, 21, 12))
    assert chosen.kind == "daily"
    assert kept is not None and kept.name.startswith(f"{DB_FILENAME}.damaged-")
    assert kept.read_bytes() == damaged  # the damaged file is kept as it was
    db = open_records(data_dir)
    with db.reading() as repo:
        assert repo.counts()["draw"] > 50
    db.close()


def test_restore_keeps_the_current_good_file(data_dir: Path) -> None:
    _with_demo(data_dir)
    open_records(data_dir).close()
    (daily,) = list_backups(data_dir)
    db = open_records(data_dir)
    record_results(
        db, ResultEntry(datetime(2026, 11, 21, 9), {"wbc": "3.0"}), datetime(2026, 11, 21, 12)
    )
    db.close()
    _, kept = restore_backup(data_dir, daily.name)
    assert kept is not None and kept.name.startswith("before-restore-")
    con = sqlite3.connect(kept)
    assert (
        con.execute("SELECT count(*) FROM draw WHERE taken_at LIKE '2026-11-21%'").fetchone()[0]
        == 1
    )
    con.close()


def test_restore_names_a_missing_backup(data_dir: Path) -> None:
    _with_demo(data_dir)
    with pytest.raises(InputError, match="no backup called 'nope'"):
        restore_backup(data_dir, "nope")
    with pytest.raises(InputError, match="no good backup"):
        restore_backup(data_dir, "newest")


def test_full_disk_saves_nothing_and_says_so(data_dir: Path) -> None:
    db = open_records(data_dir)
    record_results(db, ResultEntry(datetime(2026, 1, 1, 9), {"wbc": "3.0"}), datetime(2026, 11, 21))

    @event.listens_for(db.engine, "connect")
    def _tiny(dbapi_con, _rec):  # type: ignore[no-untyped-def]
        pages = dbapi_con.execute("PRAGMA page_count").fetchone()[0]
        dbapi_con.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()  # new connections get the limit
    big = {
        k: "1.0"
        for k in ("wbc", "anc", "lymphocytes", "monocytes", "eosinophils", "basophils", "platelets")
    }
    with pytest.raises(StorageFullError, match="nothing was saved"):
        for day in range(2, 28):
            record_results(
                db, ResultEntry(datetime(2026, 2, day, 9), big, "x" * 150), datetime(2026, 11, 21)
            )
    db.close()
    db = open_records(data_dir, daily_backup=False)
    with db.reading() as repo:
        assert repo.counts()["draw"] >= 1
        assert repo.session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    db.close()
