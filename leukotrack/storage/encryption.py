"""Turning a data folder's database and backups from plain to encrypted and back, crash-safely.

Turning encryption on:
  1. the live database is checkpointed and copied aside (`leukotrack.sqlite3.before-encryption`);
  2. the copy is exported with SQLCipher into `leukotrack.sqlite3.encrypting`;
  3. that file must pass `PRAGMA integrity_check` with the key and hold the same schema revision,
     else both work files are removed and the original stays as it was;
  4. the key file is written (atomically), then the encrypted file replaces the live one with one
     atomic rename;
  5. each backup is converted the same way (export, check, rename), then the plain copy is removed.
A kill at any moment leaves either the plain original (with at most leftover work files, cleared
on the next open) or the encrypted database with its key file; plain backups left by a kill
during step 5 are converted the next time the record is unlocked (`finish`).

Turning it off runs the same steps the other way; the key file is removed last, so backups
still encrypted after a kill can be finished with `leukotrack decrypt` again.
"""

from __future__ import annotations

import os
from pathlib import Path

from leukotrack.storage.cipher import connect, export, integrity_ok, is_encrypted_file
from leukotrack.storage.db import (
    BACKUP_DIRNAME,
    DB_FILENAME,
    StorageError,
    current_revision,
    sqlite_backup,
)
from leukotrack.storage.sealing import (
    KEY_FILENAME,
    KeyFile,
    decrypt_blob,
    encrypt_blob,
    is_sealed_blob,
    write_key_file,
    write_private,
)

# Folders (inside the data folder) of files kept outside the database, such as photos of lab
# reports: sealed with the data key while the record is encrypted (services.privacy's
# write_stored_file/read_stored_file). A capability that keeps files there adds its folder here.
STORED_FILE_DIRS: tuple[str, ...] = ()
ASIDE = {True: ".before-encryption", False: ".before-decryption"}
WORK = {True: ".encrypting", False: ".decrypting"}


def _fsync(path: Path) -> None:
    """Flush a file's content, or a folder's entries (a rename), to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _drop_sidecars(db_file: Path) -> None:
    """Remove the -wal/-shm files a read-only check leaves (their WAL is empty: nothing writes
    to a copy), so they never outlive or get mixed up with a replaced file."""
    for suffix in ("-wal", "-shm"):
        db_file.with_name(db_file.name + suffix).unlink(missing_ok=True)


def _remove(db_file: Path) -> None:
    db_file.unlink(missing_ok=True)
    _drop_sidecars(db_file)


def _checkpoint(db_file: Path, key: bytes | None) -> None:
    """Fold the WAL into the file, so the file alone holds every committed change."""
    con = connect(db_file, key)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        side = db_file.with_name(db_file.name + suffix)
        if suffix == "-wal" and side.exists() and side.stat().st_size > 0:
            raise StorageError(
                f"{db_file} is still being written by another LeukoTrack; close it and try again. "
                "Nothing was changed."
            )
        side.unlink(missing_ok=True)


def _converted(source: Path, source_key: bytes | None, key: bytes | None, work: Path) -> Path:
    """`source` exported to `work` with `key`, checked; raises (removing `work`) if not sound."""
    _remove(work)
    want = current_revision(source, source_key)
    export(source, source_key, work, key)
    os.chmod(work, 0o600)
    _fsync(work)
    sound = integrity_ok(work, key) and current_revision(work, key) == want
    _drop_sidecars(work)
    _drop_sidecars(source)
    if not sound:
        _remove(work)
        raise StorageError(
            f"The converted copy of {source.name} did not pass SQLite's integrity check, so the "
            "original was kept as it was. Nothing was changed."
        )
    return work


def _backup_files(data_dir: Path) -> list[Path]:
    folder = data_dir / BACKUP_DIRNAME
    return sorted(p for p in folder.glob("*.sqlite3") if p.is_file()) if folder.is_dir() else []


def convert_backups(data_dir: Path, source_key: bytes | None, key: bytes | None) -> int:
    """Convert every backup still in the other state; returns how many were converted."""
    done = 0
    for path in _backup_files(data_dir):
        if is_encrypted_file(path) == (key is not None):
            continue
        work = _converted(path, source_key, key, path.with_name(path.name + ".part"))
        os.replace(work, path)
        _drop_sidecars(path)
        done += 1
    if done:
        _fsync(data_dir / BACKUP_DIRNAME)
    return done


def _stored_files(data_dir: Path) -> list[Path]:
    found: list[Path] = []
    for name in STORED_FILE_DIRS:
        folder = data_dir / name
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".part")
    return found


def convert_stored_files(data_dir: Path, old_key: bytes | None, key: bytes | None) -> int:
    """Seal (or unseal) each stored file still in the other state, one atomic write each."""
    done = 0
    for path in _stored_files(data_dir):
        data = path.read_bytes()
        if is_sealed_blob(data) == (key is not None):
            continue
        if key is not None:
            write_private(path, encrypt_blob(key, data, path.name))
        else:
            assert old_key is not None
            write_private(path, decrypt_blob(old_key, data, path.name))
        done += 1
    return done


def switch(
    data_dir: Path, old_key: bytes | None, new_key: bytes | None, key_file: KeyFile | None = None
) -> None:
    """Convert the live database and the backups from `old_key` to `new_key` (None = plain).

    Encrypting converts the live file first and then the backups; decrypting the backups first.
    Either way a kill leaves the backups that differ from the live file in the state `finish`
    (on the next unlock) converts back to the live file's.
    """
    encrypting = new_key is not None
    live = data_dir / DB_FILENAME
    _checkpoint(live, old_key)
    aside = live.with_name(live.name + ASIDE[encrypting])
    _remove(aside)
    sqlite_backup(live, aside, old_key)  # 1. copied aside
    try:
        work = _converted(aside, old_key, new_key, live.with_name(live.name + WORK[encrypting]))
    except BaseException:
        _remove(aside)
        raise
    if encrypting:
        assert key_file is not None
        write_key_file(data_dir / KEY_FILENAME, key_file)  # 4. the key, before the data needs it
        (data_dir / BACKUP_DIRNAME).mkdir(mode=0o700, exist_ok=True)
        write_key_file(data_dir / BACKUP_DIRNAME / KEY_FILENAME, key_file)
    else:
        convert_backups(data_dir, old_key, new_key)
        convert_stored_files(data_dir, old_key, new_key)
    os.replace(work, live)
    _fsync(data_dir)
    _remove(aside)
    if encrypting:
        convert_backups(data_dir, old_key, new_key)
        convert_stored_files(data_dir, old_key, new_key)
    if not encrypting:
        (data_dir / KEY_FILENAME).unlink(missing_ok=True)
        (data_dir / BACKUP_DIRNAME / KEY_FILENAME).unlink(missing_ok=True)


def clear_leftovers(data_dir: Path) -> None:
    """Remove the work files and copies a kill may have left (the live file is always whole)."""
    live = data_dir / DB_FILENAME
    for suffix in (*ASIDE.values(), *WORK.values()):
        _remove(live.with_name(live.name + suffix))
    for part in (data_dir / BACKUP_DIRNAME).glob("*.sqlite3.part"):
        _remove(part)


def finish(data_dir: Path, key: bytes | None) -> int:
    """After a kill: clear work files and convert backups left in the other state.

    With the record encrypted (`key` given), plain backups are encrypted. With the record plain,
    nothing is converted here (encrypted backups need the key: `leukotrack decrypt` finishes them).
    """
    clear_leftovers(data_dir)
    if key is None:
        return 0
    return convert_backups(data_dir, None, key) + convert_stored_files(data_dir, None, key)
