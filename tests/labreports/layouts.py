"""Fictional lab reports in the layouts real reports use, each with its expected reading beside it.

Every person, lab and number here is made up. `EXPECTED[name]` is what reading the report must
give: per draw its collection moment (ISO, date only when the report prints no time), the lab,
and {analyte: (value, comparator, ref_low, ref_high)} in canonical units; the names of the lines
that must come back as "not read"; and the rows that must need a look. Run this module to write
every PDF and its expected JSON into a folder: `python -m tests.labreports.layouts OUT`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.labreports.sheet import Sheet

Expected = dict[str, Any]
PATIENT = [(40, "Patient: Alex Sample (fictional)"), (300, "DOB: 04/12/1988")]
IDS = [(40, "MRN: 00482913"), (300, "Phone: (555) 010-4477")]


def us_previous(s: Sheet) -> None:
    """US columns with a flag column and a previous-result column."""
    s.page().text(40, 50, "Riverbend Clinical Laboratory", 14, bold=True)
    s.row(70, PATIENT)
    s.row(84, IDS)
    s.row(98, [(40, "Collected: 03/04/2026 08:15"), (300, "Reported: 03/05/2026 16:02")])
    s.text(40, 124, "CBC With Differential/Platelet", 11, bold=True)
    xs = [40, 220, 280, 320, 410, 510]
    rows = [
        ["WBC", "3.1", "L", "x10E3/uL", "4.0-11.0", "4.2"],
        ["RBC", "4.51", "", "x10E6/uL", "4.14-5.80", "4.60"],
        ["Hemoglobin", "13.2", "", "g/dL", "13.0-17.7", "13.6"],
        ["Hematocrit", "39.8", "", "%", "37.5-51.0", "40.1"],
        ["Platelets", "212", "", "x10E3/uL", "150-450", "230"],
        ["Neutrophils", "38", "", "%", "Not Estab.", "45"],
        ["Lymphs", "45", "", "%", "Not Estab.", "40"],
        ["Monocytes", "12", "", "%", "Not Estab.", "10"],
        ["Eos", "4", "", "%", "Not Estab.", "4"],
        ["Basos", "1", "", "%", "Not Estab.", "1"],
        ["Neutrophils (Absolute)", "1.2", "L", "x10E3/uL", "1.4-7.0", "1.9"],
        ["Lymphs (Absolute)", "1.4", "", "x10E3/uL", "0.7-3.1", "1.7"],
        ["Monocytes(Absolute)", "0.4", "", "x10E3/uL", "0.1-0.9", "0.5"],
        ["Eos (Absolute)", "0.1", "", "x10E3/uL", "0.0-0.4", "0.2"],
        ["Baso (Absolute)", "0.0", "", "x10E3/uL", "0.0-0.2", "0.1"],
        ["Immature Granulocytes", "0", "", "%", "Not Estab.", "0"],
    ]
    header = ["Test", "Result", "Flag", "Units", "Reference Interval", "Previous (02/10/2026)"]
    s.table(144, xs, header, rows)
    s.row(760, [(40, "Page 1 of 1"), (300, "Lab director: Dr. R. Fictional, MD  Tel 555-010-9000")])


def in_out_of_range(s: Sheet) -> None:
    """In-range and out-of-range columns; counts per microlitre with thousands separators."""
    s.page().text(40, 50, "Cedar Valley Diagnostics", 14, bold=True)
    s.row(70, PATIENT)
    s.row(84, [(40, "Date Collected: 03/09/2026 07:50"), (300, "Account: 7734-2201")])
    xs = [40, 220, 290, 380, 460]
    rows = [
        ["WBC", "", "3,100 L", "cells/uL", "4,500-11,000"],
        ["Hemoglobin", "12.9", "", "g/dL", "12.0-15.5"],
        ["Platelet Count", "165", "", "x10^3/uL", "150-400"],
        ["ANC", "", "1,150 L", "cells/uL", "1,800-7,700"],
        ["Lymphocytes", "1,400", "", "cells/uL", "1,000-4,800"],
        ["Monocytes", "410", "", "cells/uL", "200-950"],
    ]
    s.table(120, xs, ["TESTS", "IN RANGE", "OUT OF RANGE", "UNITS", "REFERENCE RANGE"], rows)
    s.row(760, [(40, "Page 1 of 1")])


def portal_blocks(s: Sheet) -> None:
    """A patient portal's component blocks: name, normal-range line, a gauge, the value."""
    s.page().text(40, 50, "Complete Blood Count with Differential - Final result", 13, bold=True)
    s.text(40, 70, "Collected on Mar 4, 2026 9:40 AM")
    s.text(40, 84, "Performing lab: Lakeside Medical Center Laboratory")
    blocks = [
        ("WBC", "4.0 - 10.5 K/uL", "4.0", "10.5", "3.1 K/uL", "Low"),
        ("Hemoglobin", "12.0 - 16.0 g/dL", "12.0", "16.0", "12.1 g/dL", ""),
        ("Platelets", "150 - 400 K/uL", "150", "400", "180 K/uL", ""),
        ("Neutrophils %", "40.0 - 75.0 %", "40.0", "75.0", "35.0 %", "Low"),
        ("Absolute Neutrophils", "1.80 - 7.70 K/uL", "1.80", "7.70", "1.09 K/uL", "Low"),
        ("Lymphocytes Absolute", "1.00 - 4.80 K/uL", "1.00", "4.80", "1.50 K/uL", ""),
    ]
    y = 116.0
    for name, normal, low, high, value, flag in blocks:
        s.text(40, y, name, 11, bold=True)
        s.text(40, y + 15, f"Normal range: {normal}")
        s.text(60, y + 32, low, 7)
        s.bar(80, 280, y + 31)
        s.text(290, y + 32, high, 7)
        s.row(y + 48, [(40, "Value"), (110, value), (200, flag)])
        y += 72
    s.row(760, [(40, "MyChart-like portal printout, page 1 of 1")])


