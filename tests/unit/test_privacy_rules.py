"""The pure rules of encryption: passphrases, recovery keys, the delay after wrong tries."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leukotrack.domain.errors import InputError
from leukotrack.domain.privacy import (
    PassphraseError,
    RecoveryKeyError,
    check_lock_minutes,
    check_new_passphrase,
    format_recovery_key,
    parse_recovery_key,
    retry_delay,
)


@pytest.mark.parametrize(
    ("passphrase", "again", "reason"),
    [
        ("", None, "empty"),
        ("       ", None, "only spaces"),
        ("a", None, "1 character;"),
        ("1234567", None, "7 characters"),
        ("12345678", "12345679", "differ"),
    ],
)
def test_unusable_passphrases_are_refused_with_the_reason(
    passphrase: str, again: str | None, reason: str
) -> None:
    with pytest.raises(PassphraseError, match=reason):
        check_new_passphrase(passphrase, again)


@pytest.mark.parametrize("passphrase", ["12345678", "correct horse battery", "ünïcödé-pässwörd"])
def test_passphrases_of_eight_characters_or_more_are_accepted(passphrase: str) -> None:
    assert check_new_passphrase(passphrase, passphrase) == passphrase


def test_a_passphrase_error_never_repeats_the_passphrase() -> None:
    with pytest.raises(PassphraseError) as info:
        check_new_passphrase("secret7")
    assert "secret7" not in str(info.value)


def test_recovery_key_is_eight_groups_of_four() -> None:
    text = format_recovery_key(bytes(range(20)))
    groups = text.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)


@given(st.binary(min_size=20, max_size=20))
def test_recovery_key_round_trips_however_it_is_typed_back(raw: bytes) -> None:
    text = format_recovery_key(raw)
    assert parse_recovery_key(text) == raw
    assert parse_recovery_key(text.lower().replace("-", " ")) == raw
    assert parse_recovery_key(" " + text.replace("-", "") + "\n") == raw


def test_look_alike_digits_are_read_as_the_letters() -> None:
    raw = bytes(20)  # all 'A'
    text = format_recovery_key(raw).replace("A", "O", 1)  # 'O' decodes differently from 'A'
    looks = text.replace("O", "0", 1)
    assert parse_recovery_key(looks) == parse_recovery_key(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "Type the recovery key"),
        ("ABCD-EFGH", "this has 8"),
        ("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-456", "this has 31"),
        ("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-45!7", "A–Z and the digits 2–7"),
    ],
)
def test_malformed_recovery_keys_say_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(RecoveryKeyError, match=reason):
        parse_recovery_key(text)


@pytest.mark.parametrize(
    ("failures", "delay"),
    [
        (0, 0.0),
        (1, 0.0),
        (4, 0.0),
        (5, 1.0),
        (6, 2.0),
        (7, 4.0),
        (10, 32.0),
        (11, 60.0),
        (50, 60.0),
    ],
)
def test_five_wrong_tries_are_free_then_the_wait_grows(failures: int, delay: float) -> None:
    assert retry_delay(failures) == delay


@given(st.integers(min_value=0, max_value=200))
def test_the_wait_never_shrinks_and_stays_under_a_minute(failures: int) -> None:
    assert retry_delay(failures) <= retry_delay(failures + 1) <= 60.0


@pytest.mark.parametrize(("text", "minutes"), [("1", 1), ("15", 15), (" 240 ", 240)])
def test_lock_minutes_in_range(text: str, minutes: int) -> None:
    assert check_lock_minutes(text) == minutes


@pytest.mark.parametrize("text", ["0", "241", "-5", "ten", "1.5", ""])
def test_lock_minutes_out_of_range_or_not_whole_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        check_lock_minutes(text)
