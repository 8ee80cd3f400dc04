"""A file that is not a readable lab report gets one clear line, and nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from leukotrack.domain.errors import InputError
from leukotrack.io.labreport.pdf import NoTextLayerError, ReportFileError, pdf_pages
from leukotrack.io.labreport.reader import NoBloodCountError
from leukotrack.services.labreports import read_report
from tests.labreports.files import bad_files


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return bad_files(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize(
    ("kind", "error", "words"),
    [
        ("not_pdf", ReportFileError, "is not a PDF"),
        ("damaged", ReportFileError, "is damaged"),
        ("encrypted", ReportFileError, "password"),
        ("no_text", NoTextLayerError, "photo/scan reader"),
        ("no_count", NoBloodCountError, "holds no blood count"),
    ],
)
def test_bad_file_gets_one_clear_line(
    bad: dict[str, Path], kind: str, error: type[InputError], words: str
) -> None:
    with pytest.raises(error) as caught:
        read_report(bad[kind])
    message = str(caught.value)
    assert words in message and "\n" not in message
    assert bad[kind].name in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReportFileError, match="cannot be opened"):
        pdf_pages(tmp_path / "gone.pdf")
