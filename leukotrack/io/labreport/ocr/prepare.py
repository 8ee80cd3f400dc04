"""Getting a photo or scan ready for OCR, with OpenCV: scale a huge picture down, find the
page's four corners and flatten it, even out the lighting, straighten the lines of text, make
small text bigger, and threshold. Each step is skipped when the picture does not need it.

The result keeps the straightened greyscale page (what the review window shows; word boxes are
in its pixels) and the black-and-white version the engine reads (same size).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from leukotrack.io.labreport.ocr.images import FLAT_PHOTO_TIP, Gray, ImageReadError

MAX_SIDE = 4200  # a 300-dpi Letter/A4 page fits; bigger pictures only cost time
MIN_SIDE = 500  # smaller than this is a thumbnail, not a readable page
TEXT_HEIGHT = 26  # px: the capital height the engines read best (about 300 dpi at 9 pt)
MAX_UPSCALE = 3.0
BLUR_SIDE = 1400  # px: the size the blur check looks at
BLUR_RATIO = (
    1.4  # measured at BLUR_SIDE: our degraded pages 3.3 or more, blur of σ ≥ 6 px below 1.35
)
MIN_TEXT_HEIGHT = 9  # px: below this the letters have too few pixels to tell 3 from 8
_WORK_SIDE = 1000  # px: the size the corner and skew searches look at


@dataclass(frozen=True)
class Prepared:
    image: Gray  # straightened, evenly lit greyscale page
    binary: Gray  # black text on white, same size: what the engine reads
    steps: tuple[str, ...]  # what was done, for the record ("page corners", "turned 2.9°")


def prepare(gray: Gray, name: str = "The picture") -> Prepared:
    steps: list[str] = []
    if max(gray.shape) < MIN_SIDE:
        raise ImageReadError(
            f"{name} is too small to read ({gray.shape[1]}×{gray.shape[0]} pixels); {FLAT_PHOTO_TIP}."
        )
    gray = _fit(gray, MAX_SIDE, smooth=True)
    flat = _flatten_page(gray)
    if flat is not None:
        gray = flat
        steps.append("page corners")
    gray = even_lighting(gray)
    angle = skew_angle(gray)
    if abs(angle) >= 0.2:
        gray = _rotate(gray, angle)
        steps.append(f"turned {angle:+.1f}°")
    height = _text_height(gray)
    if height is None:
        raise ImageReadError(f"{name} shows no printed text; {FLAT_PHOTO_TIP}.")
    if height < MIN_TEXT_HEIGHT:
        raise ImageReadError(f"The text in {name} is too small to read; {FLAT_PHOTO_TIP}.")
    if height < TEXT_HEIGHT * 0.8:
        factor = min(MAX_UPSCALE, TEXT_HEIGHT / height)
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        steps.append(f"enlarged ×{factor:.1f}")
    if _too_blurred(gray):
        raise ImageReadError(
            f"{name} is too blurred to read; hold the phone still and {FLAT_PHOTO_TIP}."
        )
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return Prepared(gray, binary, tuple(steps))


def _fit(gray: Gray, side: int, smooth: bool = False) -> Gray:
    """`gray` no larger than `side`; averaged over each pixel's area when `smooth` (slower),
    else sampled (the searches below only need the shapes)."""
    scale = side / max(gray.shape)
    if scale >= 1:
        return gray
    how = cv2.INTER_AREA if smooth else cv2.INTER_LINEAR
    return _u8(cv2.resize(gray, None, fx=scale, fy=scale, interpolation=how))


def _flatten_page(gray: Gray) -> Gray | None:
    """The page cut out along its four corners and made rectangular, when the picture shows a
    page lying on something darker (a phone photo); None when the page fills the picture."""
    small = _fit(gray, _WORK_SIDE)
    ratio = gray.shape[1] / small.shape[1]
    blurred = cv2.GaussianBlur(small, (7, 7), 0)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    page = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(page)
    h, w = small.shape
    if area < 0.2 * w * h or area > 0.97 * w * h:
        return None
    corners = cv2.approxPolyDP(page, 0.02 * cv2.arcLength(page, True), True)
    if len(corners) != 4 or not cv2.isContourConvex(corners):
        return None
    if not _page_on_darker_ground(blurred, corners):
        return None
    quad = _order(corners.reshape(4, 2).astype(np.float32) * ratio)
    top_left, top_right, bottom_right, bottom_left = quad
    width = int(
        max(np.linalg.norm(top_right - top_left), np.linalg.norm(bottom_right - bottom_left))
    )
    height = int(
        max(np.linalg.norm(bottom_left - top_left), np.linalg.norm(bottom_right - top_right))
    )
    corners = [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]]
    target = np.array(corners, dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    return _u8(
        cv2.warpPerspective(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    )


def _page_on_darker_ground(small: Gray, corners: np.ndarray) -> bool:
    """A page, not a patch of light: its corners stand clear of the picture's edges and what
    lies around it is clearly darker than the paper."""
    h, w = small.shape
    margin = 0.01 * max(h, w)
    points = corners.reshape(4, 2)
    on_edge = (points[:, 0] < margin) | (points[:, 0] > w - margin)
    on_edge |= (points[:, 1] < margin) | (points[:, 1] > h - margin)
    if int(on_edge.sum()) >= 2:
        return False
    inside = np.zeros_like(small)
    cv2.fillConvexPoly(inside, points.astype(np.int32), 255)
    paper = float(np.median(small[inside > 0]))
    ground = float(np.median(small[inside == 0]))
    return ground < paper * 0.7


def _order(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums = points.sum(axis=1)
    diffs = np.diff(points, axis=1).ravel()
    return np.array(
        [
            points[np.argmin(sums)],
            points[np.argmin(diffs)],
            points[np.argmax(sums)],
            points[np.argmax(diffs)],
        ],
        dtype=np.float32,
    )


def even_lighting(gray: Gray) -> Gray:
    """Divide by the page's own background (the text closed away, then smoothed), so a shadow
    or a lamp's fall-off becomes white paper again."""
    small = _fit(gray, _WORK_SIDE)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    background = cv2.medianBlur(background, 21)
    background = cv2.resize(
        background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR
    )
    return _u8(cv2.divide(gray, background, scale=255))


