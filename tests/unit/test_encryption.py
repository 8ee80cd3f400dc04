"""Encrypting a data folder: nothing readable on disk, the passphrase and recovery key paths,
passphrase changes, damaged key files, encrypted backups and migrations, sealed files."""

import json
import os
import shutil
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest

from leukotrack.domain.privacy import PassphraseError
from leukotrack.domain.records import Draw, Profile, Result
from leukotrack.services import privacy
from leukotrack.services.demo import fill_demo
from leukotrack.services.exporting import export_records
from leukotrack.services.importing import import_files
from leukotrack.services.store import backup_now, open_records, restore_backup
from leukotrack.storage import cipher, sealing
from leukotrack.storage.db import DB_FILENAME, Database
from leukotrack.storage.sealing import KdfParams

PASS = "correct horse battery"
NAME = "Zebedee Quintana-Vasquez"
FAST = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with 1 MiB: the same code, a hundred times faster (the real cost is benched)."""
    monkeypatch.setattr(sealing, "DEFAULT_KDF", FAST)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[float]]:
    folder = tmp_path_factory.mktemp("template") / "data"
    return folder, _fill(folder)


@pytest.fixture(autouse=True)
def _template(template: tuple[Path, list[float]]) -> None:
    global _TEMPLATE
    _TEMPLATE = template


_TEMPLATE: tuple[Path, list[float]] | None = None


def _filled(data_dir: Path) -> list[float]:
    """A copy of the module's record (the demo history, a distinctive name, two backups)."""
    assert _TEMPLATE is not None
    shutil.copytree(_TEMPLATE[0], data_dir)
    return list(_TEMPLATE[1])


def _fill(data_dir: Path) -> list[float]:
    """A record with a distinctive name and the demo history; returns some stored WBC values."""
    db = open_records(data_dir)
    fill_demo(db)
    with db.transaction() as repo:
        repo.save_profile(Profile(name=NAME))
        repo.add_draw(Draw(datetime(2020, 2, 2, 9), (Result("wbc", 3.1415, "3.1415 K/µL"),)))
    with db.reading() as repo:
        values = [r.value for d in repo.draws() for r in d.results if r.analyte == "wbc"]
    backup_now(db)
    db.close()
    open_records(data_dir).close()  # the daily backup
    return values


def _raw_files(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if p.is_file()]


def test_after_encryption_no_file_in_the_data_folder_shows_the_name_or_a_value(
    data_dir: Path,
) -> None:
    _filled(data_dir)
    assert any(NAME.encode() in p.read_bytes() for p in _raw_files(data_dir))  # the test can see
    privacy.turn_on(data_dir, PASS)
    files = _raw_files(data_dir)
    assert len([p for p in files if p.suffix == ".sqlite3"]) >= 3  # live, manual and daily
    for path in files:
        raw = path.read_bytes()
        for needle in (NAME.encode(), NAME.encode("utf-16-le"), b"3.1415", b"Zebedee", b"wbc"):
            assert needle not in raw, (path.name, needle)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert PASS.encode() not in raw


def test_sqlite3_without_the_key_cannot_read_the_database_or_a_backup(data_dir: Path) -> None:
    _filled(data_dir)
    privacy.turn_on(data_dir, PASS)
    for path in [data_dir / DB_FILENAME, *(data_dir / "backups").glob("*.sqlite3")]:
        con = sqlite3.connect(path)
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        con.close()


def test_the_record_opens_with_the_passphrase_and_keeps_everything(data_dir: Path) -> None:
    values = _filled(data_dir)
    enabled = privacy.turn_on(data_dir, PASS)
    key = privacy.unlock(data_dir, PASS)
    assert key == enabled.data_key
    db = open_records(data_dir, key=key)
    with db.reading() as repo:
        assert repo.profile().name == NAME
        assert [r.value for d in repo.draws() for r in d.results if r.analyte == "wbc"] == values
    with db.snapshot() as reader:  # the first paint's path (no SQLAlchemy)
        assert reader.profile().name == NAME
    db.close()


def test_without_the_key_the_record_is_refused_clearly(data_dir: Path) -> None:
    _filled(data_dir)
    privacy.turn_on(data_dir, PASS)
    with pytest.raises(Exception, match="encrypted; open it with its passphrase"):
        open_records(data_dir)


