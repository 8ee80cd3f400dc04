"""Medicines known to lower white cells (CLINICAL.md), found by generic or brand name.

Matching ignores case, strength and form: a name is split into words ("10 ML oxaliplatin
5 MG/ML Injection" -> 10, ml, oxaliplatin, 5, mg, ml, injection) and a medicine matches when
every word of one of its names is among them ("valproic acid" needs both words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from leukotrack.domain.records import Medication, MedicationKind


@dataclass(frozen=True, slots=True)
class KnownMedicine:
    generic: str
    names: tuple[str, ...]  # other generic spellings and brand names
    group: str  # what kind of medicine, in plain words

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.generic, *self.names)


def _m(generic: str, group: str, *names: str) -> KnownMedicine:
    return KnownMedicine(generic, names, group)


_CHEMO = "chemotherapy"
_IMMUNO = "immunosuppressant"

KNOWN_MEDICINES: tuple[KnownMedicine, ...] = (
    _m(
        "clozapine",
        "antipsychotic",
        "Clozaril",
        "FazaClo",
        "Versacloz",
        "Denzapine",
        "Zaponex",
    ),
    _m(
        "valproate",
        "anti-epileptic",
        "sodium valproate",
        "valproic acid",
        "divalproex",
        "Depakote",
        "Depakene",
        "Depakine",
        "Epilim",
        "Epival",
        "Convulex",
        "Depacon",
    ),
    _m("lamotrigine", "anti-epileptic", "Lamictal"),
    _m("carbamazepine", "anti-epileptic", "Tegretol", "Carbatrol", "Epitol", "Equetro"),
    _m("sirolimus", _IMMUNO, "Rapamune"),
    _m(
        "mycophenolate mofetil",
        _IMMUNO,
        "mycophenolate",
        "mycophenolic acid",
        "CellCept",
        "Myfortic",
    ),
    _m("tacrolimus", _IMMUNO, "Prograf", "Advagraf", "Envarsus"),
    _m(
        "ciclosporin",
        _IMMUNO,
        "cyclosporine",
        "cyclosporin",
        "Neoral",
        "Sandimmun",
        "Sandimmune",
        "Gengraf",
    ),
    _m(
        "interferon",
        "interferon",
        "interferon beta",
        "interferon alfa",
        "peginterferon",
        "Avonex",
        "Rebif",
        "Betaseron",
        "Betaferon",
        "Extavia",
        "Plegridy",
        "Intron A",
        "Pegasys",
        "PegIntron",
    ),
    _m("bupropion", "antidepressant", "Wellbutrin", "Zyban", "Aplenzin"),
    _m("minocycline", "antibiotic", "Minocin", "Solodyn"),
    _m(
        "penicillin",
        "antibiotic (penicillin)",
        "benzylpenicillin",
        "phenoxymethylpenicillin",
        "amoxicillin",
        "amoxycillin",
        "ampicillin",
        "flucloxacillin",
        "dicloxacillin",
        "cloxacillin",
        "nafcillin",
        "oxacillin",
        "piperacillin",
        "Augmentin",
        "Amoxil",
    ),
    _m("methimazole", "antithyroid", "thiamazole", "Tapazole"),
    _m("carbimazole", "antithyroid", "Neo-Mercazole"),
    _m("propylthiouracil", "antithyroid", "PTU"),
    _m("sulfasalazine", "anti-inflammatory", "sulphasalazine", "Azulfidine", "Salazopyrin"),
    _m(
        "trimethoprim-sulfamethoxazole",
        "antibiotic",
        "co-trimoxazole",
        "cotrimoxazole",
        "sulfamethoxazole trimethoprim",
        "Bactrim",
        "Septra",
        "Septrin",
    ),
    _m("deferiprone", "iron chelator", "Ferriprox"),
    _m("azathioprine", _IMMUNO, "Imuran", "Azasan"),
    _m("methotrexate", _IMMUNO, "Trexall", "Otrexup", "Rasuvo", "Metoject", "Xatmep"),
    _m("oxaliplatin", _CHEMO, "Eloxatin"),
    _m("cisplatin", _CHEMO, "Platinol"),
    _m("carboplatin", _CHEMO, "Paraplatin"),
    _m("cyclophosphamide", _CHEMO, "Cytoxan", "Endoxan"),
    _m("doxorubicin", _CHEMO, "Adriamycin", "Doxil", "Caelyx"),
    _m("epirubicin", _CHEMO, "Ellence", "Pharmorubicin"),
    _m("paclitaxel", _CHEMO, "Taxol", "Abraxane"),
    _m("docetaxel", _CHEMO, "Taxotere"),
    _m("fluorouracil", _CHEMO, "5-fluorouracil", "5-FU", "Adrucil"),
    _m("capecitabine", _CHEMO, "Xeloda"),
    _m("gemcitabine", _CHEMO, "Gemzar"),
    _m("irinotecan", _CHEMO, "Camptosar", "Onivyde"),
    _m("etoposide", _CHEMO, "VePesid", "Etopophos"),
    _m("vincristine", _CHEMO, "Oncovin"),
    _m("vinorelbine", _CHEMO, "Navelbine"),
    _m("cytarabine", _CHEMO, "Ara-C", "Cytosar"),
    _m("temozolomide", _CHEMO, "Temodar", "Temodal"),
    _m("bendamustine", _CHEMO, "Treanda", "Bendeka", "Levact"),
)

CLOZAPINE = KNOWN_MEDICINES[0]


def name_words(text: str) -> tuple[str, ...]:
    """A medicine name as matching sees it: lower-case words, punctuation and spaces dropped."""
    return tuple(w for w in re.split(r"[^0-9a-z]+", text.casefold()) if w)


_words = name_words

_INDEX: tuple[tuple[frozenset[str], KnownMedicine], ...] = tuple(
    (frozenset(_words(name)), med) for med in KNOWN_MEDICINES for name in med.all_names
)


def match_medicine(name: str) -> KnownMedicine | None:
    """The known white-cell-lowering medicine `name` refers to, or None.

    When several names match, the one with the most words wins (so "interferon beta" is
    preferred over "interferon"; both are the same medicine here anyway).
    """
    words = set(_words(name))
    best: tuple[int, KnownMedicine] | None = None
    for need, med in _INDEX:
        if need and need <= words and (best is None or len(need) > best[0]):
            best = (len(need), med)
    return None if best is None else best[1]


def is_clozapine(name: str) -> bool:
    return match_medicine(name) is CLOZAPINE


def lowers_white_cells(med: Medication) -> bool:
    """A known medicine, or one the person marked as chemotherapy or an immunosuppressant.

    A growth factor (G-CSF) raises neutrophils: it is never one, whatever it is marked as.
    """
    from leukotrack.domain.growth_factors import is_growth_factor

    if is_growth_factor(med):
        return False
    if med.kind in (MedicationKind.CHEMOTHERAPY, MedicationKind.IMMUNOSUPPRESSANT):
        return True
    return match_medicine(med.name) is not None
