"""The errors the domain raises. Every message says what is wrong and what to type instead."""


class LeukoTrackError(Exception):
    """Base of every error LeukoTrack raises on purpose."""


class InputError(LeukoTrackError, ValueError):
    """The user typed something we cannot accept (command line exit code 2)."""


class UnitError(InputError):
    """A unit we do not know, or one that does not fit the analyte."""


class PlausibilityError(InputError):
    """A value outside what a human body can show: most likely a typing or unit mistake."""


class DateError(InputError):
    """A malformed date, a date in the future, or one before the birth date."""


class UnknownAnalyteError(InputError):
    """A name that matches none of the analytes we keep."""
