"""The keys of an encrypted record, and sealing bytes with them.

- The *data key*: 32 random bytes. SQLCipher uses it as a raw key for the database and every
  database backup; `encrypt_blob`/`decrypt_blob` (AES-256-GCM) use it for other stored files.
- The *key file* (`leukotrack.key`, 0600, beside the database) holds the data key wrapped twice
  with AES-256-GCM: once under a key derived from the passphrase with Argon2id (its parameters
  and salt are in the file), once under a key derived from the recovery key with HKDF-SHA256
  (the recovery key is 160 random bits, so it needs no slow KDF). Changing the passphrase
  rewrites only the passphrase wrap.
- `seal_with_passphrase`/`open_with_passphrase`: a self-contained envelope for a file that must
  be opened with a passphrase alone (the encrypted JSON backup).

No passphrase or key ever goes into an exception message.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leukotrack.domain.errors import LeukoTrackError
from leukotrack.domain.privacy import RECOVERY_BYTES

KEY_FILENAME = "leukotrack.key"
KEY_BYTES = 32
NONCE_BYTES = 12
KEYFILE_FORMAT = "leukotrack-key"
ENVELOPE_FORMAT = "leukotrack-sealed"
BLOB_MAGIC = b"LTSEAL1\n"  # first bytes of a file sealed with the data key


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters: 19 MiB, 2 passes, 1 lane, OWASP's baseline Argon2id setting.
    Tuned with benchmarks/bench_encryption.py: about 0.2 s on the project's busy 2-core machine
    (46 MiB × 1 pass, OWASP's other option, took 0.5 s there: allocating the memory dominates)."""

    time_cost: int = 2
    memory_kib: int = 19456
    parallelism: int = 1


DEFAULT_KDF = KdfParams()


class KeyFileError(LeukoTrackError):
    """The key file is missing or damaged (it is never overwritten when this is raised)."""


class WrongSecretError(LeukoTrackError):
    """The passphrase or recovery key does not open this key file."""


class SealedFileError(LeukoTrackError):
    """A sealed file that is damaged or was sealed with another key."""


