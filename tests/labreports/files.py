"""The fictional report PDFs, written once per test session into a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.labreports.layouts import LAYOUTS, write, write_three_pages


def write_all(folder: Path) -> Path:
    for name in LAYOUTS:
        write(name, folder)
    write_three_pages(folder)
    return folder


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_all(tmp_path_factory.mktemp("labreports"))
