"""CSV in the two layouts of DESIGN.md, and the long layout out.

Long: `date,analyte,value,unit,ref_low,ref_high` with optional `time`, `lab` (and, in our own
export, `entered`, `calculated`, `source`). Wide: one row per draw, `date` plus a column per
analyte with the unit in the header (`WBC (K/uL)`, `Hb [g/dL]`). Headers match analyte keys,
abbreviations and LOINC display names, ignoring case. Decimal commas are read ("4,5"); the
delimiter may be `,`, `;` or a tab. A date such as 03/05/2024 is refused as ambiguous unless a
date format is given (`%d/%m/%Y`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime

from leukotrack.domain.analytes import ANALYTES, Analyte, Dimension, find
from leukotrack.domain.dates import check_year, parse_datetime
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Draw, Result, TemperatureReading
from leukotrack.domain.units import (
    CANONICAL,
    Unit,
    check_plausible,
    check_plausible_temperature,
    format_quantity,
    parse_number,
    parse_quantity,
    parse_unit,
)
from leukotrack.io.fhir_values import range_from_text
from leukotrack.io.parsed import (
    FileFormatError,
    ImportedResult,
    Located,
    ParsedImport,
    decode,
    has_digit,
    number_text,
)

LONG_HEADER = (
    "date",
    "time",
    "analyte",
    "value",
    "unit",
    "ref_low",
    "ref_high",
    "lab",
    "entered",
    "calculated",
    "source",
)
TEMPERATURE_NAMES = frozenset({"temperature", "temp", "body temperature", "8310-5"})
_META = {
    "date": "date",
    "day": "date",
    "taken_at": "date",
    "datetime": "date",
    "date/time": "date",
    "time": "time",
    "lab": "lab",
    "laboratory": "lab",
    "analyte": "analyte",
    "test": "analyte",
    "test name": "analyte",
    "value": "value",
    "result": "value",
    "unit": "unit",
    "units": "unit",
    "ref_low": "ref_low",
    "ref low": "ref_low",
    "low": "ref_low",
    "ref_high": "ref_high",
    "ref high": "ref_high",
    "high": "ref_high",
    "reference range": "range",
    "range": "range",
    "ref_range": "range",
    "entered": "entered",
    "calculated": "calculated",
    "source": "source",
}
_FORMULA_START = ("=", "+", "-", "@")
_UNIT_IN_HEADER = re.compile(r"^(?P<name>.*?)\s*[\(\[]\s*(?P<unit>[^\)\]]*?)\s*[\)\]]\s*$")
_LOCAL_DATE = re.compile(
    r"(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>\d{4})(?:[ T](?P<t>\d{1,2}:\d{2}(?::\d{2})?))?"
)


def unguard(cell: str) -> str:
    """Undo our own formula-injection guard: "'=x" was written for "=x"."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in _FORMULA_START:
        return cell[1:]
    return cell