def cumulative(s: Sheet) -> None:
    """A cumulative table: one column per collection date, without times."""
    s.page().text(40, 50, "Northfield Hospital Laboratory", 14, bold=True)
    s.text(40, 66, "Cumulative report: Hematology")
    s.row(82, PATIENT)
    xs = [40, 200, 270, 340, 410, 480]
    rows = [
        ["WBC", "2.8 L", "3.4 L", "4.6", "x10^9/L", "4.0-11.0"],
        ["ANC", "0.9 L", "1.3 L", "2.4", "x10^9/L", "1.5-8.0"],
        ["Hemoglobin", "11.8 L", "12.2", "12.6", "g/dL", "12.0-15.5"],
        ["Platelets", "140 L", "168", "201", "x10^9/L", "150-400"],
        ["Lymphocytes", "1.1", "1.2", "1.4", "x10^9/L", "1.0-4.8"],
    ]
    header = ["Test", "02/03/2026", "02/10/2026", "02/17/2026", "Units", "Ref Range"]
    s.table(110, xs, header, rows)
    s.row(760, [(40, "Page 1 of 1"), (300, "Printed 02/18/2026 10:14")])


def uk(s: Sheet) -> None:
    """UK: 10*9/L, haemoglobin in g/L, day-first dates, ranges in brackets."""
    s.page().text(40, 50, "St Elsewhere NHS Trust - Haematology", 14, bold=True)
    s.row(70, [(40, "Patient: Alex Sample (fictional)"), (300, "NHS No: 943 476 5919")])
    s.row(84, [(40, "Sample collected: 04/03/2026 10:20"), (300, "Received: 04/03/2026 11:02")])
    s.text(40, 108, "Full Blood Count", 11, bold=True)
    xs = [40, 220, 290, 380]
    rows = [
        ["Haemoglobin", "118 L", "g/L", "(130-180)"],
        ["White cell count", "3.2 L", "10*9/L", "(4.0-11.0)"],
        ["Platelet count", "160", "10*9/L", "(150-400)"],
        ["Neutrophils", "1.1 L", "10*9/L", "(2.0-7.5)"],
        ["Lymphocytes", "1.5", "10*9/L", "(1.5-4.0)"],
        ["Monocytes", "0.4", "10*9/L", "(0.2-1.0)"],
        ["Eosinophils", "0.1", "10*9/L", "(0.0-0.4)"],
        ["Basophils", "0.02", "10*9/L", "(0.00-0.10)"],
    ]
    s.table(128, xs, ["Test", "Result", "Units", "Reference range"], rows)
    s.row(760, [(40, "Page 1 of 1")])


