"""'Remember on this computer': the data key in the desktop's Secret Service, and nowhere else.

The `keyring` package picks a backend by itself and, when no desktop keyring answers, can fall
back to third-party backends that keep passwords in a plain or weakly protected file. LeukoTrack
accepts only the Secret Service backend (GNOME Keyring, KWallet 6, KeePassXC), which keeps the
key encrypted under the person's login; every other backend is refused with a reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from leukotrack.domain.errors import LeukoTrackError

SERVICE = "LeukoTrack data key"


class KeystoreUnavailableError(LeukoTrackError):
    """No Secret Service keyring answered, so the key is not remembered."""


def _secret_service_backend(backend: Any) -> bool:
    """True only for keyring's own Secret Service backend (or one built on it)."""
    from keyring.backends import SecretService

    return isinstance(backend, SecretService.Keyring)


def usable_backend() -> Any:
    """The desktop's Secret Service keyring, or KeystoreUnavailableError saying why not."""
    import keyring
    from keyring.backends import chainer

    backend = keyring.get_keyring()
    candidates = (
        list(backend.backends) if isinstance(backend, chainer.ChainerBackend) else [backend]
    )
    for candidate in candidates:
        if _secret_service_backend(candidate):
            try:
                if float(type(candidate).priority) > 0:
                    return candidate
            except Exception:  # keyring raises its own errors when the service does not answer
                continue
    raise KeystoreUnavailableError(
        "No desktop keyring (Secret Service) answered, so LeukoTrack will not remember the key "
        "on this computer; it never keeps it in a plain file. Type the passphrase each time."
    )


def _account(data_dir: Path) -> str:
    return str(data_dir.resolve())


def remember(data_dir: Path, data_key: bytes) -> None:
    usable_backend().set_password(SERVICE, _account(data_dir), data_key.hex())


def recall(data_dir: Path) -> bytes | None:
    """The remembered key for `data_dir`, or None (no keyring, nothing kept, or unreadable)."""
    try:
        stored = usable_backend().get_password(SERVICE, _account(data_dir))
    except Exception:  # no keyring, locked keyring, D-Bus errors: fall back to asking
        return None
    if not stored:
        return None
    try:
        return bytes.fromhex(stored)
    except ValueError:
        return None


def forget(data_dir: Path) -> None:
    try:
        backend = usable_backend()
        if backend.get_password(SERVICE, _account(data_dir)) is not None:
            backend.delete_password(SERVICE, _account(data_dir))
    except Exception:  # nothing remembered, or no keyring: nothing to forget
        return