DAMAGED = (
    "The key file {name} is damaged; use your recovery key or restore a backup of the data "
    "folder. Nothing was overwritten."
)
MISSING = (
    "This record is encrypted but its key file {name} is missing; use your recovery key or "
    "restore a backup of the data folder. Nothing was overwritten."
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive_from_passphrase(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def derive_from_recovery(recovery: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.hashes import SHA256
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(SHA256(), KEY_BYTES, salt, b"leukotrack recovery key v1").derive(recovery)


def _seal(key: bytes, plain: bytes, aad: bytes) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plain, aad)


def _open(key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, sealed, aad)
    except InvalidTag:
        raise WrongSecretError("the secret does not open this") from None


# -- the key file ------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeyFile:
    """The parsed key file: both wraps of the data key and the parameters to unwrap them."""

    kdf: KdfParams
    salt: bytes
    pass_nonce: bytes
    pass_sealed: bytes
    recovery_salt: bytes
    recovery_nonce: bytes
    recovery_sealed: bytes

    def to_json(self) -> str:
        data = {
            "format": KEYFILE_FORMAT,
            "version": 1,
            "about": "The LeukoTrack data key, wrapped with AES-256-GCM under the passphrase "
            "(Argon2id) and under the recovery key (HKDF-SHA256). Without one of the two it "
            "cannot be opened.",
            "passphrase": {
                "kdf": "argon2id",
                "time_cost": self.kdf.time_cost,
                "memory_kib": self.kdf.memory_kib,
                "parallelism": self.kdf.parallelism,
                "salt": _b64(self.salt),
                "nonce": _b64(self.pass_nonce),
                "wrapped_key": _b64(self.pass_sealed),
            },
            "recovery": {
                "kdf": "hkdf-sha256",
                "salt": _b64(self.recovery_salt),
                "nonce": _b64(self.recovery_nonce),
                "wrapped_key": _b64(self.recovery_sealed),
            },
        }
        return json.dumps(data, indent=2) + "\n"

    @staticmethod
    def parse(text: str) -> KeyFile:
        """Raises ValueError (never showing the content) when anything is off."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != KEYFILE_FORMAT:
            raise ValueError("not a key file")
        p, r = data["passphrase"], data["recovery"]
        if p.get("kdf") != "argon2id" or r.get("kdf") != "hkdf-sha256":
            raise ValueError("unknown kdf")
        kdf = KdfParams(int(p["time_cost"]), int(p["memory_kib"]), int(p["parallelism"]))
        if min(kdf.time_cost, kdf.parallelism) < 1 or kdf.memory_kib < 8 * kdf.parallelism:
            raise ValueError("bad kdf parameters")
        return KeyFile(
            kdf,
            _unb64(p["salt"]),
            _unb64(p["nonce"]),
            _unb64(p["wrapped_key"]),
            _unb64(r["salt"]),
            _unb64(r["nonce"]),
            _unb64(r["wrapped_key"]),
        )

    def unwrap_with_passphrase(self, passphrase: str) -> bytes:
        kek = derive_from_passphrase(passphrase, self.salt, self.kdf)
        return _open(kek, self.pass_nonce, self.pass_sealed, b"leukotrack data key/passphrase")

    def unwrap_with_recovery(self, recovery: bytes) -> bytes:
        kek = derive_from_recovery(recovery, self.recovery_salt)
        return _open(
            kek, self.recovery_nonce, self.recovery_sealed, b"leukotrack data key/recovery"
        )

    def rewrap_passphrase(self, data_key: bytes, passphrase: str) -> KeyFile:
        salt = secrets.token_bytes(16)
        kek = derive_from_passphrase(passphrase, salt, self.kdf)
        nonce, sealed = _seal(kek, data_key, b"leukotrack data key/passphrase")
        return KeyFile(
            self.kdf,
            salt,
            nonce,
            sealed,
            self.recovery_salt,
            self.recovery_nonce,
            self.recovery_sealed,
        )


def new_key_file(passphrase: str, kdf: KdfParams | None = None) -> tuple[KeyFile, bytes, bytes]:
    """A fresh data key wrapped twice: (key file, data key, recovery key bytes)."""
    kdf = kdf or DEFAULT_KDF
    data_key = secrets.token_bytes(KEY_BYTES)
    recovery = secrets.token_bytes(RECOVERY_BYTES)
    r_salt = secrets.token_bytes(16)
    r_nonce, r_sealed = _seal(
        derive_from_recovery(recovery, r_salt), data_key, b"leukotrack data key/recovery"
    )
    empty = KeyFile(kdf, b"", b"", b"", r_salt, r_nonce, r_sealed)
    return empty.rewrap_passphrase(data_key, passphrase), data_key, recovery


def read_key_file(path: Path) -> KeyFile:
    if not path.exists():
        raise KeyFileError(MISSING.format(name=path))
    try:
        return KeyFile.parse(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error, UnicodeError):
        raise KeyFileError(DAMAGED.format(name=path)) from None


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (a .part file, fsync, rename), readable by the owner."""
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    write_private(path, key_file.to_json().encode("utf-8"))


# -- files sealed with the data key (stored reports) --------------------------------------------
def encrypt_blob(data_key: bytes, plain: bytes, label: str = "") -> bytes:
    """`plain` sealed with the data key (AES-256-GCM); `label` (e.g. a file name) is bound to it
    so a sealed file cannot be passed off as another."""
    nonce, sealed = _seal(data_key, plain, label.encode("utf-8"))
    return BLOB_MAGIC + nonce + sealed


def decrypt_blob(data_key: bytes, sealed: bytes, label: str = "") -> bytes:
    """The plain bytes of `encrypt_blob`'s output, in memory only."""
    if not is_sealed_blob(sealed):
        raise SealedFileError("This file is not sealed by LeukoTrack.")
    body = sealed[len(BLOB_MAGIC) :]
    try:
        return _open(data_key, body[:NONCE_BYTES], body[NONCE_BYTES:], label.encode("utf-8"))
    except WrongSecretError:
        raise SealedFileError(
            "This sealed file is damaged or belongs to another record; it was left as it is."
        ) from None


def is_sealed_blob(data: bytes) -> bool:
    return data.startswith(BLOB_MAGIC)


def write_sealed_file(path: Path, data_key: bytes, plain: bytes) -> None:
    """Store `plain` at `path`, sealed with the data key (never written in plain)."""
    write_private(path, encrypt_blob(data_key, plain, path.name))


def read_sealed_file(path: Path, data_key: bytes) -> bytes:
    return decrypt_blob(data_key, path.read_bytes(), path.name)


# -- a file opened with a passphrase alone (the encrypted JSON backup) --------------------------
def seal_with_passphrase(plain: bytes, passphrase: str, kdf: KdfParams | None = None) -> bytes:
    """The documented envelope (docs/encryption.md): JSON with the Argon2id parameters, salt,
    nonce and the AES-256-GCM ciphertext of `plain`, all base64."""
    kdf = kdf or DEFAULT_KDF
    salt = secrets.token_bytes(16)
    nonce, sealed = _seal(derive_from_passphrase(passphrase, salt, kdf), plain, b"leukotrack")
    envelope = {
        "format": ENVELOPE_FORMAT,
        "version": 1,
        "content": "application/json; LeukoTrack JSON backup",
        "kdf": {
            "name": "argon2id",
            "time_cost": kdf.time_cost,
            "memory_kib": kdf.memory_kib,
            "parallelism": kdf.parallelism,
            "salt": _b64(salt),
        },
        "cipher": "AES-256-GCM",
        "aad": "leukotrack",
        "nonce": _b64(nonce),
        "ciphertext": _b64(sealed),
    }
    return (json.dumps(envelope, indent=2) + "\n").encode("utf-8")


def is_sealed_envelope(data: bytes) -> bool:
    head = data[:200].decode("utf-8", "replace")
    return head.lstrip().startswith("{") and f'"{ENVELOPE_FORMAT}"' in head


def open_with_passphrase(data: bytes, passphrase: str) -> bytes:
    try:
        env = json.loads(data)
        k = env["kdf"]
        kdf = KdfParams(int(k["time_cost"]), int(k["memory_kib"]), int(k["parallelism"]))
        salt, nonce, sealed = _unb64(k["salt"]), _unb64(env["nonce"]), _unb64(env["ciphertext"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise SealedFileError("This encrypted backup is damaged and cannot be read.") from None
    try:
        return _open(derive_from_passphrase(passphrase, salt, kdf), nonce, sealed, b"leukotrack")
    except WrongSecretError:
        raise WrongSecretError(
            "That passphrase does not open this encrypted backup; use the passphrase it was "
            "written with."
        ) from None