def test_a_wrong_passphrase_says_so_in_one_line_and_changes_nothing(data_dir: Path) -> None:
    _filled(data_dir)
    privacy.turn_on(data_dir, PASS)
    before = {p: p.read_bytes() for p in _raw_files(data_dir)}
    with pytest.raises(privacy.WrongPassphraseError) as info:
        privacy.unlock(data_dir, "not the passphrase")
    message = str(info.value)
    assert "\n" not in message and "not the passphrase" not in message
    assert {p: p.read_bytes() for p in _raw_files(data_dir)} == before


def test_the_recovery_key_opens_the_record_and_a_wrong_one_does_not(data_dir: Path) -> None:
    _filled(data_dir)
    enabled = privacy.turn_on(data_dir, PASS)
    typed = enabled.recovery_key.lower().replace("-", " ")
    assert privacy.unlock(data_dir, recovery=typed) == enabled.data_key
    wrong = list(enabled.recovery_key)
    wrong[0] = "B" if wrong[0] != "B" else "C"
    with pytest.raises(privacy.WrongPassphraseError, match="recovery key does not open"):
        privacy.unlock(data_dir, recovery="".join(wrong))


def test_changing_the_passphrase_rewraps_only_and_keeps_the_data(data_dir: Path) -> None:
    _filled(data_dir)
    enabled = privacy.turn_on(data_dir, PASS)
    db_bytes = (data_dir / DB_FILENAME).read_bytes()
    privacy.change_passphrase(data_dir, enabled.data_key, "a new passphrase", "a new passphrase")
    assert (data_dir / DB_FILENAME).read_bytes() == db_bytes  # the database was not re-encrypted
    with pytest.raises(privacy.WrongPassphraseError):
        privacy.unlock(data_dir, PASS)
    key = privacy.unlock(data_dir, "a new passphrase")
    assert privacy.unlock(data_dir, recovery=enabled.recovery_key) == key  # recovery unchanged
    db = open_records(data_dir, key=key)
    with db.reading() as repo:
        assert repo.profile().name == NAME
    db.close()


@pytest.mark.parametrize("new", ["", "short", "1234567"])
def test_a_short_new_passphrase_is_refused_and_the_key_file_kept(data_dir: Path, new: str) -> None:
    _filled(data_dir)
    enabled = privacy.turn_on(data_dir, PASS)
    before = (data_dir / "leukotrack.key").read_bytes()
    with pytest.raises(PassphraseError, match="passphrase"):
        privacy.change_passphrase(data_dir, enabled.data_key, new)
    assert (data_dir / "leukotrack.key").read_bytes() == before


def test_turning_on_with_a_short_passphrase_changes_nothing(data_dir: Path) -> None:
    _filled(data_dir)
    before = {p: p.read_bytes() for p in _raw_files(data_dir)}
    with pytest.raises(Exception, match="at least 8"):
        privacy.turn_on(data_dir, "short")
    assert {p: p.read_bytes() for p in _raw_files(data_dir)} == before


@pytest.mark.parametrize("damage", ["{broken json", '{"format": "leukotrack-key"}', ""])
def test_a_damaged_key_file_is_named_and_nothing_is_overwritten(
    data_dir: Path, damage: str
) -> None:
    _filled(data_dir)
    enabled = privacy.turn_on(data_dir, PASS)
    (data_dir / "leukotrack.key").write_text(damage)
    db_bytes = (data_dir / DB_FILENAME).read_bytes()
    with pytest.raises(sealing.KeyFileError, match="damaged; use your recovery key or restore"):
        privacy.unlock(data_dir, PASS)
    assert (data_dir / "leukotrack.key").read_text() == damage
    assert (data_dir / DB_FILENAME).read_bytes() == db_bytes
    # the recovery key still opens it, through the copy of the key file kept in backups/
    assert privacy.unlock(data_dir, recovery=enabled.recovery_key) == enabled.data_key


def test_a_missing_key_file_gets_the_same_clear_message(data_dir: Path) -> None:
    _filled(data_dir)
    privacy.turn_on(data_dir, PASS)
    (data_dir / "leukotrack.key").unlink()
    with pytest.raises(
        sealing.KeyFileError, match=r"key file .* is missing; use your recovery key"
    ):
        privacy.unlock(data_dir, PASS)


