"""The application icon and desktop identity, found in a source checkout, an installed package
or the frozen bundle (where PyInstaller unpacks data under `sys._MEIPASS`)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

APP_ID = "io.github.leukotrack.LeukoTrack"
"""Reverse-DNS id: the .desktop file's name, the AppStream id and Qt's desktop file name."""

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        frozen = Path(bundle) / "leukotrack" / "resources" / "icons"
        if frozen.is_dir():
            return frozen
    return Path(__file__).resolve().parent.parent / "resources" / "icons"


def icon_file(size: int) -> Path:
    return icon_dir() / f"leukotrack-{size}.png"


def app_icon() -> QIcon:
    """The LeukoTrack icon at every rendered size (Qt picks the nearest for each use)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_file(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def set_app_identity(app: QGuiApplication) -> None:
    """Window icon, and the desktop file name docks and task bars use to find the icon."""
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
