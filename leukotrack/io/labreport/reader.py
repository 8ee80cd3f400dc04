"""The reading pipeline: PageWords (PDF text or OCR) -> ReportReading.

lines -> language -> column bands (or the generic pattern, or portal component blocks) ->
rows -> names and units -> draws by collection date -> cross-checks. It does not care where the
words came from; `pdf_pages` and the OCR reader both feed it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from leukotrack.domain.errors import InputError
from leukotrack.io.labreport import dates
from leukotrack.io.labreport.checks import cross_check
from leukotrack.io.labreport.columns import Columns, detect_language, find_columns
from leukotrack.io.labreport.lines import Line, group_lines
from leukotrack.io.labreport.names import fold, match_test_name
from leukotrack.io.labreport.numbers import Language
from leukotrack.io.labreport.reading import ReadDraw, ReadResult, ReportReading, UnreadLine
from leukotrack.io.labreport.resolve import resolve
from leukotrack.io.labreport.rows import (
    RawRow,
    _split_unit_range,
    _value_in,
    box_of,
    read_columns,
    read_generic,
)
from leukotrack.io.labreport.words import PageWords


class NoBloodCountError(InputError):
    """A readable report with no test LeukoTrack keeps."""


_BLOCK_RANGE = re.compile(r"^(normal|standard|reference|ref) (range|interval|values?)\b")
_BLOCK_VALUE = re.compile(r"^(your value|value|result|your result)\b")
_LAB_LABEL = re.compile(
    r"^(performing lab(oratory)?|laboratory|lab|performed at|labor|laboratoire)\s*:\s*(?P<name>.+)$",
    re.IGNORECASE,
)
_LAB_WORDS = re.compile(r"laborator|\blab\b|labor\b|laboratoire|patholog|diagnostic|haematolog")


@dataclass
class _Block:
    """A portal's component block: a name line, then its normal-range line and its value line."""

    name: str
    name_line: Line
    unit: str = ""
    range_text: str = ""
    extra: list[str] = field(default_factory=list)


def _block_row(block: _Block, line: Line, language: Language) -> RawRow | None:
    words = list(line.words)
    found = _value_in(words, language)
    if found is None:
        return None
    value, value_words, after = found
    tail = " ".join(w.text for w in words[after:])
    unit, _, flag = _split_unit_range(tail, language)
    rng = None
    if block.range_text:
        _, rng, _ = _split_unit_range(block.range_text, language)
    return RawRow(
        line.page,
        block.name,
        value,
        box_of(line.page, value_words),
        unit or block.unit,
        rng,
        flag,
        f"{block.name}: {line.text}",
        confidence=line.confidence,
    )


def _raw_rows(pages: Sequence[Sequence[Line]], language: Language) -> list[RawRow]:
    rows: list[RawRow] = []
    columns: Columns | None = None
    for lines in pages:
        block: _Block | None = None
        for line in lines:
            header = find_columns(line, dates.is_date)
            if header is not None:
                columns, block = header, None
                continue
            folded = fold(line.text)
            if not any(ch.isdigit() for ch in line.text):
                match = match_test_name(line.text)
                block = _Block(line.text.strip(" :"), line) if match.analyte else None
                continue
            if block is not None and _BLOCK_RANGE.match(folded):
                unit, _, _ = _split_unit_range(line.text.split(":", 1)[-1], language)
                block.unit, block.range_text = unit, line.text.split(":", 1)[-1]
                continue
            if block is not None and _BLOCK_VALUE.match(folded):
                row = _block_row(block, line, language)
                if row is not None:
                    rows.append(row)
                block = None
                continue
            if block is not None and not re.search(r"[A-Za-z]{2}", line.text):
                continue  # a gauge's printed ends, under a block: never a value
            if (columns is not None and line.top > columns.line.bottom - 1) or (
                columns is not None and line.page != columns.line.page
            ):
                found = read_columns(line, columns, language)
                if found:
                    rows.extend(found)
                    continue
            generic = read_generic(line, language)
            if generic is not None:
                rows.append(generic)
    return rows


def _lab(lines: Sequence[Line]) -> str:
    for line in lines:
        m = _LAB_LABEL.match(line.text.strip())
        if m:
            return m.group("name").strip()
    for line in lines[:3]:
        first = line.cells()[0].text if line.words else ""
        if _LAB_WORDS.search(first.lower()):
            return first.strip()
    return ""


def read_pages(
    pages: Sequence[PageWords],
    file_name: str,
    birth: date | None = None,
    today: date | None = None,
) -> ReportReading:
    """Read a report's pages; NoBloodCountError when no test LeukoTrack keeps is in it."""
    today = today or date.today()
    page_lines = [group_lines(page) for page in pages]
    all_lines = [line for lines in page_lines for line in lines]
    language = detect_language(all_lines)
    raws = _raw_rows(page_lines, language)
    resolved: list[tuple[RawRow, ReadResult]] = []
    unread: list[UnreadLine] = []
    for raw in raws:
        out = resolve(raw)
        if isinstance(out, ReadResult):
            resolved.append((raw, out))
        elif isinstance(out, UnreadLine):
            unread.append(out)
    if not resolved:
        raise NoBloodCountError(
            f"{file_name} holds no blood count LeukoTrack can read (no white cells, neutrophils, "
            "hemoglobin or platelets were found); check that it is the right report."
        )
    moment = dates.collection_moment(all_lines, language)
    lab = _lab(all_lines)
    groups: dict[str, list[ReadResult]] = {}
    for raw, result in resolved:
        groups.setdefault(raw.column, []).append(result)
    draws: list[ReadDraw] = []
    for column, results in groups.items():
        at = dates.column_moment(column, language) if column else moment
        taken_at, has_time = at if at else (None, False)
        unique = _drop_repeats(results)
        checked = cross_check(unique, taken_at.date() if taken_at else None, birth, today)
        draws.append(ReadDraw(taken_at, has_time, lab, tuple(checked)))
    draws.sort(key=lambda d: d.taken_at or datetime.max)
    return ReportReading(
        file_name,
        len(pages),
        pages[0].method if pages else "text",
        tuple(draws),
        tuple(unread),
        language,
    )


def _drop_repeats(results: list[ReadResult]) -> list[ReadResult]:
    """The same test printed twice with the same value (a summary box, a repeated header)."""
    seen: set[tuple[str, float, str | None]] = set()
    out: list[ReadResult] = []
    for r in results:
        key = (r.analyte, r.value, r.comparator)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out
