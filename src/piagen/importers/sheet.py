"""The rows of a page printed from a workbook (the PPC's 様式 is an Excel form, filled in and printed
by hand) told in the words of the printed text: a tick mark alone in the cell beside an option (「○」,
with the text of its （ ） or its count after it), a ※ printed in a cell of its own beside its label,
a label cell that only says 「（続き）」 (a row continuing the item above, often on the next page).
Rows are runs of one baseline, left to right; the result reads as extracted text does."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from piagen.importers.glyphs import Run

_TICKS = "○〇◯●✓✔■☑"
_TICKED = re.compile(rf"^[{_TICKS}](?:[\s　]+(.*))?$")
_MARK = re.compile(r"^[※＊][\s　]*$")
_CONTINUED = re.compile(r"^[\s　]*[（(]\s*続き\s*[)）][\s　]*$")

R = TypeVar("R", bound=Run)


@dataclass
class _Ticked:
    """A ticked option being read: its label and its （ ） text, each maybe wrapped in its cell."""

    label: Run
    text: str
    detail: Run | None
    words: str
    last: Run

    def takes(self, run: Run) -> bool:
        """A line wrapped in the option's text cell, or in its label cell (at the label cell's left
        edge, not indented like the next option, one line down)."""
        height = max(run.top - run.bottom, 1.0)
        if self.detail is not None and abs(run.left - self.detail.left) < 0.8 * height:
            self.words += run.text.strip()
        elif (
            -3 * height < run.left - self.label.left < _SAME_COLUMN
            and not run.text.startswith("\u3000")
            and self.last.bottom - run.top < 0.5 * height
        ):
            self.text += run.text.strip()
        else:
            return False
        self.last = run
        return True

    def run(self, make: Callable[[Run, str], Run]) -> Run:
        return make(self.label, f"[ ○ ] {self.text}" + (f" （ {self.words} ）" if self.words else ""))


def tidied(rows: list[list[Run]], make: Callable[[Run, str], Run]) -> list[list[Run]]:
    """Each row with its printed-workbook cells read as text: `make(run, text)` gives a run with new
    text (the box kept)."""
    out: list[list[Run]] = []
    ticked: _Ticked | None = None  # the last ticked option, whose cells may wrap over the rows below
    for row in rows:
        row = _marks_joined(row, make)
        if row and _CONTINUED.match(row[0].text):
            row = row[1:]
        if not row:
            continue
        if ticked is not None and len(row) == 1 and ticked.takes(row[0]):
            out[-1] = [ticked.run(make)]
            continue
        if _closer_joined(out, row, make):
            continue
        ticked = _ticked(row)
        out.append([ticked.run(make)] if ticked else row)
    return out


_SAME_COLUMN = 3.0  # points: lines of one cell start at one left edge
_CLOSER = re.compile(r"^[）)」』］\]】〕]+$")


def _closer_joined(out: list[list[Run]], row: list[Run], make: Callable[[Run, str], Run]) -> bool:
    """A closing bracket wrapped alone to the next line of its cell (a sheet's line breaking does not
    keep it with the text it closes) goes back to the end of that text."""
    if len(row) != 1 or not out or not _CLOSER.match(row[0].text.strip()):
        return False
    above = out[-1]
    for n, run in enumerate(above):
        height = max(run.top - run.bottom, 1.0)
        near = run.bottom - row[0].top < 1.6 * height
        # at the cell's left edge: that of the line above, or left of it when that line is indented
        if -3 * height < row[0].left - run.left < _SAME_COLUMN and near:
            above[n] = make(run, run.text + row[0].text.strip())
            return True
    return False


def _marks_joined(row: list[Run], make: Callable[[Run, str], Run]) -> list[Run]:
    """A ※ in a cell of its own goes with the label before it (「③対象となる本人の範囲　※」)."""
    out: list[Run] = []
    for run in row:
        if out and _MARK.match(run.text):
            out[-1] = make(out[-1], out[-1].text + "　" + run.text.strip())
        else:
            out.append(run)
    return out


def _ticked(row: list[Run]) -> _Ticked | None:
    """An option's label with a tick mark in the next cell (and what its （ ） holds after the mark,
    in that cell or the next) reads as the form prints a ticked box: 「[ ○ ] 庁内連携システム」,
    「[ ○ ] その他 （ 中間サーバー ）」. A sentence after the mark (「○ を付けた項目が該当。」) is a
    note about the marks, not a ticked option."""
    if len(row) < 2 or not row[0].text.strip():
        return None
    mark = _TICKED.match(row[1].text.strip())
    if not mark or _TICKED.match(row[0].text.strip()):
        return None
    words = " ".join([(mark.group(1) or "").strip(), *(r.text.strip() for r in row[2:])]).strip()
    if "。" in words:
        return None
    detail = row[2] if len(row) > 2 else (row[1] if mark.group(1) else None)
    return _Ticked(row[0], row[0].text.strip(), detail, words, row[-1])


def centred_labels(rows: list[list[Run]], column: float, pitch: float) -> list[list[Run]]:
    """A label cell centred vertically beside a taller value (as many workbooks set their cells) is
    printed level with the middle of the value: moved to the top of the block of rows its value
    makes (rows one line pitch apart, `pitch` in glyph heights), so it is read before that value.
    Only where rows are tight (a printed sheet: lines 1.1 glyphs apart, cells further)."""
    if not 1.3 * pitch < 1.7:
        return rows
    out: list[list[Run]] = []
    for block in _blocks(rows, pitch):
        first_has_label = any(r.left < column for r in block[0])
        moved = [] if first_has_label else [row[0] for row in block[1:] if row[0].left < column]
        if not moved:
            out.extend(block)
            continue
        out.extend([run] for run in moved)
        out.extend(kept for row in block if (kept := [r for r in row if not any(r is m for m in moved)]))
    return out


def _blocks(rows: list[list[Run]], pitch: float) -> list[list[list[Run]]]:
    """Rows in runs one line pitch apart (the lines of the cells of one printed row)."""
    out: list[list[list[Run]]] = []
    for row in rows:
        if out:
            above = out[-1][-1][0]
            height = max(above.top - above.bottom, 1.0)
            if above.top - row[0].top < 1.3 * pitch * height:
                out[-1].append(row)
                continue
        out.append([row])
    return out
