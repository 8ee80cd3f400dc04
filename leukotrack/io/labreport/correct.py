"""A row the person corrected in the review window, read again with the report's language."""

from __future__ import annotations

from dataclasses import replace

from leukotrack.domain.analytes import ANALYTES, Dimension
from leukotrack.domain.errors import InputError
from leukotrack.domain.units import CANONICAL, Quantity, check_plausible
from leukotrack.io.labreport.names import read_unit
from leukotrack.io.labreport.numbers import Language, read_range, read_value
from leukotrack.io.labreport.reading import ReadResult
from leukotrack.io.labreport.resolve import canonical


def corrected(
    row: ReadResult, value_text: str, unit_text: str, range_text: str, language: Language
) -> ReadResult:
    """`row` with the value, unit and range as typed; InputError says what is wrong."""
    analyte = ANALYTES[row.analyte]
    value = read_value(value_text, language)
    if value is None:
        raise InputError(
            f"'{value_text.strip()}' is not a value; type a number such as 3.1 or <0.10."
        )
    unit = CANONICAL[analyte.dimension]
    if unit_text.strip():
        unit = read_unit(unit_text, analyte.dimension)
    elif analyte.dimension is not Dimension.PERCENT:
        raise InputError(f"Type the unit printed next to the {analyte.noun} (for example K/uL).")
    check_plausible(analyte, Quantity(value.number, unit, value.comparator))
    low = high = None
    if range_text.strip():
        rng = read_range(range_text, language)
        if rng is None:
            raise InputError(
                f"'{range_text.strip()}' is not a range; type it as printed, e.g. 4.0-11.0."
            )
        low = None if rng.low is None else canonical(unit, rng.low)
        high = None if rng.high is None else canonical(unit, rng.high)
    return replace(
        row,
        value=canonical(unit, value.number),
        comparator=value.comparator,
        entered=f"{value.text} {unit_text.strip()}".strip(),
        ref_low=low,
        ref_high=high,
        range_text=range_text.strip(),
        needs_review=False,
        why=None,
        decimals=value.decimals,
    )


def confirmed(row: ReadResult) -> ReadResult:
    """The row as read, confirmed by the person."""
    return replace(row, needs_review=False, why=None)


def unit_text(row: ReadResult) -> str:
    return row.entered.partition(" ")[2]


def value_text(row: ReadResult) -> str:
    return row.entered.partition(" ")[0]
