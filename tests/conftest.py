"""Shared fixtures. Qt must run offscreen, and no test may touch the user's real data folder."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import: no display in CI
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathlib import Path

import pytest

_BESIDE = Path(__file__).resolve().parents[2] / "shared"  # ../shared from a checkout
SHARED = next((p for p in (_BESIDE, Path("/work/shared")) if p.is_dir()), _BESIDE)
SYNTHEA = SHARED / "fixtures" / "fhir" / "synthea"


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Redirect every platform folder (data, logs, config) to a temp folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("LEUKOTRACK_DATA_DIR", raising=False)


class NetworkAccessError(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """LeukoTrack makes no network connections: any attempt fails the test."""
    import socket

    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        raise NetworkAccessError(f"a network connection to {address!r} was attempted")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded)

    def create_connection(address: object, *args: object, **kwargs: object) -> socket.socket:
        raise NetworkAccessError(f"a network connection to {address!r} was attempted")

    monkeypatch.setattr(socket, "create_connection", create_connection)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(data_dir: Path):
    from leukotrack.services.store import open_records

    database = open_records(data_dir)
    yield database
    database.close()


@pytest.fixture
def synthea_dir() -> Path:
    if not SYNTHEA.is_dir():
        pytest.skip(f"../shared/fixtures is absent ({SYNTHEA}); the Synthea bundles live there")
    return SYNTHEA
