"""Loading and preparing photos and scans: orientation, huge photos, bad pictures, and the
straightening steps, each on a fictional report image (no OCR engine needed here)."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from leukotrack.io.labreport.ocr.images import MAX_PIXELS, ImageReadError, load_pages
from leukotrack.io.labreport.ocr.kinds import is_image
from leukotrack.io.labreport.ocr.prepare import even_lighting, prepare, skew_angle
from tests.ocrimages.degrade import _rotate, phone_photo
from tests.ocrimages.reports import REPORTS, render


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return np.asarray(render(REPORTS[0], 150))


def test_exif_orientation_is_honoured(tmp_path: Path, page: np.ndarray) -> None:
    turned = np.ascontiguousarray(np.rot90(page))  # stored sideways...
    exif = Image.Exif()
    exif[0x0112] = 6  # ...with the tag that says "turn 90° clockwise to show"
    path = tmp_path / "sideways.jpg"
    Image.fromarray(turned).save(path, "JPEG", exif=exif.tobytes())
    (loaded,) = load_pages(path)
    assert loaded.shape == page.shape  # upright again: taller than wide


def test_every_page_of_a_tiff(tmp_path: Path, page: np.ndarray) -> None:
    path = tmp_path / "fax.tif"
    frames = [Image.fromarray(page).convert("1") for _ in range(2)]
    frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:], compression="group4")
    assert len(load_pages(path)) == 2


def test_a_50_megapixel_photo_is_decoded_small(tmp_path: Path) -> None:
    big = Image.new("L", (8660, 5780), 200)  # 50 MP
    path = tmp_path / "huge.jpg"
    big.save(path, "JPEG", quality=50)
    (loaded,) = load_pages(path)
    assert loaded.size <= MAX_PIXELS
    assert loaded.shape[1] / loaded.shape[0] == pytest.approx(8660 / 5780, rel=0.01)


def test_a_50_megapixel_png_is_scaled_down(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    Image.new("L", (8660, 5780), 255).save(path, "PNG")
    (loaded,) = load_pages(path)
    assert loaded.size <= MAX_PIXELS


def test_transparent_png_lies_on_white(tmp_path: Path) -> None:
    path = tmp_path / "clip.png"
    Image.new("RGBA", (600, 800), (0, 0, 0, 0)).save(path)
    (loaded,) = load_pages(path)
    assert loaded.min() == 255


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text, not a picture", "not a picture LeukoTrack can read"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged"),
    ],
)
def test_bad_files_get_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "report.png"
    path.write_bytes(content)
    with pytest.raises(ImageReadError, match=message) as err:
        load_pages(path)
    assert "\n" not in str(err.value)


def test_a_cut_off_jpeg_is_damaged(tmp_path: Path, page: np.ndarray) -> None:
    buf = io.BytesIO()
    Image.fromarray(page).save(buf, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(ImageReadError, match="damaged"):
        load_pages(path)


def test_images_are_known_by_name_or_first_bytes(tmp_path: Path) -> None:
    nameless = tmp_path / "IMG_2041"
    Image.new("L", (10, 10)).save(nameless, "JPEG")
    assert is_image(nameless)
    assert is_image(tmp_path / "scan.WEBP")
    text = tmp_path / "notes"
    text.write_text("WBC 3.1")
    assert not is_image(text)


@pytest.mark.parametrize("degrees", [-3.0, -1.5, 2.0, 3.0])
def test_skew_is_measured(page: np.ndarray, degrees: float) -> None:
    assert skew_angle(_rotate(page, degrees)) == pytest.approx(-degrees, abs=0.25)


def test_a_phone_photo_is_cut_out_along_its_corners(page: np.ndarray) -> None:
    data = phone_photo(page, np.random.default_rng(1))
    photo = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    prepared = prepare(photo)
    assert "page corners" in prepared.steps
    h, w = prepared.image.shape
    assert h / w == pytest.approx(792 / 612, rel=0.1)  # a Letter page again (foreshortened)
    assert prepared.image[:20, :20].mean() > 200  # no desk left in the corner


def test_uneven_light_is_evened_out(page: np.ndarray) -> None:
    w = page.shape[1]
    fall = np.linspace(1.0, 0.45, w, dtype=np.float32)[None, :]
    dim = (page.astype(np.float32) * fall).astype(np.uint8)
    even = even_lighting(dim)
    paper = even[page == 255]
    assert np.percentile(paper, 5) > 200  # the dark side's paper is white again
    assert even[page == 0].mean() < 100  # and the text stays dark


def test_a_scan_that_needs_nothing_is_left_as_it_is(page: np.ndarray) -> None:
    prepared = prepare(np.asarray(render(REPORTS[0], 300)))
    assert prepared.steps == ()
    assert set(np.unique(prepared.binary)) <= {0, 255}


def test_small_text_is_enlarged(page: np.ndarray) -> None:
    prepared = prepare(np.asarray(render(REPORTS[0], 150)))
    assert any(step.startswith("enlarged") for step in prepared.steps)
    assert prepared.image.shape[0] > page.shape[0]


@pytest.mark.parametrize(
    ("picture", "message"),
    [
        (np.full((1100, 850), 255, np.uint8), "shows no printed text"),
        (np.full((300, 200), 255, np.uint8), "too small to read"),
    ],
)
def test_pictures_that_cannot_be_read(picture: np.ndarray, message: str) -> None:
    with pytest.raises(ImageReadError, match=message) as err:
        prepare(picture, "photo.jpg")
    assert "photograph the page flat, in good light, filling the frame" in str(err.value)


def test_a_blurred_photo_is_refused(page: np.ndarray) -> None:
    blurred = cv2.GaussianBlur(np.asarray(render(REPORTS[0], 300)), (0, 0), 7)
    with pytest.raises(ImageReadError, match="too blurred"):
        prepare(blurred, "photo.jpg")


def test_tiny_print_in_a_big_picture_is_too_small(page: np.ndarray) -> None:
    tiny = cv2.resize(page, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    canvas = np.full((2000, 1600), 255, np.uint8)
    canvas[: tiny.shape[0], : tiny.shape[1]] = tiny
    with pytest.raises(ImageReadError, match="too small"):
        prepare(canvas, "photo.jpg")
