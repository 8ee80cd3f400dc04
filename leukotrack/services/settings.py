"""Reading the thresholds a person (or their hematologist) types into the settings."""

from __future__ import annotations

from dataclasses import replace

from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Thresholds
from leukotrack.domain.units import format_number, parse_number
from leukotrack.services.entry import EntryError
from leukotrack.services.profile import check_thresholds

# key -> (label, lowest, highest, whole number?)
EDITABLE_THRESHOLDS: dict[str, tuple[str, float, float, bool]] = {
    "anc_mild": ("Neutropenia below (ANC, ×10⁹/L; empty = profile default)", 0.1, 5.0, False),
    "anc_moderate": ("Moderate neutropenia below (ANC, ×10⁹/L)", 0.1, 5.0, False),
    "anc_severe": ("Severe neutropenia below (ANC, ×10⁹/L)", 0.05, 5.0, False),
    "fever_once_c": ("Fever: one reading at or above (°C)", 37.0, 41.0, False),
    "fever_sustained_c": ("Fever: two readings an hour apart at or above (°C)", 37.0, 41.0, False),
    "persistent_days": ("Persistent after (days)", 1, 3650, True),
    "chronic_days": ("Chronic after (days)", 1, 3650, True),
    "cycle_anc": ("Team's ANC before a treatment cycle (×10⁹/L)", 0.1, 10.0, False),
    "cycle_platelets": ("Team's platelets before a treatment cycle (×10⁹/L)", 1, 1000, False),
}
CTCAE_VERSIONS = ("5.0", "6.0")
CLOZAPINE_SCHEMES = {"fda": "US FDA label (ANC)", "uk-cpms": "UK CPMS traffic lights"}


def threshold_texts(t: Thresholds) -> dict[str, str]:
    """The current thresholds as the settings form shows them."""
    out: dict[str, str] = {}
    for key in EDITABLE_THRESHOLDS:
        value = getattr(t, key)
        out[key] = "" if value is None else format_number(value)
    return out


def parse_thresholds(
    current: Thresholds, texts: dict[str, str], ctcae_version: str, clozapine_scheme: str
) -> Thresholds:
    """Typed thresholds -> Thresholds; raises EntryError naming each field that is wrong."""
    errors: dict[str, str] = {}
    values: dict[str, float | int | None] = {}
    for key, (label, low, high, whole) in EDITABLE_THRESHOLDS.items():
        text = texts.get(key, "").strip()
        if not text:
            if key == "anc_mild":
                values[key] = None
            else:
                errors[key] = f"{label.split(' (')[0]} needs a number."
            continue
        try:
            number = parse_number(text)
        except InputError:
            errors[key] = f"'{text}' is not a number; type it like 1.5."
            continue
        if whole and number != int(number):
            errors[key] = f"'{text}' must be a whole number of days."
            continue
        if not low <= number <= high:
            errors[key] = (
                f"{format_number(number)} is outside {format_number(low)}–{format_number(high)}."
            )
            continue
        values[key] = int(number) if whole else number
    if not errors:
        mild = values["anc_mild"]
        moderate, severe = values["anc_moderate"], values["anc_severe"]
        assert moderate is not None and severe is not None
        if severe >= moderate:
            errors["anc_severe"] = "The severe limit must be below the moderate one."
        elif mild is not None and moderate >= mild:
            errors["anc_moderate"] = "The moderate limit must be below the neutropenia limit."
        persistent, chronic = values["persistent_days"], values["chronic_days"]
        assert persistent is not None and chronic is not None
        if chronic < persistent:
            errors["chronic_days"] = "Chronic cannot start before persistent."
    if ctcae_version not in CTCAE_VERSIONS:
        errors["ctcae_version"] = f"CTCAE version {ctcae_version} is not one LeukoTrack knows."
    if clozapine_scheme not in CLOZAPINE_SCHEMES:
        errors["clozapine_scheme"] = f"'{clozapine_scheme}' is not a clozapine scheme."
    if errors:
        raise EntryError(errors)
    chosen = replace(
        current,
        ctcae_version=ctcae_version,
        clozapine_scheme=clozapine_scheme,
        **values,  # type: ignore[arg-type]
    )
    try:
        return check_thresholds(chosen)  # the rules `leukotrack profile --threshold` applies
    except InputError as exc:
        raise EntryError({"thresholds": str(exc)}) from None