def guard(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def parse_csv(
    data: bytes, name: str, date_format: str | None = None, now: datetime | None = None
) -> ParsedImport:
    text = decode(data, name)
    if not text.strip():
        raise FileFormatError(f"{name} is empty; there is nothing to import.")
    first = text.lstrip().splitlines()[0]
    delimiter = max((";", "\t", ","), key=first.count)
    if first.count(delimiter) == 0:
        delimiter = ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise FileFormatError(f"{name} is not a CSV file LeukoTrack can read ({exc}).") from None
    reader = _CsvReader(name, date_format, now or datetime.now())
    return reader.read(rows)


class _CsvReader:
    def __init__(self, name: str, date_format: str | None, now: datetime) -> None:
        self.name = name
        self.date_format = date_format
        self.now = now
        self.parsed = ParsedImport("csv", "csv")

    def read(self, rows: list[list[str]]) -> ParsedImport:
        start = next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), None)
        if start is None:
            raise FileFormatError(f"{self.name} has no header row.")
        header = [unguard(c).strip() for c in rows[start]]
        folded = [_fold(h) for h in header]
        body = [(start + 2 + i, r) for i, r in enumerate(rows[start + 1 :])]
        meta = {_META[f]: i for i, f in enumerate(folded) if f in _META}
        if "date" not in meta:
            raise FileFormatError(
                f"{self.name}: the header has no 'date' column; the first row must name the "
                "columns, for example date,analyte,value,unit or date,WBC (K/uL),ANC (K/uL)."
            )
        if "analyte" in meta and "value" in meta:
            self._long(meta, body)
        else:
            self._wide(header, meta, body)
        return self.parsed

    # -- long layout ------------------------------------------------------------------------
    def _long(self, meta: dict[str, int], body: list[tuple[int, list[str]]]) -> None:
        p = self.parsed
        for line, row in body:
            if not any(c.strip() for c in row):
                continue
            p.rows += 1
            where = f"line {line}"
            cells = {k: unguard(row[i]).strip() if i < len(row) else "" for k, i in meta.items()}
            if cells.get("calculated", "").lower() in ("yes", "true", "1"):
                continue  # our own export: the calculated ANC is worked out again on import
            taken_at = self._moment(cells, where)
            name = cells["analyte"]
            if taken_at is None:
                continue
            if _fold(name) in TEMPERATURE_NAMES:
                self._temperature(taken_at, cells, where)
                continue
            try:
                a = find(name)
            except InputError:
                p.problem(
                    where, f"'{name}' is not an analyte LeukoTrack keeps; left out.", skipped=True
                )
                continue
            unit_text = cells.get("unit", "")
            self._result(taken_at, a, cells["value"], unit_text, cells, where)

    def _temperature(self, taken_at: datetime, cells: dict[str, str], where: str) -> None:
        text = f"{cells['value']} {cells.get('unit', '')}".strip()
        try:
            q = parse_quantity(text, Dimension.TEMPERATURE)
            if q.comparator:
                raise InputError(f"A temperature is a plain reading, not '{q.comparator}'.")
            celsius = check_plausible_temperature(q)
        except InputError as exc:
            self.parsed.problem(where, str(exc))
            return
        entered = cells.get("entered") or format_quantity(q)
        self.parsed.temperatures.append(
            Located(TemperatureReading(taken_at, round(celsius, 3), entered), where)
        )

    # -- wide layout ------------------------------------------------------------------------
    def _wide(
        self, header: list[str], meta: dict[str, int], body: list[tuple[int, list[str]]]
    ) -> None:
        p = self.parsed
        columns: list[tuple[int, Analyte, str]] = []
        for i, h in enumerate(header):
            if i in meta.values() or not h:
                continue
            found = _analyte_column(h)
            if found is None:
                p.problem(
                    f"column {i + 1}",
                    f"'{h}' is not an analyte LeukoTrack keeps; that column is left out.",
                    skipped=True,
                )
                continue
            columns.append((i, *found))
        if not columns:
            raise FileFormatError(
                f"{self.name}: no column names an analyte LeukoTrack keeps; name them like "
                "WBC (K/uL), ANC (/uL), Hb (g/dL), or use the long layout date,analyte,value,unit."
            )
        for line, row in body:
            if not any(c.strip() for c in row):
                continue
            p.rows += 1
            where = f"line {line}"
            cells = {k: unguard(row[i]).strip() if i < len(row) else "" for k, i in meta.items()}
            taken_at = self._moment(cells, where)
            if taken_at is None:
                continue
            for i, a, unit_text in columns:
                value = unguard(row[i]).strip() if i < len(row) else ""
                if value:
                    self._result(taken_at, a, value, unit_text, cells, f"{where}, {header[i]}")

    # -- shared -----------------------------------------------------------------------------
    def _result(
        self,
        taken_at: datetime,
        a: Analyte,
        value: str,
        unit_text: str,
        cells: dict[str, str],
        where: str,
    ) -> None:
        p = self.parsed
        if not value:
            p.problem(where, f"the {a.short} value is empty.")
            return
        if not has_digit(value):
            p.problem(where, f"{a.short} is '{value}', not a number; left out.", skipped=True)
            return
        try:
            q = parse_quantity(value, a.dimension)
            if unit_text:
                own = q.unit if _has_unit(value) else None
                unit = parse_unit(unit_text, a.dimension)
                if own is not None and own != unit:
                    raise InputError(
                        f"the value '{value}' and the unit column '{unit_text}' disagree."
                    )
                q = type(q)(q.value, unit, q.comparator)
            canonical = check_plausible(a, q)
            low, high = self._range(a, q.unit, cells)
        except InputError as exc:
            p.problem(where, f"{a.short}: {exc}")
            return
        entered = (
            cells.get("entered") or f"{q.comparator or ''}{number_text(q.value)} {q.unit.symbol}"
        )
        result = Result(a.key, canonical, entered, q.comparator, low, high)
        p.add_result(
            taken_at,
            ImportedResult(result, where, unit_text or q.unit.symbol),
            lab=cells.get("lab", ""),
            source=cells.get("source", ""),
        )

    def _range(
        self, a: Analyte, unit: Unit, cells: dict[str, str]
    ) -> tuple[float | None, float | None]:
        low_text, high_text = cells.get("ref_low", ""), cells.get("ref_high", "")
        if low_text or high_text:
            low = unit.to_canonical(parse_number(low_text)) if low_text else None
            high = unit.to_canonical(parse_number(high_text)) if high_text else None
            if low is not None and high is not None and low > high:
                raise InputError("ref_low is above ref_high.")
            return low, high
        if cells.get("range"):
            return range_from_text(cells["range"], unit, a.short)
        return None, None

    def _moment(self, cells: dict[str, str], where: str) -> datetime | None:
        day, clock = cells.get("date", ""), cells.get("time", "")
        text = f"{day} {clock}".strip() if clock else day
        try:
            moment = read_date(text, self.date_format, bool(clock))
        except InputError as exc:
            self.parsed.problem(where, str(exc))
            return None
        if moment > self.now:
            self.parsed.problem(where, f"the date {text} is in the future; check it.")
            return None
        return moment


