from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leukotrack.domain.dates import (
    check_after_birth,
    check_not_future,
    long_date,
    parse_date,
    parse_datetime,
)
from leukotrack.domain.errors import DateError, LeukoTrackError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-03", datetime(2026, 3, 3)),
        ("2026-03-03T09:30", datetime(2026, 3, 3, 9, 30)),
        ("2026-03-03 09:30", datetime(2026, 3, 3, 9, 30)),
        ("2026-03-03T09:30:15", datetime(2026, 3, 3, 9, 30, 15)),
        ("1982-03-12T10:20:30-05:00", datetime(1982, 3, 12, 10, 20, 30)),
        ("2026-03-03T9:05", datetime(2026, 3, 3, 9, 5)),
    ],
)
def test_parse_datetime(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize(
    "text", ["03/03/2026", "2026-02-30", "2026-13-01", "yesterday", "2026-03-03T25:00", ""]
)
def test_malformed_dates(text: str) -> None:
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        parse_datetime(text)


def test_future_and_before_birth() -> None:
    now = datetime(2026, 11, 21, 12, 0)
    check_not_future(datetime(2026, 11, 21, 12, 0), now)
    with pytest.raises(DateError, match="in the future"):
        check_not_future(datetime(2026, 11, 21, 12, 1), now)
    with pytest.raises(DateError, match="in the future"):
        check_not_future(date(2026, 11, 22), now)
    check_after_birth(date(1990, 1, 1), date(1990, 1, 1))
    with pytest.raises(DateError, match="before the birth date"):
        check_after_birth(date(1989, 12, 31), date(1990, 1, 1))


def test_long_date() -> None:
    assert long_date(date(2026, 3, 3)) == "3 March 2026"


@given(st.text(max_size=30))
def test_date_parser_never_crashes(text: str) -> None:
    try:
        parse_datetime(text)
        parse_date(text)
    except LeukoTrackError:
        pass


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "0024-03-03T09:00"])
def test_years_before_1900_are_refused(text: str) -> None:
    with pytest.raises(DateError, match="before 1900; check the year"):
        parse_datetime(text)


def test_1900_is_accepted() -> None:
    assert parse_date("1900-01-01") == date(1900, 1, 1)