def german(s: Sheet) -> None:
    """German: decimal commas, /nl, a Vorwert (previous) column."""
    s.page().text(40, 50, "Labor Dr. Beispiel", 14, bold=True)
    s.row(70, [(40, "Patient: Alex Muster (fiktiv)"), (300, "Geb.: 12.04.1988")])
    s.row(84, [(40, "Entnahme: 04.03.2026 07:45"), (300, "Eingang: 04.03.2026 09:10")])
    s.text(40, 108, "Blutbild", 11, bold=True)
    xs = [40, 200, 270, 340, 450]
    rows = [
        ["Leukozyten", "3,1", "/nl", "4,0 - 10,0", "3,9"],
        ["Hämoglobin", "12,9", "g/dl", "12,0 - 16,0", "13,1"],
        ["Thrombozyten", "187", "/nl", "150 - 400", "201"],
        ["Neutrophile", "1,4", "/nl", "1,8 - 7,7", "2,0"],
        ["Neutrophile %", "45,2", "%", "40 - 75", "51,0"],
        ["Lymphozyten", "1,2", "/nl", "1,0 - 4,8", "1,3"],
        ["Lymphozyten %", "38,7", "%", "20 - 45", "33,0"],
        ["Monozyten %", "11,0", "%", "2 - 12", "10,0"],
        ["Eosinophile %", "4,1", "%", "1 - 5", "4,0"],
        ["Basophile %", "1,0", "%", "0 - 1", "2,0"],
    ]
    s.table(128, xs, ["Untersuchung", "Ergebnis", "Einheit", "Referenzbereich", "Vorwert"], rows)
    s.row(760, [(40, "Seite 1 von 1"), (300, "Tel. 030 1234567")])


def french(s: Sheet) -> None:
    """French: G/L, decimal commas, an Antériorité (previous) column."""
    s.page().text(40, 50, "Laboratoire de biologie médicale Exemple", 14, bold=True)
    s.row(70, [(40, "Patient : Alex Exemple (fictif)"), (300, "Né le 12/04/1988")])
    s.text(40, 84, "Prélèvement du 04/03/2026 à 08h30")
    s.text(40, 108, "HÉMATOLOGIE - Numération formule sanguine", 11, bold=True)
    xs = [40, 230, 300, 370, 480]
    rows = [
        ["Leucocytes", "3,10", "G/L", "(4,00 - 10,00)", "3,80"],
        ["Hémoglobine", "12,4", "g/dL", "(12,0 - 16,0)", "12,8"],
        ["Plaquettes", "172", "G/L", "(150 - 400)", "190"],
        ["Polynucléaires neutrophiles", "1,30", "G/L", "(1,80 - 7,50)", "1,90"],
        ["Lymphocytes", "1,40", "G/L", "(1,00 - 4,00)", "1,50"],
        ["Monocytes", "0,31", "G/L", "(0,20 - 1,00)", "0,40"],
        ["Polynucléaires éosinophiles", "0,06", "G/L", "(0,00 - 0,50)", "0,10"],
        ["Polynucléaires basophiles", "0,03", "G/L", "(0,00 - 0,20)", "0,02"],
    ]
    header = ["Analyse", "Résultat", "Unités", "Valeurs de référence", "Antériorité"]
    s.table(128, xs, header, rows)
    s.row(760, [(40, "Page 1/1"), (300, "Tél. 01 23 45 67 89")])


def two_pages(s: Sheet) -> None:
    """A report that runs over two pages, the header repeated on the second."""
    xs = [40, 230, 290, 340, 430]
    header = ["Test", "Result", "Flag", "Units", "Reference Range"]
    s.page().text(40, 50, "Summit Regional Laboratory", 14, bold=True)
    s.row(70, PATIENT)
    s.row(84, [(40, "Collection Date: 03/18/2026 11:05"), (300, "Ordered by: Dr. P. Example")])
    rows1 = [
        ["WBC", "2.4", "L", "x10^3/uL", "4.5-11.0"],
        ["Hemoglobin", "10.9", "L", "g/dL", "12.0-15.5"],
        ["Platelets", "98", "L", "x10^3/uL", "150-450"],
    ]
    s.table(112, xs, header, rows1)
    s.row(760, [(40, "Page 1 of 2")])
    s.page().text(40, 50, "Summit Regional Laboratory (continued)", 12, bold=True)
    rows2 = [
        ["Neutrophils %", "20.5", "L", "%", "40.0-75.0"],
        ["Bands %", "2.0", "", "%", "0.0-5.0"],
        ["Lymphocytes %", "62.0", "H", "%", "20.0-45.0"],
        ["Monocytes %", "12.5", "H", "%", "2.0-10.0"],
        ["Eosinophils %", "2.5", "", "%", "1.0-6.0"],
        ["Basophils %", "0.5", "", "%", "0.0-2.0"],
        ["Absolute Neutrophils", "0.54", "L", "x10^3/uL", "1.80-7.70"],
    ]
    s.table(80, xs, header, rows2)
    s.row(760, [(40, "Page 2 of 2")])


