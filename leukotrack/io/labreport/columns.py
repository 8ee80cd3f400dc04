"""Step 3: column bands from a header line, in English, German and French; the report's language.

A header is a line with at least two cells that name columns, one of them a result column (or
a date, in a cumulative report). Each band starts a little left of its header's first letter and
runs to the next band: report columns are set flush left under their headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from leukotrack.io.labreport.lines import Line
from leukotrack.io.labreport.names import fold
from leukotrack.io.labreport.numbers import Language

Role = Literal["name", "result", "flag", "unit", "range", "previous", "date", "other"]

_HEADERS: dict[str, Role] = {}
for _role, _phrases in {
    "name": "test|tests|test name|analyte|component|components|untersuchung|analyse|analyses|"
    "examen|parameter|investigation|determination|bezeichnung|test description|description",
    "result": "result|results|your value|value|ergebnis|befund|resultat|resultats|wert|"
    "in range|out of range|current result|current|messwert|valeur",
    "flag": "flag|flags|abnormal flag|indicator|kennung|alert|status|h l",
    "unit": "units|unit|einheit|einheiten|unite|unites",
    "range": "reference interval|reference range|reference ranges|ref range|reference|"
    "normal range|standard range|referenzbereich|normbereich|referenzwerte|normalwerte|"
    "valeurs de reference|valeurs normales|references|normes|range|ref interval|"
    "reference values|intervalle de reference|bereich",
    "previous": "previous|previous result|prior|prior result|last result|last value|"
    "vorwert|vorwerte|vorbefund|anteriorite|anteriorites|resultat anterieur|precedent|"
    "resultats anterieurs|historique",
}.items():
    for _p in _phrases.split("|"):
        _HEADERS[_p] = cast(Role, _role)


_LONGEST_FIRST = sorted(_HEADERS, key=len, reverse=True)


@dataclass(frozen=True)
class Band:
    role: Role
    start: float  # x where the band begins
    header: str  # the header as printed
    special: str = ""  # "in" / "out" for in-range / out-of-range columns; the date for "date"


@dataclass(frozen=True)
class Columns:
    bands: tuple[Band, ...]
    line: Line  # the header line itself

    def band_at(self, x: float) -> Band:
        chosen = self.bands[0]
        for band in self.bands:
            if x >= band.start:
                chosen = band
        return chosen

    @property
    def dated(self) -> bool:
        return any(b.role == "date" for b in self.bands)


def header_role(text: str) -> Role | None:
    folded = fold(text)
    if folded in _HEADERS:
        return _HEADERS[folded]
    for phrase in _LONGEST_FIRST:  # "Previous (02/10/2026)"
        if folded.startswith(phrase + " ") and len(phrase) > 3:
            return _HEADERS[phrase]
    return None


def find_columns(line: Line, is_date: object) -> Columns | None:
    """The bands this line heads, or None when it is not a header.

    `is_date(text) -> bool` tells a date cell (the dates of a cumulative report's columns).
    """
    cells = line.cells()
    if len(cells) < 2:
        return None
    roles: list[tuple[Role, float, str, str]] = []
    for cell in cells:
        role = header_role(cell.text)
        special = ""
        if role is None and callable(is_date) and is_date(cell.text):
            role, special = "date", cell.text
        if role == "result":
            folded = fold(cell.text)
            special = "in" if folded == "in range" else "out" if folded == "out of range" else ""
        roles.append((role or "other", cell.x0, cell.text, special))
    named = [r for r in roles if r[0] != "other"]
    if len(named) < 2 or not any(r[0] in ("result", "date") for r in named):
        return None
    if len(named) < len(roles) - 1:  # a sentence that happens to hold two header words
        return None
    bands = [Band("name", 0.0, roles[0][2])] if roles[0][0] != "name" else []
    slack = 0.6 * (line.bottom - line.top)
    for role, x0, text, special in roles:
        start = 0.0 if not bands else x0 - slack
        bands.append(Band(role, start, text, special))
    return Columns(tuple(bands), line)


_GERMAN = (
    "ergebnis",
    "einheit",
    "referenzbereich",
    "leukozyten",
    "entnahme",
    "befund",
    "labor ",
    "thrombozyten",
    "normbereich",
    "vorwert",
    "hamoglobin",
    "untersuchung",
)
_FRENCH = (
    "resultat",
    "unites",
    "valeurs de reference",
    "leucocytes",
    "prelevement",
    "laboratoire",
    "plaquettes",
    "hemoglobine",
    "anteriorite",
    "polynucleaires",
)
_BRITISH = ("haemoglobin", "full blood count", "10*9/l", "fbc", "haematology", "nhs")


def detect_language(lines: Sequence[Line]) -> Language:
    text = " ".join(fold(line.text) + " " + line.text.lower() for line in lines)
    scores = {
        "de": sum(word in text for word in _GERMAN),
        "fr": sum(word in text for word in _FRENCH),
        "en-GB": sum(word in text for word in _BRITISH),
    }
    best = max(scores, key=lambda k: scores[k])
    if scores[best] >= 2 or (best == "en-GB" and scores[best] >= 1):
        return best  # type: ignore[return-value]
    return "en-US"
