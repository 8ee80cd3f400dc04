"""Render the application icon's PNG sizes, the Windows .ico and the macOS .icns from the SVG.

Run after changing `leukotrack/resources/icons/leukotrack.svg` and commit what it writes:

    .venv/bin/python packaging/render_icons.py

Qt's own SVG renderer draws the PNGs, so the icon looks the same wherever Qt shows it. The .ico
and .icns files are plain containers of PNG images (both formats allow that), written here
so that building on Windows or macOS needs no extra image tool.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "leukotrack" / "resources" / "icons"
SVG = ICONS / "leukotrack.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (ic10 is the 512 pt @2x image)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
ICNS_TYPES_2X = {1024: b"ic10"}


def png_name(size: int) -> str:
    return f"leukotrack-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px icon as PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (readable by Windows Vista and later)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = images[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def icns(elements: list[tuple[bytes, bytes]]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(blob)) + blob for kind, blob in elements)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: {SVG} is not a valid SVG for Qt", file=sys.stderr)
        return 1
    pngs = {size: render(renderer, size) for size in (*PNG_SIZES, 1024)}
    for size in PNG_SIZES:
        (ICONS / png_name(size)).write_bytes(pngs[size])
    (ROOT / "packaging" / "windows" / "leukotrack.ico").write_bytes(
        ico({s: pngs[s] for s in ICO_SIZES})
    )
    elements = [(kind, pngs[size]) for size, kind in ICNS_TYPES.items()]
    elements += [(kind, pngs[size]) for size, kind in ICNS_TYPES_2X.items()]
    (ROOT / "packaging" / "macos" / "leukotrack.icns").write_bytes(icns(elements))
    print(f"Wrote {len(PNG_SIZES)} PNGs to {ICONS}, leukotrack.ico and leukotrack.icns.")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
