"""Loading a photo or scan as greyscale pixels, upright as the camera meant it, and never larger
than the reader needs (a 50-megapixel photo is decoded at a reduced size, not in full)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from leukotrack.domain.errors import InputError
from leukotrack.io.labreport.ocr.kinds import has_image_magic

Gray = NDArray[np.uint8]

MAX_PIXELS = 14_000_000  # more than a 300-dpi A4 page (8.7 MP); bigger pictures are scaled down
_REFUSE_PIXELS = 400_000_000  # not a photo of a page: refused before decoding
_MAX_PAGES = 20
FLAT_PHOTO_TIP = "photograph the page flat, in good light, filling the frame"


class ImageReadError(InputError):
    """A picture that cannot be read as a lab report: not an image, damaged, blank, too small or
    too blurred. The message says what to do instead."""


def load_pages(path: Path) -> list[Gray]:
    """Every page of an image file (a TIFF may hold several) as upright greyscale pixels."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    name = path.name
    Image.MAX_IMAGE_PIXELS = _REFUSE_PIXELS
    try:
        with Image.open(path) as picture:
            count = min(getattr(picture, "n_frames", 1), _MAX_PAGES)
            pages = []
            for index in range(count):
                picture.seek(index)
                pages.append(_upright_gray(picture, ImageOps))
            return pages
    except FileNotFoundError:
        raise ImageReadError(f"{name} was not found; check the file name.") from None
    except UnidentifiedImageError:
        if has_image_magic(path):
            raise ImageReadError(
                f"{name} is damaged and cannot be read; copy the photo from the phone again."
            ) from None
        raise ImageReadError(
            f"{name} is not a picture LeukoTrack can read; use a PNG, JPEG, TIFF or WebP "
            "photo or scan of the report."
        ) from None
    except Image.DecompressionBombError:
        raise ImageReadError(
            f"{name} is far larger than a photo of a page; take the photo again with the "
            "camera's normal settings."
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageReadError(
            f"{name} is damaged and cannot be read ({exc}); copy the photo from the phone again."
        ) from None


def _upright_gray(picture: Any, image_ops: Any) -> Gray:
    """One frame: JPEGs decode at the smallest size that still has MAX_PIXELS (the decoder
    skips the rest, so a huge photo never sits in memory whole), then turn by the EXIF tag."""
    width, height = picture.size
    if picture.format == "JPEG":  # decoded straight to grey, and smaller when it is huge
        shrink = max(1.0, (width * height / MAX_PIXELS) ** 0.5)
        picture.draft("L", (int(width / shrink) + 1, int(height / shrink) + 1))
    frame = image_ops.exif_transpose(picture) or picture
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        frame = _on_white(frame)
    gray = frame.convert("L")
    pixels = gray.width * gray.height
    if pixels > MAX_PIXELS:
        factor = int(np.ceil((pixels / MAX_PIXELS) ** 0.5))
        gray = gray.reduce(factor)
    gray.load()
    return np.asarray(gray, dtype=np.uint8).copy()


def _on_white(frame: Any) -> Any:
    from PIL import Image

    rgba = frame.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba)
