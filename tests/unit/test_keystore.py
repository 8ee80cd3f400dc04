"""'Remember on this computer': a (faked) Secret Service keeps the key; a plain file never does."""

from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail

from leukotrack.services import privacy
from leukotrack.services.store import open_records
from leukotrack.storage import keystore, sealing
from leukotrack.storage.sealing import KdfParams


class FakeSecretService(SecretService.Keyring):
    """The Secret Service backend with its D-Bus calls replaced by a dict."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.kept[(service, username)]


class PlainFileKeyring(KeyringBackend):
    """What keyrings.alt's PlaintextKeyring does: passwords in a file anyone who copies it reads."""

    priority = 0.5  # type: ignore[assignment]

    def __init__(self, path: Path) -> None:
        self.path = path

    def get_password(self, service: str, username: str) -> str | None:
        return self.path.read_text() if self.path.exists() else None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.path.write_text(password)

    def delete_password(self, service: str, username: str) -> None:
        self.path.unlink()


@pytest.fixture
def use_backend(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(sealing, "DEFAULT_KDF", KdfParams(1, 1024, 1))

    def use(backend: KeyringBackend) -> KeyringBackend:
        monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
        return backend

    return use


def _encrypted(data_dir: Path) -> bytes:
    open_records(data_dir).close()
    return privacy.turn_on(data_dir, "correct horse battery").data_key


def test_a_secret_service_keeps_the_key_and_opens_the_record(
    data_dir: Path, use_backend: Any
) -> None:
    fake = use_backend(FakeSecretService())
    key = _encrypted(data_dir)
    assert privacy.remembered_key(data_dir) is None
    privacy.remember_key(data_dir, key)
    assert list(fake.kept.values()) == [key.hex()]
    assert privacy.remembered_key(data_dir) == key
    privacy.forget_key(data_dir)
    assert not fake.kept and privacy.remembered_key(data_dir) is None


def test_a_secret_service_inside_keyrings_chain_is_found(data_dir: Path, use_backend: Any) -> None:
    fake = FakeSecretService()

    class Chain(chainer.ChainerBackend):
        backends = (fail.Keyring(), fake)  # type: ignore[assignment]

    use_backend(Chain())
    key = _encrypted(data_dir)
    privacy.remember_key(data_dir, key)
    assert privacy.remembered_key(data_dir) == key and fake.kept


def test_a_plain_file_keyring_is_refused_and_nothing_is_written(
    data_dir: Path, tmp_path: Path, use_backend: Any
) -> None:
    plain = tmp_path / "keyring_pass.cfg"
    use_backend(PlainFileKeyring(plain))
    key = _encrypted(data_dir)
    with pytest.raises(keystore.KeystoreUnavailableError, match="never keeps it in a plain file"):
        privacy.remember_key(data_dir, key)
    assert not plain.exists()
    assert privacy.remembered_key(data_dir) is None


def test_no_keyring_at_all_is_refused(data_dir: Path, use_backend: Any) -> None:
    use_backend(fail.Keyring())
    key = _encrypted(data_dir)
    with pytest.raises(keystore.KeystoreUnavailableError):
        privacy.remember_key(data_dir, key)


def test_a_remembered_key_that_no_longer_opens_the_record_is_ignored(
    data_dir: Path, use_backend: Any
) -> None:
    use_backend(FakeSecretService())
    _encrypted(data_dir)
    privacy.remember_key(data_dir, bytes(32))
    assert privacy.remembered_key(data_dir) is None


def test_turning_encryption_off_forgets_the_key(data_dir: Path, use_backend: Any) -> None:
    fake = use_backend(FakeSecretService())
    key = _encrypted(data_dir)
    privacy.remember_key(data_dir, key)
    privacy.turn_off(data_dir, key)
    assert not fake.kept
