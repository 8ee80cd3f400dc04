"""CSV in, in the two layouts of DESIGN.md (writing the long layout is in `csv_write`).

Long: `date,analyte,value,unit,ref_low,ref_high` with optional `time`, `lab` (and, in our own
export, `entered`, `calculated`, `source`). Wide: one row per draw, `date` plus a column per
analyte with the unit in the header (`WBC (K/uL)`, `Hb [g/dL]`). Names are read by the printed
names dictionary (`domain.lab_names`: keys, abbreviations, LOINC display names and the names
labs print in eight languages), with the unit deciding count versus percentage; units by the
unit grammar, the same code a typed value goes through. Decimal commas are read ("4,5"); the
delimiter may be `,`, `;` or a tab. A date such as 03/05/2024 is refused as ambiguous unless a
date format is given (`%d/%m/%Y`).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

from leukotrack.domain.analytes import ANALYTES, Analyte, Dimension, by_loinc
from leukotrack.domain.dates import check_year, parse_datetime
from leukotrack.domain.errors import InputError, UnitError
from leukotrack.domain.lab_names import (
    NameMatch,
    is_temperature_name,
    match_test_name,
    names_a_tracked_test,
)
from leukotrack.domain.records import Result, TemperatureReading
from leukotrack.domain.units import (
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

_META = {
    "date": "date",
    "day": "date",
    "taken_at": "date",
    "datetime": "date",
    "date/time": "date",
    "datum": "date",  # German, Dutch
    "fecha": "date",  # Spanish
    "data": "date",  # Italian, Portuguese
    "time": "time",
    "uhrzeit": "time",
    "heure": "time",
    "hora": "time",
    "ora": "time",
    "tijd": "time",
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
FORMULA_START = ("=", "+", "-", "@")
_UNIT_IN_HEADER = re.compile(r"^(?P<name>.*?)\s*[\(\[]\s*(?P<unit>[^\)\]]*?)\s*[\)\]]\s*$")
_LOCAL_DATE = re.compile(
    r"(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>\d{4})(?:[ T](?P<t>\d{1,2}:\d{2}(?::\d{2})?))?"
)


def unguard(cell: str) -> str:
    """Undo our own formula-injection guard: "'=x" was written for "=x"."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


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
            if is_temperature_name(name):
                self._temperature(taken_at, cells, where)
                continue
            unit_text = cells.get("unit", "")
            a = self._analyte(name, unit_text or _unit_part(cells["value"]), where)
            if a is not None:
                self._result(taken_at, a, cells["value"], unit_text, cells, where)

    def _analyte(self, name: str, unit: str, where: str) -> Analyte | None:
        """The analyte a printed name stands for, or None with the reason noted."""
        found = resolve_name(name, unit)
        if isinstance(found, Analyte):
            return found
        if found.never_map or not names_a_tracked_test(name):
            why = found.why if found.never_map else f"'{name}' is not an analyte LeukoTrack keeps"
            self.parsed.problem(where, f"{why.rstrip('.')}; left out.", skipped=True)
        else:
            self.parsed.problem(where, found.why)
        return None

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
        columns: list[tuple[int, Analyte | None, str, str]] = []  # None: each cell's unit decides
        for i, h in enumerate(header):
            if i in meta.values() or not h:
                continue
            name, unit_text = _name_and_unit(h)
            found = resolve_name(name, unit_text)
            if isinstance(found, Analyte):
                columns.append((i, found, name, unit_text))
            elif not found.never_map and names_a_tracked_test(name):
                columns.append((i, None, name, unit_text))
            else:
                why = found.why if found.never_map else f"'{h}' is not an analyte LeukoTrack keeps"
                p.problem(
                    f"column {i + 1}", f"{why.rstrip('.')}; that column is left out.", skipped=True
                )
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
            for i, a, name, unit_text in columns:
                value = unguard(row[i]).strip() if i < len(row) else ""
                if not value:
                    continue
                at = f"{where}, {header[i]}"
                a = a or self._analyte(name, _unit_part(value), at)
                if a is not None:
                    self._result(taken_at, a, value, unit_text, cells, at)

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
                if own is not None and not own.same_scale(unit):
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


def resolve_name(name: str, unit: str) -> Analyte | NameMatch:
    """An analyte key or LOINC code as written, else the printed names dictionary."""
    exact = ANALYTES.get(name.strip().lower()) or by_loinc(name)
    if exact is not None:
        return exact
    found = match_test_name(name, unit or None)
    return ANALYTES[found.analyte] if found.analyte else found


def _name_and_unit(header: str) -> tuple[str, str]:
    """'WBC (K/uL)' -> ('WBC', 'K/uL'); a bracket that is not a unit stays in the name."""
    m = _UNIT_IN_HEADER.match(header)
    if m:
        try:
            parse_unit(m.group("unit"))
        except UnitError:
            return header, ""
        return m.group("name"), m.group("unit")
    return header, ""


def _unit_part(value: str) -> str:
    """The unit typed in a cell ("55 %" -> "%"), or ""."""
    m = re.match(r"^\s*(?:<=|>=|<|>|≤|≥)?\s*[+-]?[\d.,]+\s*(.*?)\s*$", value)
    return m.group(1) if m else ""
