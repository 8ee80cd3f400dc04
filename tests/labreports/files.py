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


def bad_files(folder: Path) -> dict[str, Path]:
    """Files that are not readable reports, each with its own reason."""
    from tests.labreports.sheet import Sheet

    out: dict[str, Path] = {}
    out["not_pdf"] = folder / "results.pdf"
    out["not_pdf"].write_text("WBC 3.1\n")
    good = Sheet()
    good.page().text(40, 50, "WBC 3.1 x10E3/uL 4.0-11.0")
    data = good.save(folder / "whole.pdf").read_bytes()
    out["damaged"] = folder / "damaged.pdf"
    out["damaged"].write_bytes(data[:400])
    locked = Sheet()
    locked.pdf.set_encryption(owner_password="owner", user_password="secret")
    locked.page().text(40, 50, "WBC 3.1 x10E3/uL 4.0-11.0")
    out["encrypted"] = locked.save(folder / "encrypted.pdf")
    scan = Sheet()
    scan.page().bar(40, 400, 100)
    out["no_text"] = scan.save(folder / "scan.pdf")
    letter = Sheet()
    letter.page().text(40, 50, "Dear patient, your appointment is on 03/04/2026 at 10:00.")
    letter.text(40, 70, "Please call 555-010-2040 to change it. Page 1 of 1")
    out["no_count"] = letter.save(folder / "letter.pdf")
    return out
