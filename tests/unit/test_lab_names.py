"""Printed test names in the languages of issue 12, the names never to map, and the unit
deciding count versus percentage."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.lab_names import NameMatch, is_temperature_name, match_test_name

NEVER = "never"

# (printed name, printed unit or None, analyte key / None / NEVER)
NAMES: list[tuple[str, str | None, str | None]] = [
    # -- English: US --
    ("WBC", "K/uL", "wbc"),
    ("WBC", None, "wbc"),
    ("White Blood Cell Count", "x10E3/uL", "wbc"),
    ("White Blood Cells", "Thousand/uL", "wbc"),
    ("ANC", "cells/uL", "anc"),
    ("Absolute Neutrophil Count", None, "anc"),
    ("Absolute Neutrophil Count (ANC)", "K/mcL", "anc"),
    ("Neutrophils, Absolute", "x10E3/uL", "anc"),
    ("Neutrophils Absolute", "K/uL", "anc"),
    ("Neut Abs", "K/uL", "anc"),
    ("NEUT#", "10^3/uL", "anc"),
    ("NE#", "K/uL", "anc"),
    ("NEU#", None, "anc"),
    ("Neutrophils", "%", "neutrophils_pct"),
    ("Neutrophils", "K/uL", "anc"),
    ("Neutrophils", None, None),  # count or percentage: the unit decides, and none is given
    ("NEUT%", "%", "neutrophils_pct"),
    ("Neutrophil %", None, "neutrophils_pct"),
    ("Segs", "%", "neutrophils_pct"),
    ("Segmented Neutrophils", "%", "neutrophils_pct"),
    ("Polys", "%", "neutrophils_pct"),
    ("PMN", "%", "neutrophils_pct"),
    ("Gran", "10^9/L", "anc"),
    ("GRAN#", None, "anc"),
    ("AGC", None, "anc"),
    ("Bands", "%", "bands_pct"),
    ("Band Neutrophils", "%", "bands_pct"),
    ("Bands, Absolute", "K/uL", "bands"),
    ("LYMPH#", "K/uL", "lymphocytes"),
    ("LY#", "10^3/uL", "lymphocytes"),
    ("Lymphs", "%", "lymphocytes_pct"),
    ("Lymphocytes, Absolute", "x10E3/uL", "lymphocytes"),
    ("ALC", None, "lymphocytes"),
    ("Absolute Lymphocyte Count", None, "lymphocytes"),
    ("MONO#", "K/uL", "monocytes"),
    ("MO#", None, "monocytes"),
    ("Monos", "%", "monocytes_pct"),
    ("Monocytes(Absolute)", "x10E3/uL", "monocytes"),
    ("EOS#", "K/uL", "eosinophils"),
    ("EO#", None, "eosinophils"),
    ("Eos", "%", "eosinophils_pct"),
    ("Eosinophils (Absolute)", "x10E3/uL", "eosinophils"),
    ("BASO#", "K/uL", "basophils"),
    ("BA#", None, "basophils"),
    ("Basos", "%", "basophils_pct"),
    ("Baso (Absolute)", "x10E3/uL", "basophils"),
    ("HGB", "g/dL", "hemoglobin"),
    ("Hemoglobin", "g/dL", "hemoglobin"),
    ("Hgb", None, "hemoglobin"),
    ("PLT", "K/uL", "platelets"),
    ("Platelets", "x10E3/uL", "platelets"),
    ("Platelet Count", "Thousand/uL", "platelets"),
    ("Plt Ct", None, "platelets"),
    # -- LOINC long names as portals send them --
    ("Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", "wbc"),
    ("Neutrophils [#/volume] in Blood by Automated count", "10*3/uL", "anc"),
    ("Neutrophils [#/volume] in Blood by Manual count", None, "anc"),
    ("Neutrophils/100 leukocytes in Blood by Automated count", "%", "neutrophils_pct"),
    ("Lymphocytes [#/volume] in Blood by Automated count", "10*3/uL", "lymphocytes"),
    ("Hemoglobin [Mass/volume] in Blood", "g/dL", "hemoglobin"),
    ("Platelets [#/volume] in Blood by Automated count", "10*3/uL", "platelets"),
    # -- English: UK and Australia --
    ("WCC", "x10^9/L", "wbc"),
    ("White cell count", "x10^9/L", "wbc"),
    ("Haemoglobin", "g/L", "hemoglobin"),
    ("Hb", "g/L", "hemoglobin"),
    ("Neutrophils", "x10^9/L", "anc"),
    ("Lymphocytes", "x10^9/L", "lymphocytes"),
    ("Monocytes", "x10^9/L", "monocytes"),
    ("Eosinophils", "x10^9/L", "eosinophils"),
    ("Basophils", "x10^9/L", "basophils"),
    ("Platelet count", "x10^9/L", "platelets"),
    # -- German --
    ("Leukozyten", "/nl", "wbc"),
    ("LEU", "G/l", "wbc"),
    ("Leuko", "Tsd/µl", "wbc"),
    ("Neutrophile", "%", "neutrophils_pct"),
    ("Neutrophile Granulozyten", "/nl", "anc"),
    ("Neutrophile abs.", "G/l", "anc"),
    ("Neutrophile absolut", None, "anc"),
    ("Neutrophile rel.", None, "neutrophils_pct"),
    ("Segmentkernige", "%", "neutrophils_pct"),
    ("Stabkernige", "%", "bands_pct"),
    ("Lymphozyten", "%", "lymphocytes_pct"),
    ("Lymphozyten abs.", "/nl", "lymphocytes"),
    ("Monozyten", "%", "monocytes_pct"),
    ("Eosinophile", "%", "eosinophils_pct"),
    ("Basophile", "Gpt/l", "basophils"),
    ("Hämoglobin", "g/dl", "hemoglobin"),
    ("Thrombozyten", "/nl", "platelets"),
    # -- French --
    ("Leucocytes", "G/L", "wbc"),
    ("Globules blancs", "G/L", "wbc"),
    ("Polynucléaires neutrophiles", "G/L", "anc"),
    ("Polynucléaires neutrophiles", "%", "neutrophils_pct"),
    ("PNN", "G/L", "anc"),
    ("Neutrophiles", "giga/L", "anc"),
    ("Lymphocytes", "G/L", "lymphocytes"),
    ("Monocytes", "%", "monocytes_pct"),
    ("Polynucléaires éosinophiles", "G/L", "eosinophils"),
    ("Polynucléaires basophiles", "%", "basophils_pct"),
    ("Hémoglobine", "g/dL", "hemoglobin"),
    ("Plaquettes", "G/L", "platelets"),
    # -- Spanish --
    ("Leucocitos", "10^3/µL", "wbc"),
    ("Recuento de leucocitos", "x10^9/L", "wbc"),
    ("Neutrófilos", "%", "neutrophils_pct"),
    ("Neutrófilos absolutos", "10^3/µL", "anc"),
    ("Neutrófilos segmentados", "%", "neutrophils_pct"),
    ("Cayados", "%", "bands_pct"),
    ("Linfocitos", "%", "lymphocytes_pct"),
    ("Monocitos", "10^3/µL", "monocytes"),
    ("Eosinófilos", "%", "eosinophils_pct"),
    ("Basófilos", "%", "basophils_pct"),
    ("Hemoglobina", "g/dL", "hemoglobin"),
    ("Plaquetas", "10^3/µL", "platelets"),
    ("Glóbulos blancos", "mil/mm³", "wbc"),
    # -- Italian --
    ("Globuli bianchi", "10^3/µL", "wbc"),
    ("Leucociti", "10^9/L", "wbc"),
    ("Neutrofili", "%", "neutrophils_pct"),
    ("Neutrofili #", "10^3/µL", "anc"),
    ("Granulociti neutrofili", "10^3/µL", "anc"),
    ("Linfociti", "%", "lymphocytes_pct"),
    ("Monociti", "%", "monocytes_pct"),
    ("Eosinofili", "%", "eosinophils_pct"),
    ("Basofili", "%", "basophils_pct"),
    ("Emoglobina", "g/dL", "hemoglobin"),
    ("Piastrine", "10^3/µL", "platelets"),
    # -- Dutch --
    ("Leukocyten", "10^9/L", "wbc"),
    ("Neutrofielen", "10^9/L", "anc"),
    ("Neutrofiele granulocyten", "%", "neutrophils_pct"),
    ("Lymfocyten", "10^9/L", "lymphocytes"),
    ("Monocyten", "%", "monocytes_pct"),
    ("Eosinofielen", "10^9/L", "eosinophils"),
    ("Basofielen", "%", "basophils_pct"),
    ("Hemoglobine", "mmol/L", "hemoglobin"),
    ("Trombocyten", "10^9/L", "platelets"),
    ("Staafkernige", "%", "bands_pct"),
    # -- Portuguese (Brazil and Portugal) --
    ("Leucócitos", "/mm³", "wbc"),
    ("Neutrófilos", "/mm³", "anc"),
    ("Segmentados", "%", "neutrophils_pct"),
    ("Bastonetes", "%", "bands_pct"),
    ("Linfócitos", "/mm³", "lymphocytes"),
    ("Monócitos", "%", "monocytes_pct"),
    ("Eosinófilos", "/mm³", "eosinophils"),
    ("Basófilos", "%", "basophils_pct"),
    ("Hemoglobina", "g/dL", "hemoglobin"),
    ("Plaquetas", "mil/mm³", "platelets"),
    # -- never mapped: close-looking names of other measurements --
    ("IG", "%", NEVER),
    ("IG#", "K/uL", NEVER),
    ("IG%", "%", NEVER),
    ("Immature Granulocytes", "%", NEVER),
    ("Immature Gran (Abs)", "x10E3/uL", NEVER),
    ("Imm Gran #", None, NEVER),
    ("Neutrophils, immature", "%", NEVER),
    ("Unreife Granulozyten", "%", NEVER),
    ("Granulocytes immatures", "G/L", NEVER),
    ("Granulocitos inmaduros", "%", NEVER),
    ("Granulociti immaturi", "%", NEVER),
    ("Onrijpe granulocyten", "%", NEVER),
    ("NRBC", "/100 WBC", NEVER),
    ("Nucleated RBC", "K/uL", NEVER),
    ("Erythroblasten", "/100 Leukozyten", NEVER),
    ("Érythroblastes", "G/L", NEVER),
    ("Metamyelocytes", "%", NEVER),
    ("Myelocytes", "%", NEVER),
    ("Metamielocitos", "%", NEVER),
    ("Metamyelozyten", "%", NEVER),
    ("Promyelocytes", "%", NEVER),
    ("Blasts", "%", NEVER),
    ("Atypical Lymphocytes", "%", NEVER),
    ("Reactive Lymphs", "%", NEVER),
    ("Variant Lymphocytes", "%", NEVER),
    ("Lymphocytes atypiques", "%", NEVER),
    ("Reticulocytes", "%", NEVER),
    ("Retic Count, Absolute", "x10E6/uL", NEVER),
    ("Retikulozyten", "‰", NEVER),
    ("RBC", "M/uL", NEVER),
    ("Red Blood Cell Count", "x10E6/uL", NEVER),
    ("Erythrozyten", "/pl", NEVER),
    ("Hématies", "T/L", NEVER),
    ("Globuli rossi", "10^6/µL", NEVER),
    ("Hemácias", "milhões/mm³", NEVER),
    ("RDW", "%", NEVER),
    ("RDW-CV", "%", NEVER),
    ("MCV", "fL", NEVER),
    ("VGM", "fL", NEVER),
    ("MCH", "pg", NEVER),
    ("MCHC", "g/dL", NEVER),
    ("Mean Corpuscular Hemoglobin", "pg", NEVER),
    ("Hematocrit", "%", NEVER),
    ("Haematocrit", "L/L", NEVER),
    ("HCT", "%", NEVER),
    ("Hämatokrit", "%", NEVER),
    ("Hématocrite", "%", NEVER),
    ("Ematocrito", "%", NEVER),
    ("Hemoglobin A1c", "%", NEVER),
    ("HbA1c", "mmol/mol", NEVER),
    ("MPV", "fL", NEVER),
    ("Mean Platelet Volume", "fL", NEVER),
    ("PCT", "%", NEVER),
    ("WBC, Urine", "/[HPF]", NEVER),
    ("Leukocytes [#/area] in Urine sediment", "/[HPF]", NEVER),
    ("WBC, CSF", "/uL", NEVER),
    ("WBC", "/[HPF]", NEVER),  # a urinalysis line with no specimen in its name
    ("RBC", "/hpf", NEVER),
    # -- unknown: not a name LeukoTrack keeps --
    ("Sodium", "mmol/L", None),
    ("Neutrophil/Lymphocyte ratio", None, None),
    ("Glucose", "mg/dL", None),
    # -- the unit and the name disagree --
    ("Neutrophils, Absolute", "%", None),
    ("NEUT%", "K/uL", None),
    ("WBC", "%", None),
    ("Hemoglobin", "K/uL", None),
]


@pytest.mark.parametrize(("printed", "unit", "expected"), NAMES)
def test_printed_names(printed: str, unit: str | None, expected: str | None) -> None:
    m = match_test_name(printed, unit)
    if expected == NEVER:
        assert m == NameMatch(None, True, m.why)
        assert m.why
    else:
        assert m.analyte == expected, m.why
        assert not m.never_map
        if expected is None:
            assert m.why  # says why it is not mapped


def test_table_has_at_least_120_names() -> None:
    assert len({(n, u) for n, u, _ in NAMES}) >= 120


def test_an_immature_granulocyte_name_never_takes_the_neutrophil_key() -> None:
    for printed in ("Neutrophils immature", "IG Neutrophils", "Immature neutrophils #"):
        m = match_test_name(printed, "K/uL")
        assert m.never_map and m.analyte is None


def test_why_explains_an_open_name() -> None:
    m = match_test_name("Neutrophils")
    assert "unit decides" in m.why
    assert "does not say" in match_test_name("Neutrophils", "K").why


# Every name the app itself prints (short labels, plain names) maps back to its analyte.
@pytest.mark.parametrize("key", sorted(ANALYTES))
def test_our_own_labels_map_back(key: str) -> None:
    a = ANALYTES[key]
    unit = "%" if key.endswith("_pct") else {"hemoglobin": "g/dL"}.get(key, "×10⁹/L")
    assert match_test_name(a.short, unit).analyte == key
    assert match_test_name(a.name, unit).analyte == key


@given(st.text(max_size=40), st.one_of(st.none(), st.text(max_size=12)))
def test_any_text_gives_a_match_or_a_reason(printed: str, unit: str | None) -> None:
    m = match_test_name(printed, unit)
    if m.analyte is None:
        assert m.why
    else:
        assert m.analyte in ANALYTES and not m.never_map
    assert not (m.never_map and m.analyte is not None)


NEVER_BY_NAME = [n for n, u, e in NAMES if e == NEVER and "pf" not in (u or "").lower()]


@given(st.sampled_from(NEVER_BY_NAME), st.sampled_from(["", " #", " %"]))
def test_never_names_stay_never_with_any_marker(printed: str, marker: str) -> None:
    assert match_test_name(printed + marker, "K/uL").never_map


@pytest.mark.parametrize(
    ("printed", "is_temperature"),
    [
        ("Temperature", True),
        ("Temp", True),
        ("Body temperature", True),
        ("Oral Temperature", True),
        ("Körpertemperatur", True),
        ("Température corporelle", True),
        ("Temperatura corporal", True),
        ("Lichaamstemperatuur", True),
        ("8310-5", True),
        ("Temperature of specimen", False),
        ("WBC", False),
    ],
)
def test_temperature_names(printed: str, is_temperature: bool) -> None:
    assert is_temperature_name(printed) is is_temperature


def test_the_dictionary_is_consistent() -> None:
    """No two families share a name, no name is empty once its markers are set aside, and no
    name of ours is caught by a never-map rule."""
    from leukotrack.domain import lab_names

    seen: dict[frozenset[str], str] = {}
    for family, names in lab_names._NAMES.items():
        for name in names.split("|"):
            tokens = lab_names.fold_name(name.rstrip("#"))
            core = frozenset(lab_names._markers(tokens)[2])
            assert core, name
            assert seen.setdefault(core, family) == family, name
            assert lab_names._never(tokens) is None, name
