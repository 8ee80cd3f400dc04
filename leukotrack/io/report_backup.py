"""Imported lab reports inside the JSON backup: the original file (base64) and, for each result
read from it, its draw time, analyte, page and printed line."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from leukotrack.io.parsed import ParsedImport

SECTION = "lab_reports"


@dataclass(frozen=True)
class KeptSource:
    taken_at: datetime
    analyte: str
    page: int
    line: str


@dataclass(frozen=True)
class KeptReport:
    file_name: str
    sha256: str
    content: bytes
    pages: int
    method: str
    imported_at: datetime
    sources: tuple[KeptSource, ...]


def report_json(kept: KeptReport) -> dict[str, Any]:
    return {
        "file_name": kept.file_name,
        "sha256": kept.sha256,
        "pages": kept.pages,
        "method": kept.method,
        "imported_at": kept.imported_at.isoformat(timespec="seconds"),
        "content_base64": base64.b64encode(kept.content).decode("ascii"),
        "sources": [
            {
                "taken_at": s.taken_at.isoformat(),
                "analyte": s.analyte,
                "page": s.page,
                "line": s.line,
            }
            for s in kept.sources
        ],
    }


def read_reports(p: ParsedImport, document: Mapping[str, Any]) -> list[KeptReport]:
    """The backup's lab reports; a damaged one is a problem of the backup (nothing is guessed)."""
    items = document.get(SECTION, [])
    out: list[KeptReport] = []
    if not isinstance(items, list):
        p.problem(SECTION, "must be a list.")
        return out
    for i, item in enumerate(items):
        where = f"{SECTION}[{i}]"
        try:
            content = base64.b64decode(item["content_base64"], validate=True)
            sha = str(item["sha256"])
            if hashlib.sha256(content).hexdigest() != sha:
                raise ValueError("the file inside does not match its checksum")
            sources = tuple(
                KeptSource(
                    datetime.fromisoformat(s["taken_at"]),
                    str(s["analyte"]),
                    int(s["page"]),
                    str(s.get("line", "")),
                )
                for s in item.get("sources", [])
            )
            out.append(
                KeptReport(
                    str(item["file_name"]),
                    sha,
                    content,
                    int(item["pages"]),
                    str(item.get("method", "text")),
                    datetime.fromisoformat(item["imported_at"]),
                    sources,
                )
            )
        except (KeyError, TypeError, ValueError, binascii.Error) as exc:
            p.problem(where, f"this lab report cannot be restored ({exc}).")
    return out
