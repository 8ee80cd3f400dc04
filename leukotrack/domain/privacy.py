"""The rules of encryption that need no cryptography: passphrases, recovery keys, retry delays.

Pure Python. The keys themselves are made and used in `storage/sealing.py`.
"""

from __future__ import annotations

import base64

from leukotrack.domain.errors import InputError

MIN_PASSPHRASE = 8
RECOVERY_BYTES = 20  # 160 random bits: 32 base32 characters
RECOVERY_GROUP = 4
FREE_TRIES = 5  # wrong passphrases before each further try waits
MAX_DELAY_S = 60.0
DEFAULT_LOCK_MINUTES = 15
LOCK_MINUTES_RANGE = (1, 240)

# base32 has no 0, 1, 8 or 9: read the look-alikes a person may write down as the letters
_LOOK_ALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


class PassphraseError(InputError):
    """A passphrase that cannot be used (empty, too short, or the two typings differ)."""


class RecoveryKeyError(InputError):
    """Text that cannot be a recovery key (wrong length or characters)."""


def check_new_passphrase(passphrase: str, again: str | None = None) -> str:
    """The passphrase when it may protect a record; else PassphraseError saying why."""
    if not passphrase:
        raise PassphraseError("The passphrase is empty; type one of at least 8 characters.")
    if not passphrase.strip():
        raise PassphraseError("The passphrase is only spaces; type letters, words or numbers.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError(
            f"The passphrase has {len(passphrase)} character{'s' if len(passphrase) != 1 else ''};"
            f" it needs at least {MIN_PASSPHRASE} (a few words are easy to remember)."
        )
    if again is not None and again != passphrase:
        raise PassphraseError("The two passphrases differ; type the same one twice.")
    return passphrase


def format_recovery_key(raw: bytes) -> str:
    """`raw` as groups of 4 base32 characters: 'ABCD-EFGH-…' (8 groups for 160 bits)."""
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + RECOVERY_GROUP] for i in range(0, len(text), RECOVERY_GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The bytes of a recovery key as a person types it back (any case, spaces or dashes)."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\n").translate(_LOOK_ALIKES)
    want = len(format_recovery_key(bytes(RECOVERY_BYTES)).replace("-", ""))
    if not cleaned:
        raise RecoveryKeyError("Type the recovery key you wrote down (8 groups of 4 characters).")
    if len(cleaned) != want:
        raise RecoveryKeyError(
            f"A recovery key has {want} characters (8 groups of 4); this has {len(cleaned)}. "
            "Check for a missing or doubled group."
        )
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raise RecoveryKeyError(
            "A recovery key uses only the letters A–Z and the digits 2–7; check each group."
        ) from None
    return raw


def retry_delay(failures: int) -> float:
    """Seconds to wait before the next try after `failures` wrong passphrases in a row.

    The first five tries are free; then 1, 2, 4, 8 … seconds, at most a minute.
    """
    if failures < FREE_TRIES:
        return 0.0
    return min(2.0 ** (failures - FREE_TRIES), MAX_DELAY_S)


def check_lock_minutes(text: str) -> int:
    """Idle minutes before the app locks, as typed in the settings."""
    low, high = LOCK_MINUTES_RANGE
    try:
        minutes = int(text.strip())
    except ValueError:
        raise InputError(f"'{text}' is not a whole number of minutes; type e.g. 15.") from None
    if not low <= minutes <= high:
        raise InputError(f"Lock after {low} to {high} idle minutes; {minutes} is outside.")
    return minutes
