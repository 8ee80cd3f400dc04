"""The SQLite file: created by migration, private, WAL, refuses newer or foreign files."""

import os
import sqlite3
import stat
from datetime import date, datetime
from pathlib import Path

import pytest

from leukotrack.domain.records import (
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    MedicationKind,
    Profile,
    ReferenceProfile,
    Result,
    Sex,
    TemperatureReading,
    Thresholds,
    Treatment,
)
from leukotrack.services.store import open_records
from leukotrack.storage.db import (
    DB_FILENAME,
    CorruptDatabaseError,
    Database,
    NewerDatabaseError,
    current_revision,
    head_revision,
    known_revisions,
)


def test_new_database_is_created_by_migration(data_dir: Path) -> None:
    db = open_records(data_dir)
    db.close()
    path = data_dir / DB_FILENAME
    assert current_revision(path) == head_revision()
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "profile",
        "draw",
        "result",
        "temperature",
        "fatigue",
        "infection",
        "medication",
        "setting",
    } <= tables
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_data_dir_and_file_are_private(data_dir: Path) -> None:
    db = open_records(data_dir)
    db.close()
    assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(data_dir / DB_FILENAME).st_mode) == 0o600


def test_foreign_keys_on_and_delete_cascades(db: Database) -> None:
    with db.transaction() as repo:
        draw = repo.add_draw(Draw(datetime(2026, 1, 5, 9), (Result("wbc", 3.1, "3.1 K/µL"),)))
    with db.reading() as repo:
        fk = repo.session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar()
        assert fk == 1
    with db.transaction() as repo:
        assert draw.id is not None
        repo.delete_draw(draw.id)
    with db.reading() as repo:
        assert repo.counts()["result"] == 0


def test_newer_database_is_refused_and_untouched(data_dir: Path) -> None:
    open_records(data_dir).close()
    path = data_dir / DB_FILENAME
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version of LeukoTrack"):
        open_records(data_dir)
    assert path.read_bytes() == before


def test_corrupt_file_is_refused_and_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / DB_FILENAME
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CorruptDatabaseError, match="left untouched"):
        open_records(data_dir)
    assert path.read_bytes() == b"this is not a database" * 100


def test_foreign_sqlite_file_is_refused(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / DB_FILENAME
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x TEXT)")
    con.commit()
    con.close()
    with pytest.raises(CorruptDatabaseError, match="not a LeukoTrack database"):
        open_records(data_dir)


def test_single_alembic_head_matches_shipped_files() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from leukotrack.storage.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_heads() == [head_revision()]
    assert sorted(r.revision for r in script.walk_revisions()) == known_revisions()


def test_older_schema_is_backed_up_then_upgraded(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An existing file whose revision is not head is copied aside before migrating."""
    db = open_records(data_dir)
    with db.transaction() as repo:
        repo.add_draw(Draw(datetime(2026, 1, 5, 9), (Result("wbc", 3.1, "3.1 K/µL"),)))
    db.close()
    path = data_dir / DB_FILENAME
    # Pretend the file predates the current head: stamp it with a base revision that
    # upgrades to head with no schema change.
    con = sqlite3.connect(path)
    con.execute("DELETE FROM alembic_version")
    con.execute("INSERT INTO alembic_version VALUES ('0001')")
    con.commit()
    con.close()
    monkeypatch.setattr("leukotrack.storage.db.known_revisions", lambda: ["0000", "0001"])
    Database(path).close()  # revision '0001' is head under the patch: no backup
    assert not (data_dir / "backups").exists()
    monkeypatch.setattr("leukotrack.storage.db.known_revisions", lambda: ["0001", "0002"])
    monkeypatch.setattr("leukotrack.storage.db.migrate_to", lambda engine, revision: None)
    Database(path).close()
    backups = list((data_dir / "backups").glob("before-migration-0001-*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT count(*) FROM result").fetchone()[0] == 1
    con.close()
    assert stat.S_IMODE(os.stat(backups[0]).st_mode) == 0o600


def test_repository_round_trip(db: Database) -> None:
    profile = Profile(
        "Sam",
        Sex.MALE,
        date(1990, 2, 3),
        ReferenceProfile.DUFFY_NULL,
        Thresholds(persistent_days=28),
    )
    draw = Draw(
        datetime(2026, 3, 3, 9, 30),
        (
            Result("wbc", 3.1, "3100 /µL", None, 4.0, 10.0),
            Result("anc", 0.5, "<0.5 K/µL", "<"),
        ),
        "City Lab",
    )
    with db.transaction() as repo:
        repo.save_profile(profile)
        stored = repo.add_draw(draw)
        repo.add_temperature(TemperatureReading(datetime(2026, 3, 4, 20), 38.6, "101.5 °F"))
        repo.add_fatigue(FatigueEntry(date(2026, 3, 4), 7, "tired"))
        repo.add_infection(
            Infection(date(2026, 3, 4), "chest", date(2026, 3, 9), Treatment.ANTIBIOTICS, 38.6)
        )
        repo.add_medication(
            Medication("Clozapine", date(2025, 1, 1), None, "200 mg", MedicationKind.OTHER)
        )
    with db.reading() as repo:
        assert repo.profile() == profile
        (back,) = repo.draws()
        assert back.results[0].entered == "3100 /µL"
        assert back.results[0].ref_low == 4.0
        assert back.get("anc") is not None and back.get("anc").comparator == "<"  # type: ignore[union-attr]
        assert back.lab == "City Lab" and back.id == stored.id
        assert repo.temperatures()[0].entered == "101.5 °F"
        assert repo.fatigue()[0].score == 7
        assert repo.infections()[0].treatment is Treatment.ANTIBIOTICS
        assert repo.medications()[0].name == "Clozapine"


def test_failed_transaction_stores_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as repo:
        repo.add_draw(Draw(datetime(2026, 1, 5, 9), (Result("wbc", 3.1, "3.1"),)))
        raise RuntimeError("boom")
    with db.reading() as repo:
        assert repo.counts()["draw"] == 0


def test_a_clash_with_a_stored_record_is_a_clear_input_error(db: Database) -> None:
    from leukotrack.storage.db import ConflictError

    with db.transaction() as repo:
        repo.add_draw(Draw(datetime(2026, 1, 5, 9), (Result("wbc", 3.1, "3.1"),)))
    with (
        pytest.raises(ConflictError, match="another blood test is already stored at that date"),
        db.transaction() as repo,
    ):
        repo.add_draw(Draw(datetime(2026, 1, 5, 9), (Result("wbc", 4.0, "4.0"),)))
    with pytest.raises(ConflictError, match="another fatigue score"), db.transaction() as repo:
        repo.add_fatigue(FatigueEntry(date(2026, 1, 5), 3))
        repo.add_fatigue(FatigueEntry(date(2026, 1, 5), 4))
    with db.reading() as repo:
        assert repo.counts()["draw"] == 1 and repo.counts()["fatigue"] == 0