def skew_angle(gray: Gray) -> float:
    """The angle (degrees, counter-clockwise positive) that makes the lines of text level: the
    one whose row profile of ink is sharpest, searched within ±6° coarse then fine."""
    small = _fit(gray, 640)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = ink.astype(np.float32)

    def sharpness(angle: float) -> float:
        rows = _rotate(ink, angle, border=0.0).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-6.0, 6.01, 1.0), key=sharpness)
    best = max(np.arange(best - 0.6, best + 0.61, 0.3), key=sharpness)
    return float(max(np.arange(best - 0.2, best + 0.21, 0.1), key=sharpness))


def _rotate(image: np.ndarray, angle: float, border: float = 255.0) -> np.ndarray:
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return np.asarray(
        cv2.warpAffine(
            image,
            matrix,
            (w, h),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=border,
        )
    )


def _text_height(gray: Gray) -> float | None:
    """The median height of the letters (connected blobs of ink shaped like characters), or
    None when there are too few to be text."""
    half = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(half, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    letters = heights[(heights >= 3) & (heights <= half.shape[0] / 20) & (widths <= heights * 3)]
    if len(letters) < 20:
        return None
    return 2 * float(np.percentile(letters, 75))


def _too_blurred(gray: Gray) -> bool:
    """Letters whose edges are smeared over many pixels: around the ink, the sharpest edges
    (the 90th percentile of the gradient there) stay weak next to the ink's contrast."""
    small = _fit(gray, BLUR_SIDE, smooth=True)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    near_ink = cv2.dilate(ink, np.ones((5, 5), np.uint8)) > 0
    if not near_ink.any():
        return True
    grad = cv2.magnitude(cv2.Sobel(small, cv2.CV_32F, 1, 0), cv2.Sobel(small, cv2.CV_32F, 0, 1))
    contrast = float(np.percentile(small, 99)) - float(np.percentile(small[near_ink], 5))
    if contrast < 40:
        return True
    return float(np.percentile(grad[near_ink], 90)) < contrast * BLUR_RATIO


def _u8(pixels: object) -> Gray:
    return np.asarray(pixels, dtype=np.uint8)