def percentages_only(s: Sheet) -> None:
    """No column headers at all, the differential only as percentages (the ANC is not printed)."""
    s.page().text(40, 50, "Harbor Family Clinic Lab", 14, bold=True)
    s.text(40, 70, "Specimen collected 2026-03-11 09:05")
    s.text(40, 94, "Hematology results", 11, bold=True)
    lines = [
        "WBC 3.8 L x10^9/L 4.0 - 11.0",
        "Neutrophils 41 % 40 - 75",
        "Lymphocytes 44 % 20 - 45",
        "Monocytes 10 % 2 - 10",
        "Eosinophils 4 % 1 - 6",
        "Basophils 1 % 0 - 2",
        "Hemoglobin 13.0 g/dL 12.0 - 15.5",
        "Platelets 190 x10^9/L 150 - 400",
    ]
    for i, line in enumerate(lines):
        s.text(40, 114 + 15 * i, line)
    s.row(760, [(40, "Page 1 of 1")])


def less_than(s: Sheet) -> None:
    """Values below what the analyser reports, written "<0.10"."""
    s.page().text(40, 50, "Riverbend Clinical Laboratory", 14, bold=True)
    s.row(70, PATIENT)
    s.row(84, [(40, "Collected: 03/20/2026 06:40"), (300, "Reported: 03/20/2026 09:12")])
    xs = [40, 220, 280, 320, 410]
    rows = [
        ["WBC", "0.6", "L", "x10E3/uL", "3.4-10.8"],
        ["Neutrophils (Absolute)", "<0.10", "L", "x10E3/uL", "1.4-7.0"],
        ["Lymphs (Absolute)", "0.5", "L", "x10E3/uL", "0.7-3.1"],
        ["Monocytes(Absolute)", "<0.1", "", "x10E3/uL", "0.1-0.9"],
        ["Hemoglobin", "8.9", "L", "g/dL", "11.1-15.9"],
        ["Platelets", "24", "L", "x10E3/uL", "150-450"],
    ]
    s.table(110, xs, ["Test", "Result", "Flag", "Units", "Reference Interval"], rows)
    s.row(760, [(40, "Page 1 of 1")])


def slips(s: Sheet) -> None:
    """A report with printing slips the cross-checks must catch (fictional errors)."""
    s.page().text(40, 50, "Riverbend Clinical Laboratory", 14, bold=True)
    s.row(84, [(40, "Collected: 03/25/2026 08:00")])
    xs = [40, 220, 280, 320, 410]
    rows = [
        ["WBC", "41", "", "x10E3/uL", "4.0-11.0"],
        ["Neutrophils", "40", "", "%", "40-74"],
        ["Lymphs", "30", "", "%", "14-46"],
        ["Neutrophils (Absolute)", "1.2", "H", "x10E3/uL", "1.4-7.0"],
        ["Hemoglobin", "13.1", "", "g/dL", "13.0-17.7"],
    ]
    s.table(110, xs, ["Test", "Result", "Flag", "Units", "Reference Interval"], rows)


def three_pages(s: Sheet) -> None:
    """The benchmark's report: the US layout over three pages."""
    for _ in range(3):
        us_previous(s)


LAYOUTS: dict[str, Callable[[Sheet], None]] = {
    "us_previous": us_previous,
    "in_out_of_range": in_out_of_range,
    "portal_blocks": portal_blocks,
    "cumulative": cumulative,
    "uk": uk,
    "german": german,
    "french": french,
    "two_pages": two_pages,
    "percentages_only": percentages_only,
    "less_than": less_than,
    "slips": slips,
}

