"""Step 5: a printed test name and unit -> the analyte it is, through the domain's dictionary.

`match_test_name` is the API of the units-and-names issue (domain/lab_names.py). Until that
module is on main this adapter gives the same answer shape from `domain.analytes.find` plus the
words lab reports print in English, German and French, and the names that must never be mapped
to a white-cell analyte (immature granulocytes, nucleated red cells, ...).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from leukotrack.domain.analytes import ANALYTES, Dimension
from leukotrack.domain.errors import InputError, UnknownAnalyteError
from leukotrack.domain.units import Unit, parse_unit


@dataclass(frozen=True)
class NameMatch:
    analyte: str | None
    never_map: bool
    why: str


_FILLER = {
    "absolute",
    "abs",
    "absolut",
    "absolue",
    "absolu",
    "count",
    "auto",
    "automated",
    "blood",
    "total",
    "number",
    "cell",
    "cells",
    "zahl",
    "anzahl",
    "nombre",
    "valeur",
    "polynucleaires",
    "polynucleaire",
    "poly",
    "im",
    "blut",
    "de",
    "des",
    "in",
    "ct",
    "level",
    "value",
}
_BASE: dict[str, str] = {}
for _key, _words in {
    "wbc": "wbc|white blood cell|white blood cells|white cell|white cells|wcc|leukocytes|"
    "leucocytes|leukozyten|leu|leuko|leukocyte|globules blancs|white blood",
    "anc": "neutrophils|neutrophil|neut|neuts|neutro|neutrophile|neutrophiles|neutrophilen|"
    "segs|seg|segmented neutrophils|anc|agc|segmentkernige|neutrophile granulozyten",
    "bands": "bands|band|band neutrophils|stabkernige|band forms",
    "lymphocytes": "lymphocytes|lymphocyte|lymph|lymphs|lymphozyten|alc|lym",
    "monocytes": "monocytes|monocyte|mono|monos|monozyten|mon",
    "eosinophils": "eosinophils|eosinophil|eos|eosinophile|eosinophiles|eosinophilen|eosino",
    "basophils": "basophils|basophil|baso|basos|basophile|basophiles|basophilen",
    "hemoglobin": "hemoglobin|haemoglobin|hgb|hb|hamoglobin|hemoglobine|haemoglobine",
    "platelets": "platelets|platelet|plt|plts|thrombocytes|thrombozyten|plaquettes|"
    "platelet count",
}.items():
    for _w in _words.split("|"):
        _BASE[_w] = _key

_NEVER = re.compile(
    r"immature|\big\b|nrbc|nucleated|reactive|atypical|variant|unstained|\bluc\b|mpv|rdw|\bmcv\b|"
    r"\bmch\b|mchc|pdw|reticul|\brbc\b|red\b|erythro|hematocrit|haematocrit|\bhct\b|myelo|"
    r"blast|promyel|metamyel|granulocytes immatures|unreife",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lower case, accents off, punctuation to spaces (keeps %)."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^a-z0-9%]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def match_test_name(printed: str, unit: str | None = None) -> NameMatch:
    """The analyte a printed test name (and its printed unit) stands for."""
    folded = fold(printed)
    if not folded:
        return NameMatch(None, False, "no name")
    if _NEVER.search(folded):
        return NameMatch(None, True, f"'{printed.strip()}' is not a test LeukoTrack keeps")
    percent = "%" in folded or (unit is not None and unit.strip() == "%")
    words = [w for w in folded.replace("%", " ").split() if w not in _FILLER]
    base = _BASE.get(" ".join(words))
    if base is None:
        for size in (3, 2, 1):  # "polynucleaires neutrophiles", "neutrophils segmented"
            for i in range(len(words) - size + 1):
                base = _BASE.get(" ".join(words[i : i + size]))
                if base:
                    break
            if base:
                break
    if base is None:
        try:
            base = ANALYTES[_find(printed)].key
        except UnknownAnalyteError:
            return NameMatch(None, False, f"'{printed.strip()}' is not a test LeukoTrack keeps")
    if percent:
        key = f"{base}_pct" if f"{base}_pct" in ANALYTES else None
        if base == "anc":
            key = "neutrophils_pct"
        if key is None:
            return NameMatch(None, False, f"'{printed.strip()}' is a percentage LeukoTrack does not keep")
        return NameMatch(key, False, "name and % unit")
    return NameMatch(base, False, "name")


def _find(printed: str) -> str:
    from leukotrack.domain.analytes import find

    return find(printed).key


# Spellings real reports print that the unit grammar of the units-and-names issue will read;
# until then they are folded to a spelling domain.units knows.
_UNIT_ALIASES = {
    "x10e3/ul": "10^3/ul",
    "x10e9/l": "10^9/l",
    "10e3/ul": "10^3/ul",
    "thousand/ul": "10^3/ul",
    "k/mcl": "10^3/ul",
    "x10(3)/mcl": "10^3/ul",
    "x10(3)/ul": "10^3/ul",
    "10(9)/l": "10^9/l",
    "x10(9)/l": "10^9/l",
    "tsd/ul": "10^3/ul",
    "gpt/l": "10^9/l",
    "giga/l": "10^9/l",
    "/cumm": "/ul",
    "cells/cumm": "/ul",
    "cells/mcl": "/ul",
    "/mcl": "/ul",
    "gm/dl": "g/dl",
    "g%": "g/dl",
    "g/100ml": "g/dl",
    "mill/ul": "",
}


def read_unit(text: str, dimension: Dimension) -> Unit:
    """The printed unit for a value of `dimension`; UnitError when it is not one."""
    folded = text.strip().replace("µ", "u").replace("μ", "u").replace("×", "x").replace(" ", "")
    alias = _UNIT_ALIASES.get(folded.lower())
    if alias == "":
        raise InputError(f"'{text}' is not a unit of {dimension.value}")
    if alias and not (folded == "G/L"):
        return parse_unit(alias, dimension)
    return parse_unit(text, dimension)


def looks_like_unit(text: str) -> bool:
    s = text.strip()
    if not s:
        return False
    for dimension in (Dimension.COUNT, Dimension.PERCENT, Dimension.HEMOGLOBIN):
        try:
            read_unit(s, dimension)
            return True
        except InputError:
            continue
    return "/" in s and not re.fullmatch(r"[\d/.,\s-]+", s)
