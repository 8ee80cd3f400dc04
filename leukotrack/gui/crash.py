"""Unexpected errors: write the traceback to the log folder and tell the person, calmly."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from leukotrack import APP_NAME, __version__
from leukotrack.paths import ensure_private_dir

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def write_crash_report(
    log_dir: Path, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> Path:
    ensure_private_dir(log_dir)
    path = log_dir / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
    text = "".join(traceback.format_exception(kind, exc, tb))
    path.write_text(f"{APP_NAME} {__version__}\n{datetime.now().isoformat()}\n\n{text}")
    return path


def crash_message(path: Path) -> str:
    return (
        "Something went wrong inside LeukoTrack. Everything you had saved is safe: each "
        "change is stored in one step, so nothing is half-written.\n\n"
        f"The details were written to:\n{path}\n\n"
        "If it happens again, please send that file with a note of what you were doing."
    )


def make_excepthook(log_dir: Path) -> ExceptHook:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        try:
            path = write_crash_report(log_dir, kind, exc, tb)
            message = crash_message(path)
        except OSError as err:
            message = (
                f"Something went wrong inside LeukoTrack, and the log could not be written ({err})."
            )
            traceback.print_exception(kind, exc, tb)
        if QApplication.instance() is not None:
            QMessageBox.critical(None, f"{APP_NAME}: unexpected error", message)
        else:
            print(message, file=sys.stderr)

    return hook
