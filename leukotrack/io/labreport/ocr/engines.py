"""The OCR engines behind one small interface: a prepared page in, words with boxes and
confidences (0..1) out. Tesseract 5 (through tesserocr, in-process) is the one LeukoTrack uses;
RapidOCR can be swapped in (docs/ocr-engine.md has the measurements behind the choice).

No engine may fetch anything: Tesseract reads its language file from disk, RapidOCR is handed
the model files inside its wheel by path.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from leukotrack.domain.errors import LeukoTrackError
from leukotrack.io.labreport.ocr.images import Gray
from leukotrack.io.labreport.words import Word

INSTALL_HINT = (
    "Reading photos and scans needs the Tesseract OCR engine and its English model: run "
    "`make run` again (it installs both), or `sudo apt-get install tesseract-ocr-eng` and "
    "`pip install tesserocr`. PDF reports with text keep working without it."
)
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    r"C:\Program Files\Tesseract-OCR\tessdata",
)


class OcrUnavailableError(LeukoTrackError):
    """No OCR engine is installed; the message says how to install one."""


class OcrEngine(Protocol):
    name: str
    wants_binary: bool  # reads the thresholded page better than the evened greyscale one

    def words(self, image: Gray) -> list[Word]:
        """The words on a prepared page, boxes in its pixels, confidence 0..1."""
        ...


def tessdata_dir() -> Path | None:
    """Where eng.traineddata is: the bundle's own copy, TESSDATA_PREFIX, or the system's."""
    candidates: list[str] = []
    if frozen := getattr(sys, "_MEIPASS", None):
        candidates.append(str(Path(frozen) / "tessdata"))
    for env in ("LEUKOTRACK_TESSDATA", "TESSDATA_PREFIX"):
        if value := os.environ.get(env):
            candidates += [value, str(Path(value) / "tessdata")]
    candidates += TESSDATA_DIRS
    for folder in candidates:
        if (Path(folder) / "eng.traineddata").is_file():
            return Path(folder)
    return None


class TesseractEngine:
    """Tesseract 5's LSTM recogniser through tesserocr's in-process API (no subprocess, no
    temporary files). Page segmentation "sparse text" finds table cells as separate words."""

    name = "tesseract"
    wants_binary = True  # as many values right, fewer left unread (docs/ocr-engine.md)

    def __init__(self, tessdata: Path) -> None:
        import tesserocr

        self._api = tesserocr.PyTessBaseAPI(
            path=str(tessdata),
            lang="eng",
            psm=tesserocr.PSM.SPARSE_TEXT,
            oem=tesserocr.OEM.LSTM_ONLY,
        )
        self._level = tesserocr.RIL.WORD
        self.version = tesserocr.tesseract_version().split()[1]

    def words(self, image: Gray) -> list[Word]:
        height, width = image.shape
        pixels = np.ascontiguousarray(image)
        self._api.SetImageBytes(pixels.tobytes(), width, height, 1, width)
        self._api.SetSourceResolution(300)
        self._api.Recognize()
        found: list[Word] = []
        iterator = self._api.GetIterator()
        if iterator is None:
            return found
        while True:
            text = (iterator.GetUTF8Text(self._level) or "").strip()
            box = iterator.BoundingBox(self._level)
            if text and box is not None:
                x0, y0, x1, y1 = box
                confidence = max(0.0, min(1.0, iterator.Confidence(self._level) / 100))
                found.append(Word(text, float(x0), float(y0), float(x1), float(y1), confidence))
            if not iterator.Next(self._level):
                break
        return found

    def close(self) -> None:
        self._api.End()


class RapidOcrEngine:
    """RapidOCR (PP-OCR models on onnxruntime), given the models inside its wheel by path so it
    never downloads. It finds text lines; words are cut from each line by their share of its
    characters (its boxes are line boxes)."""

    name = "rapidocr"
    wants_binary = False

    def __init__(self) -> None:
        import rapidocr_onnxruntime as rapid

        models = Path(rapid.__file__).parent / "models"
        self._ocr = rapid.RapidOCR(
            det_model_path=str(models / "ch_PP-OCRv4_det_infer.onnx"),
            rec_model_path=str(models / "ch_PP-OCRv4_rec_infer.onnx"),
            cls_model_path=str(models / "ch_ppocr_mobile_v2.0_cls_infer.onnx"),
            use_cls=False,
        )

    def words(self, image: Gray) -> list[Word]:
        result, _ = self._ocr(image)
        found: list[Word] = []
        for points, text, score in result or ():
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            found += split_line(text, min(xs), min(ys), max(xs), max(ys), float(score))
        return found


def split_line(
    text: str, x0: float, top: float, x1: float, bottom: float, confidence: float
) -> list[Word]:
    """A recognised line cut into words, each with the slice of the line's box its characters
    take (engines that only box whole lines)."""
    per_char = (x1 - x0) / max(len(text), 1)
    words: list[Word] = []
    start = 0
    for part in text.split(" "):
        if part:
            words.append(
                Word(
                    part,
                    x0 + start * per_char,
                    top,
                    x0 + (start + len(part)) * per_char,
                    bottom,
                    confidence,
                )
            )
        start += len(part) + 1
    return words


_ENGINE: OcrEngine | None = None


def default_engine() -> OcrEngine:
    """The installed engine (made once per process: loading a model takes a moment)."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = _make_engine()
    return _ENGINE


def _make_engine() -> OcrEngine:
    wanted: Sequence[str] = (os.environ.get("LEUKOTRACK_OCR_ENGINE") or "tesseract").split(",")
    if "rapidocr" in wanted:
        try:
            return RapidOcrEngine()
        except ImportError:
            pass
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        raise OcrUnavailableError(INSTALL_HINT) from None
    tessdata = tessdata_dir()
    if tessdata is None:
        raise OcrUnavailableError(INSTALL_HINT)
    return TesseractEngine(tessdata)
