"""Read degraded report images and score them against their expected results: the honesty
count (wrong and not marked "needs a look") and the values read right and unflagged.

    python -m tests.ocrimages.evaluate [IMAGES_DIR]   (writes the images first when not given)
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from leukotrack.io.labreport.ocr.read import read_file


@dataclass
class Score:
    right: int = 0  # read exactly, not flagged
    right_flagged: int = 0
    wrong_flagged: int = 0
    wrong_unflagged: int = 0  # the honesty rule: must stay 0
    missing: int = 0  # expected but not read at all (the patient types it)
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.right += other.right
        self.right_flagged += other.right_flagged
        self.wrong_flagged += other.wrong_flagged
        self.wrong_unflagged += other.wrong_unflagged
        self.missing += other.missing
        self.notes += other.notes

    @property
    def total(self) -> int:
        return (
            self.right
            + self.right_flagged
            + self.wrong_flagged
            + self.wrong_unflagged
            + self.missing
        )


def score_image(path: Path) -> Score:
    meta = json.loads(path.with_name(path.name + ".json").read_text())
    reading = read_file(path).reading
    got: dict[str, list] = defaultdict(list)
    for r in reading.results:
        got[r.analyte].append(r)
    s = Score()
    for analyte, value in meta["results"].items():
        rows = got.get(analyte, [])
        if not rows:
            s.missing += 1
            s.notes.append(f"{path.name}: {analyte} not read")
            continue
        for r in rows:
            right = abs(r.value - value) < 1e-9
            if right and not r.needs_review:
                s.right += 1
            elif right:
                s.right_flagged += 1
                s.notes.append(f"{path.name}: {analyte} {r.entered} right but flagged: {r.why}")
            elif r.needs_review:
                s.wrong_flagged += 1
                s.notes.append(
                    f"{path.name}: {analyte} {r.entered} wrong (want {value}), flagged: {r.why}"
                )
            else:
                s.wrong_unflagged += 1
                s.notes.append(
                    f"{path.name}: {analyte} {r.entered} WRONG AND UNFLAGGED (want {value})"
                )
    return s


def score_folder(folder: Path) -> dict[str, Score]:
    per_kind: dict[str, Score] = defaultdict(Score)
    for image in sorted(folder.iterdir()):
        if image.suffix == ".json":
            continue
        meta = json.loads(image.with_name(image.name + ".json").read_text())
        per_kind[meta["degradation"]].add(score_image(image))
    return dict(per_kind)


def main() -> None:
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
    else:
        from tests.ocrimages.degrade import write_all

        folder = Path(tempfile.mkdtemp())
        write_all(folder)
    scores = score_folder(folder)
    print(
        "| degradation | right, unflagged | right, flagged | wrong, flagged | wrong, unflagged | not read |"
    )
    print("|---|---|---|---|---|---|")
    for kind, s in scores.items():
        print(
            f"| {kind} | {s.right}/{s.total} | {s.right_flagged} | {s.wrong_flagged} | {s.wrong_unflagged} | {s.missing} |"
        )
    for s in scores.values():
        for note in s.notes:
            print(note)


if __name__ == "__main__":
    main()
