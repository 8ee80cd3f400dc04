"""Step 5: a printed test name and unit -> the analyte it is, through the domain's dictionaries.

Names go through `domain.lab_names.match_test_name` (printed names in eight languages, count
versus percentage decided by the printed unit, never-map names such as immature granulocytes),
and units through the domain's unit grammar (`domain.units.parse_unit`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from leukotrack.domain.analytes import Dimension
from leukotrack.domain.errors import InputError
from leukotrack.domain.lab_names import NameMatch, match_test_name
from leukotrack.domain.units import Unit, parse_unit

__all__ = ["NameMatch", "fold", "looks_like_unit", "match_test_name", "read_unit"]


def fold(text: str) -> str:
    """Lower case, accents off, punctuation to spaces (keeps %): for labels and headers."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^a-z0-9%]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def read_unit(text: str, dimension: Dimension) -> Unit:
    """The printed unit for a value of `dimension`; UnitError when it is not one."""
    return parse_unit(text, dimension)


@lru_cache(maxsize=4096)
def looks_like_unit(text: str) -> bool:
    """Could this printed token be a unit? (Cached: the same tokens recur on every line, and a
    refused spelling costs the grammar a search for the nearest ones.)"""
    s = text.strip()
    if not re.search(r"[A-Za-zµμ%/]", s) or re.fullmatch(r"\(?[A-Za-z]{1,2}\)?", s):
        return False  # a number, a dash, a flag such as H or (L)
    for dimension in (Dimension.COUNT, Dimension.PERCENT, Dimension.HEMOGLOBIN):
        try:
            parse_unit(s, dimension)
            return True
        except InputError:
            continue
    return "/" in s and not re.fullmatch(r"[\d/.,\s-]+", s)