def test_new_backups_restores_and_premigration_copies_are_encrypted(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(data_dir)
    key = privacy.turn_on(data_dir, PASS).data_key
    db = open_records(data_dir, key=key)
    made = backup_now(db)
    db.close()
    assert cipher.is_encrypted_file(made) and cipher.integrity_ok(made, key)
    _chosen, kept = restore_backup(data_dir, made.name, key=key)
    assert kept is not None and cipher.is_encrypted_file(kept)
    assert cipher.is_encrypted_file(data_dir / DB_FILENAME)
    # an upgrade: the file predates head, so it is copied aside (encrypted) before migrating
    con = cipher.connect(data_dir / DB_FILENAME, key)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    monkeypatch.setattr("leukotrack.storage.db.known_revisions", lambda: ["0001", "0002"])
    monkeypatch.setattr("leukotrack.storage.db.migrate_to", lambda engine, revision: None)
    Database(data_dir / DB_FILENAME, key).close()
    copies = list((data_dir / "backups").glob("before-migration-0001-*.sqlite3"))
    assert len(copies) == 1
    assert cipher.is_encrypted_file(copies[0]) and NAME.encode() not in copies[0].read_bytes()
    con = cipher.connect(copies[0], key)
    assert con.execute("SELECT name FROM profile").fetchone()[0] == NAME
    con.close()


def test_alembic_migrates_a_new_encrypted_database_through_the_keyed_connection(
    tmp_path: Path,
) -> None:
    key = os.urandom(32)
    path = tmp_path / "new.sqlite3"
    db = Database(path, key)  # created by running every migration on the keyed engine
    assert str(db.engine.url).endswith("new.sqlite3") and key.hex() not in str(db.engine.url)
    with db.transaction() as repo:
        repo.save_profile(Profile(name=NAME))
    db.close()
    assert cipher.is_encrypted_file(path) and NAME.encode() not in path.read_bytes()
    assert cipher.integrity_ok(path, key) and not cipher.integrity_ok(path, os.urandom(32))


def test_turning_encryption_off_gives_back_plain_files(data_dir: Path) -> None:
    _filled(data_dir)
    key = privacy.turn_on(data_dir, PASS).data_key
    privacy.turn_off(data_dir, key)
    assert not privacy.is_encrypted(data_dir)
    assert not (data_dir / "leukotrack.key").exists()
    for path in [data_dir / DB_FILENAME, *(data_dir / "backups").glob("*.sqlite3")]:
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    db = open_records(data_dir)
    with db.reading() as repo:
        assert repo.profile().name == NAME
    db.close()


def test_a_failed_check_leaves_the_original_untouched(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(data_dir)
    before = {p: p.read_bytes() for p in _raw_files(data_dir)}
    monkeypatch.setattr("leukotrack.storage.encryption.integrity_ok", lambda path, key: False)
    with pytest.raises(Exception, match="did not pass SQLite's integrity check"):
        privacy.turn_on(data_dir, PASS)
    assert {p: p.read_bytes() for p in _raw_files(data_dir)} == before
    assert not privacy.is_encrypted(data_dir)


def test_plain_backups_left_by_a_kill_are_encrypted_on_the_next_unlock(data_dir: Path) -> None:
    _filled(data_dir)
    plain = sorted((data_dir / "backups").glob("*.sqlite3"))[0].read_bytes()
    key = privacy.turn_on(data_dir, PASS).data_key
    stray = data_dir / "backups" / "daily-20200101-000000.sqlite3"
    stray.write_bytes(plain)  # as a kill between the live file and the backups leaves one
    (data_dir / "leukotrack.sqlite3.before-encryption").write_bytes(plain)
    open_records(data_dir, key=key).close()
    assert cipher.is_encrypted_file(stray) and NAME.encode() not in stray.read_bytes()
    assert not (data_dir / "leukotrack.sqlite3.before-encryption").exists()


def test_the_export_notice_is_given_once_and_only_for_an_encrypted_record(data_dir: Path) -> None:
    _filled(data_dir)
    db = open_records(data_dir)
    assert privacy.export_notice(db) is None
    db.close()
    key = privacy.turn_on(data_dir, PASS).data_key
    db = open_records(data_dir, key=key)
    assert "not" in (privacy.export_notice(db) or "")
    assert privacy.export_notice(db) is None
    db.close()


def test_an_encrypted_json_backup_round_trips_and_hides_everything(
    data_dir: Path, tmp_path: Path
) -> None:
    _filled(data_dir)
    db = open_records(data_dir)
    out = export_records(db, "json", tmp_path / "backup.json", encrypt_with="seal passphrase")
    db.close()
    raw = out.read_bytes()
    assert NAME.encode() not in raw and b"3.1415" not in raw
    envelope = json.loads(raw)
    assert envelope["format"] == "leukotrack-sealed" and envelope["kdf"]["name"] == "argon2id"
    fresh = open_records(tmp_path / "other")
    refused = import_files(fresh, [out], passphrase="wrong passphrase")
    assert not refused.ok and "does not open" in str(refused.files[0].problems[0])
    report = import_files(fresh, [out], passphrase="seal passphrase")
    assert report.ok
    with fresh.reading() as repo:
        assert repo.profile().name == NAME
    fresh.close()


def test_sealed_files_open_only_with_their_key_and_name() -> None:
    key = os.urandom(32)
    sealed = sealing.encrypt_blob(key, b"%PDF-1.7 lab report", "report-1.pdf")
    assert b"lab report" not in sealed and sealing.is_sealed_blob(sealed)
    assert sealing.decrypt_blob(key, sealed, "report-1.pdf") == b"%PDF-1.7 lab report"
    with pytest.raises(sealing.SealedFileError):
        sealing.decrypt_blob(os.urandom(32), sealed, "report-1.pdf")
    with pytest.raises(sealing.SealedFileError):
        sealing.decrypt_blob(key, sealed, "report-2.pdf")
    with pytest.raises(sealing.SealedFileError):
        sealing.decrypt_blob(key, sealed[:-1] + bytes([sealed[-1] ^ 1]), "report-1.pdf")


def test_sealed_file_helpers_write_private_files(tmp_path: Path) -> None:
    key = os.urandom(32)
    path = tmp_path / "report.pdf"
    sealing.write_sealed_file(path, key, b"plain bytes of a photo")
    assert b"photo" not in path.read_bytes()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sealing.read_sealed_file(path, key) == b"plain bytes of a photo"


def test_the_key_file_records_its_kdf_parameters_and_is_private(data_dir: Path) -> None:
    _filled(data_dir)
    privacy.turn_on(data_dir, PASS)
    path = data_dir / "leukotrack.key"
    data = json.loads(path.read_text())
    assert data["passphrase"]["kdf"] == "argon2id"
    assert data["passphrase"]["memory_kib"] == FAST.memory_kib
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert PASS not in path.read_text()


def test_stored_files_are_sealed_with_the_record_and_read_in_memory(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("leukotrack.storage.encryption.STORED_FILE_DIRS", ("kept",))
    _filled(data_dir)
    (data_dir / "kept").mkdir()
    db = open_records(data_dir)
    privacy.write_stored_file(db, data_dir / "kept" / "old.pdf", b"%PDF Zebedee's old report")
    db.close()
    key = privacy.turn_on(data_dir, PASS).data_key
    old = data_dir / "kept" / "old.pdf"
    assert b"Zebedee" not in old.read_bytes()  # sealed when encryption was turned on
    db = open_records(data_dir, key=key)
    privacy.write_stored_file(db, data_dir / "kept" / "new.jpg", b"JPEG Zebedee photo")
    assert b"Zebedee" not in (data_dir / "kept" / "new.jpg").read_bytes()
    assert privacy.read_stored_file(db, old) == b"%PDF Zebedee's old report"
    assert privacy.read_stored_file(db, data_dir / "kept" / "new.jpg") == b"JPEG Zebedee photo"
    db.close()
    locked = open_records(data_dir, key=key)
    locked.use_key(None)
    with pytest.raises(sealing.SealedFileError, match="not unlocked"):
        privacy.read_stored_file(locked, old)
    privacy.turn_off(data_dir, key)
    assert old.read_bytes() == b"%PDF Zebedee's old report"  # back in plain