def read_date(text: str, date_format: str | None = None, with_time: bool = False) -> datetime:
    """ISO, or the format given; a day/month order that cannot be told apart is refused."""
    if not text:
        raise InputError("the date is empty.")
    if date_format:
        formats = [date_format]
        if with_time:
            formats = [f"{date_format} %H:%M", f"{date_format} %H:%M:%S", date_format]
        for fmt in formats:
            try:
                moment = datetime.strptime(text, fmt)
            except ValueError:
                continue
            check_year(moment, text)
            return moment
        try:  # ISO dates are never ambiguous: read them whatever order the file's others use
            return parse_datetime(text)
        except InputError:
            pass
        example = date(2024, 12, 31).strftime(date_format)
        raise InputError(
            f"the date '{text}' is not written like {example} (the date format "
            f"'{date_format}' given for this file)."
        )
    try:
        return parse_datetime(text)
    except InputError:
        pass
    m = _LOCAL_DATE.fullmatch(text)
    if not m:
        raise InputError(
            f"'{text}' is not a date LeukoTrack can read; use YYYY-MM-DD or give the file's "
            "date format (for example --date-format %d/%m/%Y)."
        )
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a <= 12 and b <= 12 and a != b:
        raise InputError(
            f"the date '{text}' could be day/month or month/day; give the file's date format "
            "(for example --date-format %d/%m/%Y or %m/%d/%Y)."
        )
    day, month = (a, b) if a > 12 or a == b else (b, a)
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if m.group("t"):
        iso += " " + m.group("t")
    return parse_datetime(iso)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _has_unit(value: str) -> bool:
    return re.search(r"[A-Za-zµμ%/°]", value) is not None


def _analyte_column(header: str) -> tuple[Analyte, str] | None:
    try:
        return find(header), ""
    except InputError:
        pass
    m = _UNIT_IN_HEADER.match(header)
    if m:
        try:
            a = find(m.group("name"))
        except InputError:
            return None
        unit_text = m.group("unit")
        return a, unit_text
    return None


# -- writing ----------------------------------------------------------------------------------
def _time_text(moment: datetime) -> str:
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")


def csv_rows(
    draws: Iterable[Draw], temperatures: Iterable[TemperatureReading] = ()
) -> list[list[str]]:
    """The long layout, values in the canonical unit with full precision, guarded cells."""
    rows: list[list[str]] = [list(LONG_HEADER)]
    for draw in draws:
        for r in draw.results:
            a = ANALYTES[r.analyte]
            unit = CANONICAL[a.dimension]
            rows.append(
                [
                    draw.taken_at.date().isoformat(),
                    _time_text(draw.taken_at),
                    r.analyte,
                    f"{r.comparator or ''}{number_text(r.value)}",
                    _unit_ascii(unit),
                    "" if r.ref_low is None else number_text(r.ref_low),
                    "" if r.ref_high is None else number_text(r.ref_high),
                    draw.lab,
                    r.entered,
                    "yes" if r.calculated else "no",
                    draw.source,
                ]
            )
    for t in temperatures:
        rows.append(
            [
                t.taken_at.date().isoformat(),
                _time_text(t.taken_at),
                "temperature",
                number_text(t.celsius),
                "C",
                "",
                "",
                "",
                t.entered,
                "no",
                "",
            ]
        )
    return [[guard(c) for c in row] for row in rows]


def _unit_ascii(unit: Unit) -> str:
    return {"×10⁹/L": "10^9/L", "°C": "C"}.get(unit.symbol, unit.symbol)


def write_csv(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()
