"""CTCAE v5.0 grades at their boundaries, with the lab's lower limit, and for bounds like "<0.5"."""

import pytest

from leukotrack.domain.ctcae import ctcae_grade


@pytest.mark.parametrize(
    ("analyte", "value", "comparator", "lln", "grade"),
    [
        ("anc", 0.5, None, 1.8, 3),
        ("anc", 0.49, None, 1.8, 4),
        ("anc", 1.0, None, 1.8, 2),
        ("anc", 1.5, None, 1.8, 1),
        ("anc", 1.8, None, 1.8, 0),
        ("anc", 1.6, None, None, None),  # grade 1 needs a lower limit
        ("anc", 0.5, "<", 1.8, 4),  # "<0.5" is certainly grade 4
        ("anc", 0.5, "<=", 1.8, 3),
        ("anc", 1.2, "<", 1.8, 2),
        ("anc", 0.8, ">", 1.8, None),  # could be any grade from 3 down to 0
        ("anc", 2.0, ">", 1.8, 0),
        ("wbc", 2.99, None, 4.5, 2),
        ("wbc", 0.99, None, 4.5, 4),
        ("wbc", 4.4, None, 4.0, 0),  # a lab's lower limit of 4.0
        ("lymphocytes", 0.2, None, 1.0, 3),
        ("lymphocytes", 0.19, None, 1.0, 4),
        ("hemoglobin", 9.0, None, 12.0, None),
    ],
)
def test_ctcae_v5(
    analyte: str, value: float, comparator: str | None, lln: float | None, grade: int | None
) -> None:
    assert ctcae_grade(analyte, value, lln, "5.0", comparator) == grade


@pytest.mark.parametrize(("value", "grade"), [(0.1, 3), (0.09, 4), (1.5, 0), (1.49, 1)])
def test_ctcae_v6_neutrophils(value: float, grade: int) -> None:
    assert ctcae_grade("anc", value, None, "6.0") == grade
