"""LeukoTrack: a personal record of blood counts for people living with a low white-cell count."""

import time as _time

IMPORTED_AT = _time.monotonic()
"""When the package was first imported: the start-up clock where /proc is not available."""

# The same as pyproject.toml's version (a test keeps them equal). A literal, not
# importlib.metadata: looking the installed distribution up costs ~15 ms of every start-up.
__version__ = "0.1.0"

APP_NAME = "LeukoTrack"
NOT_A_DIAGNOSIS = (
    "LeukoTrack organises your own records; it does not replace your care team's advice."
)