_US_LAB = "Riverbend Clinical Laboratory"
EXPECTED: dict[str, Expected] = {
    "us_previous": {
        "draws": [
            (
                "2026-03-04T08:15",
                _US_LAB,
                {
                    "wbc": (3.1, None, 4.0, 11.0),
                    "hemoglobin": (13.2, None, 13.0, 17.7),
                    "platelets": (212, None, 150, 450),
                    "neutrophils_pct": (38, None, None, None),
                    "lymphocytes_pct": (45, None, None, None),
                    "monocytes_pct": (12, None, None, None),
                    "eosinophils_pct": (4, None, None, None),
                    "basophils_pct": (1, None, None, None),
                    "anc": (1.2, None, 1.4, 7.0),
                    "lymphocytes": (1.4, None, 0.7, 3.1),
                    "monocytes": (0.4, None, 0.1, 0.9),
                    "eosinophils": (0.1, None, 0.0, 0.4),
                    "basophils": (0.0, None, 0.0, 0.2),
                },
            ),
        ],
        "unread": ["RBC", "Hematocrit", "Immature Granulocytes"],
        "review": {},
    },
    "in_out_of_range": {
        "draws": [
            (
                "2026-03-09T07:50",
                "Cedar Valley Diagnostics",
                {
                    "wbc": (3.1, None, 4.5, 11.0),
                    "hemoglobin": (12.9, None, 12.0, 15.5),
                    "platelets": (165, None, 150, 400),
                    "anc": (1.15, None, 1.8, 7.7),
                    "lymphocytes": (1.4, None, 1.0, 4.8),
                    "monocytes": (0.41, None, 0.2, 0.95),
                },
            ),
        ],
        "unread": [],
        "review": {},
    },
    "portal_blocks": {
        "draws": [
            (
                "2026-03-04T09:40",
                "Lakeside Medical Center Laboratory",
                {
                    "wbc": (3.1, None, 4.0, 10.5),
                    "hemoglobin": (12.1, None, 12.0, 16.0),
                    "platelets": (180, None, 150, 400),
                    "neutrophils_pct": (35.0, None, 40.0, 75.0),
                    "anc": (1.09, None, 1.8, 7.7),
                    "lymphocytes": (1.5, None, 1.0, 4.8),
                },
            ),
        ],
        "unread": [],
        "review": {},
    },
    "cumulative": {
        "draws": [
            (
                day,
                "Northfield Hospital Laboratory",
                {
                    "wbc": (wbc, None, 4.0, 11.0),
                    "anc": (anc, None, 1.5, 8.0),
                    "hemoglobin": (hb, None, 12.0, 15.5),
                    "platelets": (plt, None, 150, 400),
                    "lymphocytes": (ly, None, 1.0, 4.8),
                },
            )
            for day, wbc, anc, hb, plt, ly in (
                ("2026-02-03", 2.8, 0.9, 11.8, 140, 1.1),
                ("2026-02-10", 3.4, 1.3, 12.2, 168, 1.2),
                ("2026-02-17", 4.6, 2.4, 12.6, 201, 1.4),
            )
        ],
        "unread": [],
        "review": {},
    },
    "uk": {
        "draws": [
            (
                "2026-03-04T10:20",
                "St Elsewhere NHS Trust - Haematology",
                {
                    "hemoglobin": (11.8, None, 13.0, 18.0),
                    "wbc": (3.2, None, 4.0, 11.0),
                    "platelets": (160, None, 150, 400),
                    "anc": (1.1, None, 2.0, 7.5),
                    "lymphocytes": (1.5, None, 1.5, 4.0),
                    "monocytes": (0.4, None, 0.2, 1.0),
                    "eosinophils": (0.1, None, 0.0, 0.4),
                    "basophils": (0.02, None, 0.0, 0.1),
                },
            ),
        ],
        "unread": [],
        "review": {},
    },
    "german": {
        "draws": [
            (
                "2026-03-04T07:45",
                "Labor Dr. Beispiel",
                {
                    "wbc": (3.1, None, 4.0, 10.0),
                    "hemoglobin": (12.9, None, 12.0, 16.0),
                    "platelets": (187, None, 150, 400),
                    "anc": (1.4, None, 1.8, 7.7),
                    "neutrophils_pct": (45.2, None, 40, 75),
                    "lymphocytes": (1.2, None, 1.0, 4.8),
                    "lymphocytes_pct": (38.7, None, 20, 45),
                    "monocytes_pct": (11.0, None, 2, 12),
                    "eosinophils_pct": (4.1, None, 1, 5),
                    "basophils_pct": (1.0, None, 0, 1),
                },
            ),
        ],
        "unread": [],
        "review": {},
    },
    "french": {
        "draws": [
            (
                "2026-03-04T08:30",
                "Laboratoire de biologie médicale Exemple",
                {
                    "wbc": (3.1, None, 4.0, 10.0),
                    "hemoglobin": (12.4, None, 12.0, 16.0),
                    "platelets": (172, None, 150, 400),
                    "anc": (1.3, None, 1.8, 7.5),
                    "lymphocytes": (1.4, None, 1.0, 4.0),
                    "monocytes": (0.31, None, 0.2, 1.0),
                    "eosinophils": (0.06, None, 0.0, 0.5),
                    "basophils": (0.03, None, 0.0, 0.2),
                },
            ),
        ],
        "unread": [],
        "review": {},
    },
    "two_pages": {
        "draws": [
            (
                "2026-03-18T11:05",
                "Summit Regional Laboratory",
                {
                    "wbc": (2.4, None, 4.5, 11.0),
                    "hemoglobin": (10.9, None, 12.0, 15.5),
                    "platelets": (98, None, 150, 450),
                    "neutrophils_pct": (20.5, None, 40.0, 75.0),
                    "bands_pct": (2.0, None, 0.0, 5.0),
                    "lymphocytes_pct": (62.0, None, 20.0, 45.0),
                    "monocytes_pct": (12.5, None, 2.0, 10.0),
                    "eosinophils_pct": (2.5, None, 1.0, 6.0),
                    "basophils_pct": (0.5, None, 0.0, 2.0),
                    "anc": (0.54, None, 1.8, 7.7),
                },
            ),
        ],
        "unread": [],
        "review": {},
        "pages": {"wbc": 1, "anc": 2},
    },
    "percentages_only": {
        "draws": [
            (
                "2026-03-11T09:05",
                "Harbor Family Clinic Lab",
                {
                    "wbc": (3.8, None, 4.0, 11.0),
                    "neutrophils_pct": (41, None, 40, 75),
                    "lymphocytes_pct": (44, None, 20, 45),
                    "monocytes_pct": (10, None, 2, 10),
                    "eosinophils_pct": (4, None, 1, 6),
                    "basophils_pct": (1, None, 0, 2),
                    "hemoglobin": (13.0, None, 12.0, 15.5),
                    "platelets": (190, None, 150, 400),
                },
            ),
        ],
        "unread": [],
        "review": {},
    },
    "less_than": {
        "draws": [
            (
                "2026-03-20T06:40",
                _US_LAB,
                {
                    "wbc": (0.6, None, 3.4, 10.8),
                    "anc": (0.1, "<", 1.4, 7.0),
                    "lymphocytes": (0.5, None, 0.7, 3.1),
                    "monocytes": (0.1, "<", 0.1, 0.9),
                    "hemoglobin": (8.9, None, 11.1, 15.9),
                    "platelets": (24, None, 150, 450),
                },
            ),
        ],
        "unread": [],
        "review": {},
    },
    "slips": {
        "draws": [
            (
                "2026-03-25T08:00",
                _US_LAB,
                {
                    "wbc": (41, None, 4.0, 11.0),
                    "neutrophils_pct": (40, None, 40, 74),
                    "lymphocytes_pct": (30, None, 14, 46),
                    "anc": (1.2, None, 1.4, 7.0),
                    "hemoglobin": (13.1, None, 13.0, 17.7),
                },
            ),
        ],
        "unread": [],
        "review": {
            "wbc": "power of ten",
            "anc": "flagged high",
            "neutrophils_pct": "adds up to 70 %",
            "lymphocytes_pct": "adds up to 70 %",
        },
    },
}


def write(name: str, folder: Path) -> Path:
    sheet = Sheet()
    LAYOUTS[name](sheet)
    return sheet.save(folder / f"{name}.pdf")


def write_three_pages(folder: Path) -> Path:
    sheet = Sheet()
    three_pages(sheet)
    return sheet.save(folder / "three_pages.pdf")


def main(out: str) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name in LAYOUTS:
        write(name, folder)
        (folder / f"{name}.expected.json").write_text(json.dumps(EXPECTED[name], indent=1))
    write_three_pages(folder)


if __name__ == "__main__":
    main(sys.argv[1])
