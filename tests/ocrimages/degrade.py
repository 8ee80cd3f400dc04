"""Degrade a rendered report the way real scans and phone photos are degraded, and write each
image with its expected results beside it (`python -m tests.ocrimages.degrade OUT`).

Each degradation is fixed by a seed, so the images are the same on every run.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from tests.ocrimages.reports import REPORTS, Report, expected, render

Gray = np.ndarray


@dataclass(frozen=True)
class Degradation:
    name: str
    dpi: int
    suffix: str
    make: Callable[[Gray, np.random.Generator], bytes]
    slow: bool = False  # the default suite reads the fast ones only


def _encode(image: np.ndarray, suffix: str, quality: int = 90, **pil: object) -> bytes:
    mode = "L" if image.ndim == 2 else "RGB"
    pic = Image.fromarray(image if mode == "L" else image[:, :, ::-1].copy(), mode)
    buf = io.BytesIO()
    if suffix == ".jpg":
        pic.save(buf, "JPEG", quality=quality, **pil)
    elif suffix == ".webp":
        pic.save(buf, "WEBP", quality=quality)
    elif suffix == ".tif":
        pic.convert("1").save(buf, "TIFF", compression="group4", dpi=(200, 200))
    else:
        pic.save(buf, "PNG")
    return buf.getvalue()


def _rotate(page: Gray, degrees: float) -> Gray:
    h, w = page.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(page, m, (w, h), borderValue=255, flags=cv2.INTER_LINEAR)


def _lighting(page: np.ndarray, darkest: float) -> np.ndarray:
    """Light falling off from one corner to the other (a lamp beside the page)."""
    h, w = page.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    fall = 1.0 - (1.0 - darkest) * ((xx / w) * 0.6 + (yy / h) * 0.4)
    if page.ndim == 3:
        fall = fall[:, :, None]
    return np.clip(page.astype(np.float32) * fall, 0, 255).astype(np.uint8)


def _noise(page: Gray, rng: np.random.Generator, sd: float) -> Gray:
    noisy = page.astype(np.float32) + rng.normal(0, sd, page.shape).astype(np.float32)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def clean(page: Gray, rng: np.random.Generator) -> bytes:
    return _encode(page, ".png")


def jpeg(quality: int) -> Callable[[Gray, np.random.Generator], bytes]:
    def make(page: Gray, rng: np.random.Generator) -> bytes:
        return _encode(_noise(page, rng, 6), ".jpg", quality)

    return make


def rotated(degrees: float) -> Callable[[Gray, np.random.Generator], bytes]:
    def make(page: Gray, rng: np.random.Generator) -> bytes:
        return _encode(_noise(_rotate(page, degrees), rng, 5), ".jpg", 80)

    return make


def uneven(page: Gray, rng: np.random.Generator) -> bytes:
    return _encode(_noise(_lighting(page, 0.45), rng, 5), ".webp", 85)


def fax(page: Gray, rng: np.random.Generator) -> bytes:
    """1 bit per pixel at 200 dpi, with specks, stored as CCITT G4 TIFF."""
    bw = np.where(page < 150, 0, 255).astype(np.uint8)
    specks = rng.random(bw.shape) < 0.002
    bw[specks] = 255 - bw[specks]
    return _encode(bw, ".tif")


def phone_photo(page: Gray, rng: np.random.Generator, sideways: bool = False) -> bytes:
    """The page lying on a dark desk, shot at an angle: perspective, lamp light, a little blur,
    colour JPEG. `sideways` stores the pixels turned and leaves it to the EXIF orientation tag."""
    h, w = page.shape
    out_w, out_h = int(w * 1.25), int(h * 1.2)
    desk = np.full((out_h, out_w, 3), (60, 75, 90), np.uint8)
    desk = _noise(desk.reshape(out_h, -1), rng, 8).reshape(out_h, out_w, 3)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32(
        [
            [out_w * 0.14, out_h * 0.07],
            [out_w * 0.86, out_h * 0.10],
            [out_w * 0.92, out_h * 0.93],
            [out_w * 0.06, out_h * 0.90],
        ]
    )
    m = cv2.getPerspectiveTransform(src, dst)
    paper = cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)
    paper[:, :, 0] = np.minimum(paper[:, :, 0], 235)  # warm paper
    warped = cv2.warpPerspective(paper, m, (out_w, out_h), borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), m, (out_w, out_h))
    photo = np.where(mask[:, :, None] > 0, warped, desk)
    photo = cv2.GaussianBlur(_lighting(photo, 0.55), (3, 3), 0.8)
    if not sideways:
        return _encode(photo, ".jpg", 75)
    turned = cv2.rotate(photo, cv2.ROTATE_90_COUNTERCLOCKWISE)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    return _encode(turned, ".jpg", 75, exif=exif.tobytes())


DEGRADATIONS = (
    Degradation("scan-300dpi", 300, ".png", clean),
    Degradation("scan-200dpi-jpeg70", 200, ".jpg", jpeg(70)),
    Degradation("jpeg60", 300, ".jpg", jpeg(60), slow=True),
    Degradation("rotated+3", 300, ".jpg", rotated(3.0), slow=True),
    Degradation("rotated-3", 200, ".jpg", rotated(-3.0)),
    Degradation("uneven-light", 300, ".webp", uneven, slow=True),
    Degradation("fax-1bit", 200, ".tif", fax, slow=True),
    Degradation("phone-photo", 300, ".jpg", phone_photo, slow=True),
    Degradation("phone-photo-exif", 300, ".jpg", lambda p, r: phone_photo(p, r, True), slow=True),
)


def write(report: Report, degradation: Degradation, out: Path) -> Path:
    """Write one degraded image and its expected results (`<image>.json`) into `out`."""
    page = np.asarray(render(report, degradation.dpi))
    seed = sum(map(ord, report.name + degradation.name))
    data = degradation.make(page, np.random.default_rng(seed))
    path = out / f"{report.name}_{degradation.name}{degradation.suffix}"
    path.write_bytes(data)
    meta = {
        "report": report.name,
        "degradation": degradation.name,
        "taken_at": report.taken_at,
        "results": expected(report),
    }
    path.with_name(path.name + ".json").write_text(json.dumps(meta, indent=1))
    return path


def write_all(out: Path, reports: tuple[Report, ...] = REPORTS) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    return [write(r, d, out) for r in reports for d in DEGRADATIONS]


if __name__ == "__main__":
    for p in write_all(Path(sys.argv[1])):
        print(p)
