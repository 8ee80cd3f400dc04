"""Imported lab reports: the original file (bytes, inside the private database) and, for each
result read from it, the page and the printed line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from leukotrack.storage.models import DrawRow, ReportFileRow, ReportSourceRow


@dataclass(frozen=True)
class StoredReport:
    id: int
    file_name: str
    sha256: str
    pages: int
    method: str
    imported_at: datetime


@dataclass(frozen=True)
class ResultSource:
    """Where a stored result was read: report, page, printed line."""

    report_id: int
    file_name: str
    taken_at: datetime
    analyte: str
    page: int
    line: str


def _stored(row: ReportFileRow) -> StoredReport:
    return StoredReport(row.id, row.file_name, row.sha256, row.pages, row.method, row.imported_at)


class ReportFiles:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_sha256(self, sha256: str) -> StoredReport | None:
        row = self.session.execute(
            select(ReportFileRow).where(ReportFileRow.sha256 == sha256)
        ).scalar_one_or_none()
        return _stored(row) if row else None

    def add(
        self,
        file_name: str,
        sha256: str,
        content: bytes,
        pages: int,
        method: str,
        imported_at: datetime | None = None,
    ) -> StoredReport:
        row = ReportFileRow(
            file_name=file_name,
            sha256=sha256,
            content=content,
            pages=pages,
            method=method,
            imported_at=imported_at or datetime.now().replace(microsecond=0),
        )
        self.session.add(row)
        self.session.flush()
        return _stored(row)

    def link(self, report_id: int, draw_id: int, analyte: str, page: int, line: str) -> None:
        """Record where a draw's result was read (replacing an older source of that result)."""
        self.session.execute(
            delete(ReportSourceRow).where(
                ReportSourceRow.draw_id == draw_id, ReportSourceRow.analyte == analyte
            )
        )
        self.session.add(
            ReportSourceRow(
                report_file_id=report_id, draw_id=draw_id, analyte=analyte, page=page, line=line
            )
        )

    def content(self, report_id: int) -> bytes:
        row = self.session.get(ReportFileRow, report_id)
        if row is None:
            raise KeyError(f"report {report_id} no longer exists")
        return bytes(row.content)

    def all(self) -> list[StoredReport]:
        rows = self.session.execute(select(ReportFileRow).order_by(ReportFileRow.id)).scalars()
        return [_stored(r) for r in rows]

    def sources(self, draw_id: int | None = None) -> list[ResultSource]:
        """Every result source (of one draw), in time order."""
        query = (
            select(ReportSourceRow, ReportFileRow.file_name, DrawRow.taken_at)
            .join(ReportFileRow, ReportFileRow.id == ReportSourceRow.report_file_id)
            .join(DrawRow, DrawRow.id == ReportSourceRow.draw_id)
            .order_by(DrawRow.taken_at, ReportSourceRow.id)
        )
        if draw_id is not None:
            query = query.where(ReportSourceRow.draw_id == draw_id)
        return [
            ResultSource(s.report_file_id, name, taken_at, s.analyte, s.page, s.line)
            for s, name, taken_at in self.session.execute(query)
        ]
