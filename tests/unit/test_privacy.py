"""No network, private files."""

import os
import socket
import stat
from pathlib import Path

import pytest

from leukotrack.services.demo import fill_demo
from leukotrack.services.store import open_records


def test_the_suite_refuses_network_connections() -> None:
    with pytest.raises(AssertionError, match="network connection"):
        socket.create_connection(("127.0.0.1", 9))


def test_every_file_in_the_data_dir_is_private(data_dir: Path) -> None:
    db = open_records(data_dir)
    fill_demo(db)
    db.close()
    open_records(data_dir).close()  # second open: the daily backup
    assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert files
    for p in files:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    for d in [p for p in data_dir.rglob("*") if p.is_dir()]:
        assert stat.S_IMODE(d.stat().st_mode) == 0o700, d
