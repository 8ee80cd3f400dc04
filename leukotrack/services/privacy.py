"""Optional encryption of a data folder: turn it on or off, unlock, change the passphrase.

The data key is random; the key file beside the database keeps it wrapped under the passphrase
and under the recovery key (storage/sealing.py). Converting the files is crash-safe
(storage/encryption.py). Nothing here logs or prints a passphrase or key.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from leukotrack.domain.errors import InputError
from leukotrack.domain.privacy import (
    DEFAULT_LOCK_MINUTES,
    check_lock_minutes,
    check_new_passphrase,
    format_recovery_key,
    parse_recovery_key,
)
from leukotrack.storage import encryption, keystore
from leukotrack.storage.cipher import is_encrypted_file, opens
from leukotrack.storage.db import BACKUP_DIRNAME, DB_FILENAME, Database
from leukotrack.storage.keystore import KeystoreUnavailableError
from leukotrack.storage.sealing import (
    KEY_FILENAME,
    KdfParams,
    KeyFile,
    KeyFileError,
    SealedFileError,
    WrongSecretError,
    decrypt_blob,
    is_sealed_blob,
    is_sealed_envelope,
    new_key_file,
    read_key_file,
    write_key_file,
    write_private,
    write_sealed_file,
)

OPENED_REPORTS = "open-reports"  # where a plain record's lab reports are copied for a viewer
EXPORT_NOTICE_SETTING = "privacy.export_notice_shown"
EXPORT_NOTICE = (
    "Note: this record is encrypted, but exported files are not: keep the file somewhere "
    "private, or use 'export --format json --encrypt'."
)


__all__ = ["KeystoreUnavailableError"]  # what 'Remember on this computer' may raise


class WrongPassphraseError(InputError):
    """The passphrase (or recovery key) does not open this record; nothing was changed."""


class NotEncryptedError(InputError):
    pass


@dataclass(frozen=True)
class Enabled:
    """What turning encryption on hands back: the data key and the recovery key to show once."""

    data_key: bytes
    recovery_key: str


def is_encrypted(data_dir: Path) -> bool:
    """True when the data folder's database is encrypted (decided by the file, not the key file)."""
    return is_encrypted_file(data_dir / DB_FILENAME)


def key_file_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILENAME


def _key_files(data_dir: Path, with_copy: bool) -> list[KeyFile]:
    """The key file, and (for the recovery key) its copy in backups/ if the first is damaged."""
    found: list[KeyFile] = []
    first_error: KeyFileError | None = None
    paths = [key_file_path(data_dir)]
    if with_copy:
        paths.append(data_dir / BACKUP_DIRNAME / KEY_FILENAME)
    for path in paths:
        try:
            found.append(read_key_file(path))
        except KeyFileError as exc:
            first_error = first_error or exc
    if not found:
        assert first_error is not None
        raise first_error
    return found


def unlock(data_dir: Path, passphrase: str | None = None, recovery: str | None = None) -> bytes:
    """The data key, from the passphrase or the recovery key. Wrong ones raise one clear line."""
    if recovery is not None:
        raw = parse_recovery_key(recovery)
        for key_file in _key_files(data_dir, with_copy=True):
            try:
                return key_file.unwrap_with_recovery(raw)
            except WrongSecretError:
                continue
        raise WrongPassphraseError(
            "That recovery key does not open this record; check each group of 4 characters."
        )
    if not passphrase:
        raise WrongPassphraseError("Type the passphrase of this record.")
    try:
        return _key_files(data_dir, with_copy=False)[0].unwrap_with_passphrase(passphrase)
    except WrongSecretError:
        raise WrongPassphraseError(
            "That passphrase is not right; nothing was opened or changed."
        ) from None


def open_key(data_dir: Path, passphrase: str | None) -> bytes | None:
    """The key to open `data_dir` with: None for a plain record; else from the passphrase."""
    if not is_encrypted(data_dir):
        return None
    if passphrase is None:
        raise WrongPassphraseError(
            f"The record in {data_dir} is encrypted; give its passphrase with --passphrase-file F "
            "(or run the command in a terminal to be asked for it)."
        )
    return unlock(data_dir, passphrase)


def turn_on(
    data_dir: Path, passphrase: str, again: str | None = None, kdf: KdfParams | None = None
) -> Enabled:
    """Encrypt the database and its backups; the recovery key is shown to the person once."""
    check_new_passphrase(passphrase, again)
    if is_encrypted(data_dir):
        raise InputError("This record is already encrypted; nothing was changed.")
    live = data_dir / DB_FILENAME
    if not live.exists() or live.stat().st_size == 0:
        Database(live).close()  # an empty folder: create the (plain) record to convert
    encryption.clear_leftovers(data_dir)
    key_file, data_key, recovery = new_key_file(passphrase, kdf)
    encryption.switch(data_dir, None, data_key, key_file)
    opened = data_dir / OPENED_REPORTS
    if opened.is_dir():  # plain copies handed to a PDF viewer; the originals are in the database
        shutil.rmtree(opened)
    return Enabled(data_key, format_recovery_key(recovery))


