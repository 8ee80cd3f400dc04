"""The analytes LeukoTrack keeps: keys, names, LOINC codes and the dimension of their values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from leukotrack.domain.errors import UnknownAnalyteError


class Dimension(Enum):
    """What kind of number a value is; decides which units it may carry."""

    COUNT = "count"  # cells, canonical 10^9/L
    PERCENT = "percent"  # share of white cells, canonical %
    HEMOGLOBIN = "hemoglobin"  # canonical g/dL
    TEMPERATURE = "temperature"  # canonical °C


@dataclass(frozen=True, slots=True)
class Analyte:
    key: str
    name: str  # plain words, for people
    short: str  # column header, tile label
    dimension: Dimension
    loinc: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    noun: str = ""  # singular, for sentences: "a plausible white cell count"

    @property
    def canonical_unit(self) -> str:
        return CANONICAL_UNIT[self.dimension]


CANONICAL_UNIT: dict[Dimension, str] = {
    Dimension.COUNT: "10^9/L",
    Dimension.PERCENT: "%",
    Dimension.HEMOGLOBIN: "g/dL",
    Dimension.TEMPERATURE: "°C",
}

_C = Dimension.COUNT
_P = Dimension.PERCENT

ANALYTES: dict[str, Analyte] = {
    a.key: a
    for a in (
        Analyte(
            "wbc",
            "white blood cells",
            "WBC",
            _C,
            # CLINICAL.md; 12227-5, 33256-9 (corrected for nucleated red cells) and 49498-9
            # (estimate): VSAC value set "White Blood Cells Count Lab Test",
            # OID 2.16.840.1.113762.1.4.1045.129
            ("6690-2", "26464-8", "804-5", "12227-5", "33256-9", "49498-9"),
            ("white blood cells", "white cell count", "leukocytes", "leucocytes", "wcc", "leu"),
            noun="white cell count",
        ),
        Analyte(
            "anc",
            "neutrophils (absolute count)",
            "ANC",
            _C,
            ("751-8", "753-4", "26499-4", "768-2", "30451-9"),
            (
                "absolute neutrophil count",
                "neutrophils",
                "neutrophil count",
                "neut",
                "neut abs",
                "neutrophils abs",
                "agc",
                "segmented neutrophils",
                "neutrophils #",
            ),
            noun="neutrophil count",
        ),
        Analyte(
            "bands",
            "band neutrophils (absolute)",
            "Bands",
            _C,
            ("763-3", "26507-4"),
            ("band neutrophils", "band forms", "bands abs", "band"),
            noun="band neutrophil count",
        ),
        Analyte(
            "neutrophils_pct",
            "neutrophils (%)",
            "Neut %",
            _P,
            ("770-8", "23761-0", "26511-6", "769-0"),
            ("neutrophils %", "neut %", "neut%", "neutrophils percent", "segs %", "neutrophil %"),
            noun="neutrophil percentage",
        ),
        Analyte(
            "bands_pct",
            "band neutrophils (%)",
            "Bands %",
            _P,
            ("764-1", "26508-2", "35332-6"),
            ("bands %", "band %", "band neutrophils %"),
            noun="band neutrophil percentage",
        ),
        Analyte(
            "lymphocytes",
            "lymphocytes (absolute)",
            "Lymph",
            _C,
            ("731-0", "732-8", "26474-7"),
            ("lymphocytes", "lymph", "lymphs", "alc", "lymph abs", "lymphocytes #"),
            noun="lymphocyte count",
        ),
        Analyte(
            "lymphocytes_pct",
            "lymphocytes (%)",
            "Lymph %",
            _P,
            ("736-9", "737-7", "26478-8"),
            ("lymph %", "lymphocytes %", "lymph%"),
            noun="lymphocyte percentage",
        ),
        Analyte(
            "monocytes",
            "monocytes (absolute)",
            "Mono",
            _C,
            ("742-7", "743-5", "26484-6"),
            ("monocytes", "mono", "monos", "mono abs", "monocytes #"),
            noun="monocyte count",
        ),
        Analyte(
            "monocytes_pct",
            "monocytes (%)",
            "Mono %",
            _P,
            ("5905-5", "744-3", "26485-3"),
            ("mono %", "monocytes %", "mono%"),
            noun="monocyte percentage",
        ),
        Analyte(
            "eosinophils",
            "eosinophils (absolute)",
            "Eos",
            _C,
            ("711-2", "712-0", "26449-9"),
            ("eosinophils", "eos", "eos abs", "eosinophils #"),
            noun="eosinophil count",
        ),
        Analyte(
            "eosinophils_pct",
            "eosinophils (%)",
            "Eos %",
            _P,
            ("713-8", "714-6", "26450-7"),
            ("eos %", "eosinophils %", "eos%"),
            noun="eosinophil percentage",
        ),
        Analyte(
            "basophils",
            "basophils (absolute)",
            "Baso",
            _C,
            ("704-7", "705-4", "26444-0"),
            ("basophils", "baso", "basos", "baso abs", "basophils #"),
            noun="basophil count",
        ),
        Analyte(
            "basophils_pct",
            "basophils (%)",
            "Baso %",
            _P,
            ("706-2", "707-0", "30180-4"),
            ("baso %", "basophils %", "baso%"),
            noun="basophil percentage",
        ),
        Analyte(
            "hemoglobin",
            "hemoglobin",
            "Hb",
            Dimension.HEMOGLOBIN,
            # CLINICAL.md; 20509-6 (by calculation), 59260-0 (moles, mmol/L), 30350-3 (venous),
            # 30352-9 (capillary): VSAC value set "Hemoglobin lab test",
            # OID 2.16.840.1.113762.1.4.1248.219
            ("718-7", "20509-6", "59260-0", "30350-3", "30352-9"),
            ("hb", "hgb", "haemoglobin", "hemoglobin [mass/volume] in blood"),
            noun="hemoglobin level",
        ),
        Analyte(
            "platelets",
            "platelets",
            "PLT",
            _C,
            # CLINICAL.md; 778-1 (manual), 13056-7 and 26516-5 (in plasma), 97995-5 (optical):
            # VSAC value set "Platelet Count Lab Test", OID 2.16.840.1.113762.1.4.1045.127
            ("777-3", "26515-7", "778-1", "13056-7", "26516-5", "97995-5"),
            ("plt", "platelet count", "platelets", "thrombocytes", "plts"),
            noun="platelet count",
        ),
    )
}

TEMPERATURE_LOINC = "8310-5"
# Body temperature (CLINICAL.md) and oral temperature (8331-1, "Oral temperature" in the Synthea
# bundles of /work/shared/fixtures/fhir/synthea): both are read as temperature readings.
TEMPERATURE_LOINCS = frozenset({TEMPERATURE_LOINC, "8331-1"})
# Blood-count codes LeukoTrack does not track, named so that a summary can say what was left
# aside (and so that the names dictionary is never asked about them). 20570-8 and 30428-7,
# 30385-9: issue 12 and the Jordan Cruickshank Synthea bundle; the others: the other Synthea
# bundles in /work/shared/fixtures/fhir/synthea.
NOT_TRACKED_LOINC: dict[str, str] = {
    "20570-8": "Hematocrit",
    "4544-3": "Hematocrit",
    "789-8": "Red blood cells",
    "26453-1": "Red blood cells",
    "787-2": "MCV",
    "30428-7": "MCV",
    "785-6": "MCH",
    "786-4": "MCHC",
    "21000-5": "RDW",
    "30385-9": "RDW",
    "32207-3": "Platelet distribution width",
    "32623-1": "Mean platelet volume",
    "4548-4": "HbA1c",
}
CBC_PANEL_LOINC = "58410-2"
DIFFERENTIAL_PANEL_LOINC = "57023-4"

# LOINC long common names seen in portal exports, matched as column headers too.
_LOINC_NAMES: dict[str, str] = {
    "leukocytes [#/volume] in blood by automated count": "wbc",
    "leukocytes [#/volume] in blood": "wbc",
    "leukocytes [#/volume] in blood by manual count": "wbc",
    "neutrophils [#/volume] in blood by automated count": "anc",
    "neutrophils [#/volume] in blood": "anc",
    "neutrophils [#/volume] in blood by manual count": "anc",
    "neutrophils/100 leukocytes in blood by automated count": "neutrophils_pct",
    "neutrophils/100 leukocytes in blood": "neutrophils_pct",
    "lymphocytes [#/volume] in blood by automated count": "lymphocytes",
    "lymphocytes/100 leukocytes in blood by automated count": "lymphocytes_pct",
    "monocytes [#/volume] in blood by automated count": "monocytes",
    "monocytes/100 leukocytes in blood by automated count": "monocytes_pct",
    "eosinophils [#/volume] in blood by automated count": "eosinophils",
    "eosinophils/100 leukocytes in blood by automated count": "eosinophils_pct",
    "basophils [#/volume] in blood by automated count": "basophils",
    "basophils/100 leukocytes in blood by automated count": "basophils_pct",
    "hemoglobin [mass/volume] in blood": "hemoglobin",
    "platelets [#/volume] in blood by automated count": "platelets",
    "platelets [#/volume] in blood": "platelets",
}

_LOINC_INDEX: dict[str, str] = {code: a.key for a in ANALYTES.values() for code in a.loinc}


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower().replace("_", " "))


_NAME_INDEX: dict[str, str] = {}
for _a in ANALYTES.values():
    for _n in (_a.key, _a.key.replace("_pct", " %"), _a.short, _a.name, *_a.aliases):
        _NAME_INDEX.setdefault(_fold(_n), _a.key)
_NAME_INDEX.update(_LOINC_NAMES)


def analyte(key: str) -> Analyte:
    """The analyte with this exact key."""
    try:
        return ANALYTES[key]
    except KeyError:
        raise UnknownAnalyteError(_unknown_message(key)) from None


def by_loinc(code: str) -> Analyte | None:
    key = _LOINC_INDEX.get(code.strip())
    return ANALYTES[key] if key else None


def find(name: str) -> Analyte:
    """Match a key, abbreviation, common name or LOINC display name, ignoring case."""
    key = _NAME_INDEX.get(_fold(name))
    if key is None:
        key = _LOINC_INDEX.get(name.strip())
    if key is None:
        raise UnknownAnalyteError(_unknown_message(name))
    return ANALYTES[key]


def _unknown_message(name: str) -> str:
    return f"'{name}' is not an analyte LeukoTrack keeps; use one of: " + ", ".join(ANALYTES) + "."
