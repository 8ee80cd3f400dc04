"""Units: the grammar that reads printed units, quantities, conversion and plausibility.

The public API the rest of the code uses is re-exported here: `parse_unit`, `parse_quantity`,
`Quantity`, `Unit`, `convert`, `format_quantity` and the units we write.
"""

from leukotrack.domain.units.grammar import KNOWN_SPELLINGS, normalise, parse_unit
from leukotrack.domain.units.model import (
    CANONICAL,
    CELLS_PER_UL,
    CELSIUS,
    CHOICES,
    FAHRENHEIT,
    G_PER_DL,
    G_PER_L,
    MMOL_PER_L,
    PER_NANOLITRE,
    PERCENT,
    THOUSANDS_PER_UL,
    UCUM,
    Unit,
    count_factor,
    count_unit,
)
from leukotrack.domain.units.plausibility import (
    PLAUSIBLE,
    check_plausible,
    check_plausible_temperature,
    plausible_range,
)
from leukotrack.domain.units.quantity import (
    Quantity,
    convert,
    format_number,
    format_quantity,
    parse_number,
    parse_quantity,
)

__all__ = [
    "CANONICAL",
    "CELLS_PER_UL",
    "CELSIUS",
    "CHOICES",
    "FAHRENHEIT",
    "G_PER_DL",
    "G_PER_L",
    "KNOWN_SPELLINGS",
    "MMOL_PER_L",
    "PERCENT",
    "PER_NANOLITRE",
    "PLAUSIBLE",
    "THOUSANDS_PER_UL",
    "UCUM",
    "Quantity",
    "Unit",
    "check_plausible",
    "check_plausible_temperature",
    "convert",
    "count_factor",
    "count_unit",
    "format_number",
    "format_quantity",
    "normalise",
    "parse_number",
    "parse_quantity",
    "parse_unit",
    "plausible_range",
]
