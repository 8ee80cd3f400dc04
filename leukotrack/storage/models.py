"""ORM rows. Values are kept as entered (text) and as canonical numbers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ProfileRow(Base):
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    sex: Mapped[str | None] = mapped_column(String(10))
    birth_date: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(20), default="adult")
    count_unit: Mapped[str] = mapped_column(String(20), default="10^9/L")
    thresholds_json: Mapped[str] = mapped_column(Text, default="{}")
    questions: Mapped[str] = mapped_column(Text, default="")


class SettingRow(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)


class DrawRow(Base):
    __tablename__ = "draw"
    __table_args__ = (UniqueConstraint("taken_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    lab: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(300), default="manual")
    source_file: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    results: Mapped[list[ResultRow]] = relationship(
        back_populates="draw", cascade="all, delete-orphan", order_by="ResultRow.id"
    )


class ResultRow(Base):
    __tablename__ = "result"
    __table_args__ = (UniqueConstraint("draw_id", "analyte"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    draw_id: Mapped[int] = mapped_column(ForeignKey("draw.id", ondelete="CASCADE"), index=True)
    analyte: Mapped[str] = mapped_column(String(40), index=True)
    value: Mapped[float] = mapped_column(Float)  # canonical unit
    value_entered: Mapped[str] = mapped_column(String(100))  # the number as typed or imported
    unit_entered: Mapped[str] = mapped_column(String(40))  # the unit as typed or imported
    comparator: Mapped[str | None] = mapped_column(String(2))
    ref_low: Mapped[float | None] = mapped_column(Float)  # lab's own range, canonical unit
    ref_high: Mapped[float | None] = mapped_column(Float)
    calculated: Mapped[bool] = mapped_column(Boolean, default=False)

    draw: Mapped[DrawRow] = relationship(back_populates="results")


class TemperatureRow(Base):
    __tablename__ = "temperature"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    celsius: Mapped[float] = mapped_column(Float)
    entered: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(300), default="manual")


class FatigueRow(Base):
    __tablename__ = "fatigue"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    score: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class InfectionRow(Base):
    __tablename__ = "infection"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[date] = mapped_column(Date, index=True)
    end: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(200))
    treatment: Mapped[str] = mapped_column(String(20), default="none")
    max_temp_c: Mapped[float | None] = mapped_column(Float)


class MedicationRow(Base):
    __tablename__ = "medication"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    start: Mapped[date] = mapped_column(Date, index=True)
    stop: Mapped[date | None] = mapped_column(Date)
    dose: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), default="other")
    source: Mapped[str] = mapped_column(String(300), default="manual")


class ReportFileRow(Base):
    """An imported lab report kept as it was (the hematologist can see the original)."""

    __tablename__ = "report_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    pages: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(10), default="text")  # "text" or "ocr"
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class ReportSourceRow(Base):
    """Where one result of a draw was read: its report, page and printed line.

    Keyed by draw and analyte (not result id) so that editing a draw keeps its sources.
    """

    __tablename__ = "report_source"
    __table_args__ = (UniqueConstraint("draw_id", "analyte"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_file_id: Mapped[int] = mapped_column(
        ForeignKey("report_file.id", ondelete="CASCADE"), index=True
    )
    draw_id: Mapped[int] = mapped_column(ForeignKey("draw.id", ondelete="CASCADE"), index=True)
    analyte: Mapped[str] = mapped_column(String(40))
    page: Mapped[int] = mapped_column(Integer)
    line: Mapped[str] = mapped_column(Text, default="")
