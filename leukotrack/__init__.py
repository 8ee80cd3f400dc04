"""LeukoTrack: a personal record of blood counts for people living with a low white-cell count."""

import time as _time
from importlib import metadata as _metadata

IMPORTED_AT = _time.monotonic()
"""When the package was first imported: the start-up clock where /proc is not available."""

try:
    __version__ = _metadata.version("leukotrack")
except _metadata.PackageNotFoundError:  # running from a source tree or a frozen bundle
    __version__ = "0.1.0"

APP_NAME = "LeukoTrack"
NOT_A_DIAGNOSIS = (
    "LeukoTrack organises your own records; it does not replace your care team's advice."
)