def turn_off(data_dir: Path, data_key: bytes) -> None:
    """Decrypt the database and its backups, then remove the key file (and forget the key)."""
    if not is_encrypted(data_dir):
        if key_file_path(data_dir).exists():  # a kill after the live file: finish the backups
            encryption.convert_backups(data_dir, data_key, None)
            key_file_path(data_dir).unlink()
            (data_dir / BACKUP_DIRNAME / KEY_FILENAME).unlink(missing_ok=True)
            return
        raise NotEncryptedError("This record is not encrypted; nothing was changed.")
    encryption.clear_leftovers(data_dir)
    encryption.switch(data_dir, data_key, None)
    keystore.forget(data_dir)


def change_passphrase(data_dir: Path, data_key: bytes, new: str, again: str | None = None) -> None:
    """Re-wrap the data key under a new passphrase; the database is not touched."""
    check_new_passphrase(new, again)
    if not is_encrypted(data_dir):
        raise NotEncryptedError("This record is not encrypted; turn encryption on instead.")
    updated = _key_files(data_dir, with_copy=True)[0].rewrap_passphrase(data_key, new)
    write_key_file(key_file_path(data_dir), updated)
    write_key_file(data_dir / BACKUP_DIRNAME / KEY_FILENAME, updated)


def finish_interrupted(data_dir: Path, data_key: bytes | None) -> int:
    """Clear what a kill during encrypting left (see storage/encryption.py)."""
    return encryption.finish(data_dir, data_key)


def remember_key(data_dir: Path, data_key: bytes) -> None:
    keystore.remember(data_dir, data_key)


def remembered_key(data_dir: Path) -> bytes | None:
    """The key kept in the desktop keyring for `data_dir`, if it still opens the record."""
    key = keystore.recall(data_dir)
    if key is None:
        return None
    return key if opens(data_dir / DB_FILENAME, key) else None


def forget_key(data_dir: Path) -> None:
    keystore.forget(data_dir)


def export_notice(db: Database) -> str | None:
    """The one-time notice that exports are plain, for an encrypted record (None afterwards)."""
    if db.key is None:
        return None
    with db.transaction() as repo:
        if repo.setting(EXPORT_NOTICE_SETTING, False):
            return None
        repo.set_setting(EXPORT_NOTICE_SETTING, True)
    return EXPORT_NOTICE


def is_sealed_backup(path: Path) -> bool:
    """True for a JSON backup written with `export --format json --encrypt`."""
    try:
        with path.open("rb") as fh:
            return is_sealed_envelope(fh.read(200))
    except OSError:
        return False


LOCK_MINUTES_SETTING = "privacy.lock_minutes"


def lock_minutes(db: Database) -> int:
    """Idle minutes before the app locks an encrypted record (15 unless changed)."""
    with db.snapshot() as reader:  # no SQLAlchemy import: this runs before the first paint
        stored = reader.setting(LOCK_MINUTES_SETTING, DEFAULT_LOCK_MINUTES)
    try:
        return check_lock_minutes(str(stored))
    except InputError:
        return DEFAULT_LOCK_MINUTES


def set_lock_minutes(db: Database, minutes: int) -> None:
    check_lock_minutes(str(minutes))
    with db.transaction() as repo:
        repo.set_setting(LOCK_MINUTES_SETTING, minutes)


def write_stored_file(db: Database, path: Path, data: bytes) -> None:
    """Keep `data` (a lab report's PDF or photo) at `path` in the data folder: sealed with the
    data key when the record is encrypted, else as it is; 0600, written atomically.

    `path` should be inside one of storage.encryption.STORED_FILE_DIRS, so that turning
    encryption on or off converts it too."""
    if db.key is None:
        write_private(path, data)
    else:
        write_sealed_file(path, db.key, data)


def read_stored_file(db: Database, path: Path) -> bytes:
    """The plain bytes of a stored file, in memory only (never a temporary file)."""
    data = path.read_bytes()
    if is_sealed_blob(data):
        if db.key is None:
            raise SealedFileError(
                f"{path.name} is encrypted, but the record is not unlocked; open it with the "
                "passphrase first."
            )
        return decrypt_blob(db.key, data, path.name)
    return data
