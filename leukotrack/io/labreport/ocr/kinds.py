"""Which files are pictures (PNG, JPEG, TIFF, WebP), by name or first bytes; no image library
needed to ask."""

from __future__ import annotations

from pathlib import Path

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"})
_DATA_SUFFIXES = frozenset({".json", ".ndjson", ".csv", ".tsv", ".txt", ".xml", ".pdf"})
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def is_image(path: Path) -> bool:
    """A PNG, JPEG, TIFF or WebP file, by its name, or by its first bytes when its name says
    nothing (a photo saved as "IMG_2041"); a file named .json or .csv is never taken for one."""
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return True
    return suffix not in _DATA_SUFFIXES and has_image_magic(path)


def has_image_magic(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
    except OSError:
        return False
    return head.startswith(_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
