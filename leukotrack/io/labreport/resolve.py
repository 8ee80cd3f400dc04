"""Step 5 applied: a raw printed row -> a result in canonical units, or a line not read."""

from __future__ import annotations

import re

from leukotrack.domain.analytes import ANALYTES, Dimension
from leukotrack.domain.errors import InputError, PlausibilityError
from leukotrack.domain.units import CANONICAL, Quantity, Unit, check_plausible
from leukotrack.io.labreport.names import fold, match_test_name, read_unit
from leukotrack.io.labreport.reading import ReadResult, UnreadLine
from leukotrack.io.labreport.rows import RawRow

# Lines that carry numbers but are never tests: page numbers, phones, IDs, dates, ages.
_NOT_TESTS = re.compile(
    r"^(page|seite|phone|tel|telephone|fax|dob|date|mrn|id|account|acct|npi|patient|age|sex|"
    r"collected|received|reported|specimen|ordered|order|physician|doctor|dr|room|bed|ref|"
    r"accession|requisition|birth|born|geb|ne|nee|dossier|client|zip|postcode|printed|time|"
    r"entnahme|eingang|prelevement|edition|report|lab|laboratory|performed|final|status|"
    r"normal range|standard range|reference range|value|your value)\b"
)


def canonical(unit: Unit, number: float) -> float:
    """The canonical value, without float noise (3100 /µL is 3.1, not 3.1000000000000001)."""
    return round(unit.to_canonical(number), 9)


def is_test_like(raw: RawRow) -> bool:
    """Could this line be a test (a name, a value, and a unit or a range)?"""
    name = fold(raw.name)
    if not name or _NOT_TESTS.match(name) or len(name) > 60:
        return False
    return bool(raw.unit) or raw.range is not None


def resolve(raw: RawRow) -> ReadResult | UnreadLine | None:
    """The row's analyte and canonical numbers; an UnreadLine for a test we cannot match."""
    match = match_test_name(raw.name, raw.unit or None)
    if match.analyte is None:
        if not is_test_like(raw):
            return None
        return UnreadLine(raw.page, raw.text, raw.box, match.why)
    if _NOT_TESTS.match(fold(raw.name)):
        return None
    analyte = ANALYTES[match.analyte]
    reasons: list[str] = []
    unit = CANONICAL[analyte.dimension]
    if raw.unit:
        try:
            unit = read_unit(raw.unit, analyte.dimension)
        except InputError:
            reasons.append(
                f"the unit '{raw.unit}' does not fit a {analyte.noun}; check the value and its unit"
            )
    elif analyte.dimension is not Dimension.PERCENT:
        reasons.append(f"no unit printed; LeukoTrack assumed {unit.symbol}")
    value = canonical(unit, raw.value.number)
    try:
        check_plausible(analyte, Quantity(raw.value.number, unit, raw.value.comparator))
    except PlausibilityError as exc:
        reasons.insert(0, str(exc))
    low = high = None
    if raw.range is not None:
        low = None if raw.range.low is None else canonical(unit, raw.range.low)
        high = None if raw.range.high is None else canonical(unit, raw.range.high)
    entered = f"{raw.value.text} {raw.unit}".strip()
    result = ReadResult(
        analyte=analyte.key,
        value=value,
        comparator=raw.value.comparator,
        entered=entered,
        ref_low=low,
        ref_high=high,
        flag=raw.flag,
        range_text=raw.range.text if raw.range else "",
        page=raw.page,
        text=raw.text,
        box=raw.box,
        confidence=raw.confidence,
        decimals=raw.value.decimals,
    )
    for why in reasons:
        result = result.review(why)
    return result
