"""Test names as laboratories print them, in English (US, UK, Australia), German, French,
Spanish, Italian, Dutch and Portuguese, mapped to analyte keys.

A printed name is folded (case, accents and punctuation dropped), the words that only say how
or where it was measured are set aside ("in Blood by Automated count"), and the markers that
say absolute count (`#`, `Abs`, `absolut`, `count`) or percentage (`%`, `rel.`, `/100
leukocytes`) are noted. What is left must be a name from the tables below. Where the name
leaves count versus percentage open ("Neutrophils"), the printed unit decides.

Names that look close but are other measurements (immature granulocytes, NRBC, myelocytes,
atypical lymphocytes, reticulocytes, red cell values, hematocrit, HbA1c, a urine or fluid
count) come back with `never_map=True`: they are checked first, so a neutrophil name never
takes an immature-granulocyte value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from leukotrack.domain.analytes import ANALYTES, Dimension
from leukotrack.domain.errors import UnitError
from leukotrack.domain.units import parse_unit


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class NameMatch:
    """What a printed test name is: an analyte key, a name never to map, or unknown (None)."""

    analyte: str | None
    never_map: bool
    why: str


# family -> (count key, percentage key); None where that reading does not exist
_FAMILIES: dict[str, tuple[str | None, str | None]] = {
    "wbc": ("wbc", None),
    "neutrophils": ("anc", "neutrophils_pct"),
    "bands": ("bands", "bands_pct"),
    "lymphocytes": ("lymphocytes", "lymphocytes_pct"),
    "monocytes": ("monocytes", "monocytes_pct"),
    "eosinophils": ("eosinophils", "eosinophils_pct"),
    "basophils": ("basophils", "basophils_pct"),
    "platelets": ("platelets", None),
    "hemoglobin": ("hemoglobin", None),
}

# Printed names (folded) per family. "#" after a name: it means an absolute count by itself.
_NAMES: dict[str, str] = {
    "wbc": (
        "wbc|wbcs|wcc|wbc count|leu|leuk|leuko|leukos|leukocytes|leukocyte|leucocytes|leucocyte|"
        "white blood cells|white blood cell|white cells|white cell|white blood count|"
        "white count|tlc|leukozyten|leucocitos|leucociti|leukocyten|globules blancs|gb|"
        "globuli bianchi|globulos blancos|globulos brancos|witte bloedcellen|"
        "witte bloedlichaampjes"
    ),
    "neutrophils": (
        "anc#|agc#|neutrophils|neutrophil|neut|neuts|neu|ne|neutro|neutros|segs|seg|segmented|"
        "segmented neutrophils|segmented neutrophil|polys|poly|pmn|pmns|gran|grans|gra|"
        "granulocytes|granulocyte|granulozyten|granulocitos|granulociti|granulocyten|"
        "neutrophile|neutrophile granulozyten|segmentkernige|segmentkernige granulozyten|"
        "segmentkernige neutrophile|polynucleaires neutrophiles|polynucleaire neutrophile|"
        "neutrophiles|pnn|neutrofilos|neutrofilos segmentados|segmentados|neutrofili|"
        "granulociti neutrofili|neutrofili segmentati|neutrofielen|neutrofiele granulocyten|"
        "segmentkernige granulocyten|neutrofilos segmentados"
    ),
    "bands": (
        "bands|band|band neutrophils|band neutrophil|band forms|band form|"
        "band form neutrophils|stabs|stab|stabkernige|stabkernige granulozyten|"
        "stabkernige neutrophile|bastonetes|bastoes|cayados|neutrofilos en banda|"
        "neutrofili a banda|staafkernige|staafkernige granulocyten|"
        "polynucleaires neutrophiles non segmentes|non segmentes"
    ),
    "lymphocytes": (
        "alc#|lymphocytes|lymphocyte|lymph|lymphs|lym|ly|lympho|lymphos|lymphozyten|"
        "linfocitos|linfociti|lymfocyten|lymfo"
    ),
    "monocytes": (
        "amc#|monocytes|monocyte|mono|monos|mon|mo|monozyten|monocitos|monociti|monocyten"
    ),
    "eosinophils": (
        "aec#|eosinophils|eosinophil|eos|eo|eosino|eosinophile|eosinophiles|"
        "polynucleaires eosinophiles|pne|eosinofilos|eosinofili|eosinofielen|"
        "granulociti eosinofili|eosinophile granulozyten|eosinofiele granulocyten"
    ),
    "basophils": (
        "basophils|basophil|baso|basos|ba|basophile|basophiles|polynucleaires basophiles|pnb|"
        "basofilos|basofili|basofielen|granulociti basofili|basophile granulozyten|"
        "basofiele granulocyten"
    ),
    "platelets": (
        "plt|plts|platelet|platelets|platelet count|thrombocytes|thrombocyte|thrombozyten|"
        "thrombo|thr|plaquettes|plaquetas|piastrine|trombociti|trombocyten|bloedplaatjes|"
        "plaq|trombocitos|plaquette"
    ),
    "hemoglobin": (
        "hb|hgb|hbg|hemoglobin|haemoglobin|hamoglobin|hemoglobine|hemoglobina|emoglobina|"
        "haemoglobine"
    ),
}

_PERCENT = _words(
    "% pct percent percentage perc rel relative relativ relatif relative relativo relativa "
    "relativi relatief pourcentage porcentaje percentuale percentagem porcentagem procent "
    "prozent"
)
_ABSOLUTE = _words(
    "# abs absolute absolut absolu absolue absolus absolues absoluto absolutos absoluta "
    "absolutas assoluto assoluti assoluta absoluut count ct cnt aantal anzahl recuento conteo "
    "contagem conteggio nombre numero zahl"
)
_FILLER = _words(
    "in blood bld b wb whole by automated auto automatic manual man of the total totale totales "
    "totaal de des du di der die van do da dos das el la le les del im blut sang sangre sangue "
    "bloed volume mass moles calc calculated estimate diff differential ven venous cap "
    "capillary edta x10 10 9 3 l ul mcl nl mm3 e a en et y und and"
)
_METHOD = frozenset({"automated", "manual", "auto", "automatic", "estimate"})
_LEUKOCYTE_WORDS = _words(
    "leukocytes leucocytes wbc wbcs leukozyten leukocyten leucocitos leucociti"
)

# Checked first, in this order: (why, whole tokens, word stems found anywhere in the name).
_NEVER: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    (
        "a count in urine or another body fluid, not in blood",
        _words(
            "urine urin ur ua csf fluid liquor sediment pleural peritoneal ascites ascitic "
            "synovial stool feces bal lcr orina urina urines hpf"
        ),
        (),
    ),
    (
        "a platelet measurement other than the count",
        _words("mpv pdw ipf"),
        (
            "mean platelet",
            "plateletcrit",
            "thrombokrit",
            "plaquettocrite",
            "piastrinocrito",
            "volume plaquettaire",
            "thrombozytenvolumen",
            "volumen plaquetario",
            "volume piastrinico",
            "immature platelet",
            "platelet distribution",
            "volume plaquetario",
            "trombocytenvolume",
        ),
    ),
    (
        "immature granulocytes, which LeukoTrack does not track (never read as neutrophils)",
        _words("ig igs imm"),
        ("immatur", "unreif", "inmadur", "imatur", "onrijp", "immgran"),
    ),
    (
        "nucleated red cells (NRBC), which LeukoTrack does not track",
        _words("nrbc nrbcs nrc"),
        ("nucleated", "erythroblast", "erytroblast", "eritroblast", "normoblast", "kernhaltig"),
    ),
    (
        "myelocytes or other young white cells, which LeukoTrack does not track",
        _words("blasts blast"),
        ("myelo", "mielo", "blast"),
    ),
    (
        "atypical or reactive lymphocytes, which LeukoTrack does not track",
        frozenset({"variant"}),
        ("atypi", "atipi", "reactiv", "reaktiv", "reattiv", "virocyt"),
    ),
    (
        "reticulocytes, which LeukoTrack does not track",
        frozenset({"ret"}),
        ("retic", "retik", "reticol"),
    ),
    (
        "hematocrit, which LeukoTrack does not track",
        _words("hct ht hkt hk pcv"),
        ("matocr", "matokr", "packed cell"),
    ),
    (
        "HbA1c or another hemoglobin fraction, not the blood count's hemoglobin",
        _words("a1c hba1c hb1c hba2 hbf hbs cohb methb"),
        ("glyc", "glyk", "glic", "methem", "carboxy", "oxyh", "fetal"),
    ),
    (
        "a red cell value (RBC, RDW, MCV, MCH, MCHC), which LeukoTrack does not track",
        _words(
            "rbc rbcs ery erys red rouges rossi rojos vermelhos rode rdw rdwcv rdwsd evb idr ade "
            "mcv mch mchc vgm tcmh ccmh vcm hcm chcm mcv hbe hematies hemacias"
        ),
        (
            "erythrocyt",
            "erythrozyt",
            "erytrocyt",
            "eritrocit",
            "corpuscul",
            "globulaire",
            "korpuskul",
            "distribution width",
            "verteilungsbreite",
            "hematie",
            "hemacia",
        ),
    ),
)


def fold_name(printed: str) -> list[str]:
    """Lower case, no accents, punctuation as spaces; `#` and `%` kept as words of their own."""
    t = unicodedata.normalize("NFKD", printed)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower().replace("ß", "ss")
    t = re.sub(r"([#%])", r" \1 ", t)
    return re.sub(r"[^a-z0-9#% ]+", " ", t).split()


def match_test_name(printed: str, unit: str | None = None) -> NameMatch:
    """The analyte a printed test name stands for, with `unit` (as printed) deciding count
    versus percentage where the name leaves it open."""
    return _match(printed.strip(), (unit or "").strip())


_TEMPERATURE_NAMES = _words(
    "temperature temp korpertemperatur temperatur temperatura lichaamstemperatuur"
)
_TEMPERATURE_WHERE = _words("body oral corporal corporelle corporea")


@lru_cache(maxsize=1024)
def is_temperature_name(printed: str) -> bool:
    """A body temperature as a portal or a spreadsheet names it ("Temp", "Körpertemperatur")."""
    tokens = [t for t in fold_name(printed) if t not in _TEMPERATURE_WHERE]
    return " ".join(tokens) in _TEMPERATURE_NAMES or printed.strip() == "8310-5"


@lru_cache(maxsize=1024)
def names_a_tracked_test(printed: str) -> bool:
    """The name is one of ours once a unit says count or percentage ("Neutrophils" alone)."""
    return any(_match(printed.strip(), unit).analyte for unit in ("%", "10^9/L"))


@lru_cache(maxsize=2048)
def _match(printed: str, unit: str) -> NameMatch:
    tokens = fold_name(printed)
    if not tokens:
        return NameMatch(None, False, "the test name is empty.")
    never = _never(tokens)
    if never:
        return NameMatch(None, True, f"'{printed}' is {never}.")
    if re.search(r"(?i)[hl]pf\b", unit):  # cells per high- or low-power field: a urine count
        return NameMatch(
            None,
            True,
            f"'{printed} {unit}' is a count under the microscope "
            "(urine or another fluid), not a blood count.",
        )
    percent, absolute, rest = _markers(tokens)
    found = _cover(rest)
    if found is None:
        return NameMatch(None, False, f"'{printed}' is not a test name LeukoTrack knows.")
    family, fixed_count = found
    absolute = absolute or fixed_count
    return _decide(printed, unit, family, percent, absolute)


def _never(tokens: list[str]) -> str | None:
    joined = " ".join(tokens)
    squeezed = joined.replace(" ", "")
    if [t for t in tokens if t not in ("#", "%")] == ["pct"]:
        return "the plateletcrit (PCT), which LeukoTrack does not track"
    for why, words, stems in _NEVER:
        if words.intersection(tokens) or any(s in joined or s in squeezed for s in stems):
            return why
    return None


def _markers(tokens: list[str]) -> tuple[bool, bool, list[str]]:
    percent = absolute = False
    rest: list[str] = []
    for i, tok in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        if tok == "100" and i + 1 < len(tokens) and tokens[i + 1] in _LEUKOCYTE_WORDS:
            percent = True
        elif before == "100" and tok in _LEUKOCYTE_WORDS:
            continue
        elif tok in ("count", "ct", "cnt") and before in _METHOD:
            continue  # "by automated count": how, not what
        elif tok in _PERCENT:
            percent = True
        elif tok in _ABSOLUTE:
            absolute = True
        elif tok not in _FILLER:
            rest.append(tok)
    return percent, absolute, rest


def _table() -> tuple[dict[frozenset[str], tuple[str, bool]], list[frozenset[str]]]:
    index: dict[frozenset[str], tuple[str, bool]] = {}
    for family, names in _NAMES.items():
        for name in names.split("|"):
            fixed = name.endswith("#")
            core = frozenset(_markers(fold_name(name.rstrip("#")))[2])
            index[core] = (family, fixed)
    return index, sorted(index, key=len, reverse=True)


_INDEX, _BY_SIZE = _table()


def _cover(tokens: list[str]) -> tuple[str, bool] | None:
    """The one family every word belongs to: "Absolute Neutrophil Count (ANC)" is neutrophils."""
    left = set(tokens)
    families: set[str] = set()
    fixed = False
    if not left:
        return None
    while left:
        core = next((c for c in _BY_SIZE if c <= left), None)
        if core is None:
            return None
        family, is_fixed = _INDEX[core]
        families.add(family)
        fixed = fixed or is_fixed
        left -= core
    return (families.pop(), fixed) if len(families) == 1 else None


def _decide(printed: str, unit: str, family: str, percent: bool, absolute: bool) -> NameMatch:
    count_key, pct_key = _FAMILIES[family]
    unit_dim = _unit_dimension(unit)
    if percent and absolute:
        return NameMatch(None, False, f"'{printed}' says both count and percentage.")
    if percent and pct_key is None:
        return NameMatch(None, False, f"'{printed}' is a percentage LeukoTrack does not track.")
    if percent or absolute:
        key = pct_key if percent else count_key
    elif pct_key is None:
        key = count_key
    elif unit_dim is Dimension.PERCENT:
        key = pct_key
    elif unit_dim is Dimension.COUNT:
        key = count_key
    elif unit:
        return NameMatch(
            None,
            False,
            f"'{printed}' can be a count or a percentage, and its unit '{unit}' does not say "
            "which.",
        )
    else:
        return NameMatch(
            None,
            False,
            f"'{printed}' can be a count or a percentage; the unit decides, and none is given.",
        )
    assert key is not None
    a = ANALYTES[key]
    if unit_dim is not None and unit_dim is not a.dimension:
        return NameMatch(
            None,
            False,
            f"'{printed}' names {a.name}, but its unit '{unit}' is a unit of "
            f"{unit_dim.value}; the two disagree.",
        )
    return NameMatch(key, False, f"'{printed}' is {a.name}.")


def _unit_dimension(unit: str) -> Dimension | None:
    if not unit:
        return None
    try:
        return parse_unit(unit).dimension
    except UnitError:
        return None
