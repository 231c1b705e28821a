"""The rules (borders) a PDF page draws, and what they tell of its text: printed tables (the PPC's
様式 filled in a workbook or a word processor) draw each border as a line or a thin rectangle.

- The horizontal rules across at least half the page cut it into bands: a printed table's rows
  (`bands`, used to read the 変更箇所 table and the 別紙 lists row by row).
- Each rule bounds cells: the text of a cell set to be centred (or bottom-aligned) vertically is
  moved up to its cell's top (`top_aligned`), so that it is read where a top-aligned cell would be —
  a label beside the middle of a long value is read before that value, not amid it."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from piagen.importers.glyphs import Run

THICKNESS = 2.5  # points: a drawn border (a line's stroke, or a rectangle that thin)
_SPAN = 0.5  # share of the page's width a rule between a table's rows crosses
_SHORTEST = 6.0  # points: a border of one narrow cell at least
_PAD = 1.5  # points between a top-aligned cell's border and its text (a workbook's printout)
_LOW = 0.3  # glyph heights: text further below its cell's top than this was not top-aligned
_MOST = 600  # rules on one page: a printed 評価書 page draws about 40


@dataclass
class Rules:
    """A page's horizontal rules (height, left, right) and vertical rules (x, bottom, top)."""

    width: float
    across: list[tuple[float, float, float]] = field(default_factory=list)
    down: list[tuple[float, float, float]] = field(default_factory=list)


def of_page(page: object, width: float) -> Rules:
    """The rules page `page` (a pypdfium2 page) draws at its own level (not inside form objects)."""
    import pypdfium2.raw as pdfium_c

    found = Rules(width)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=0):  # type: ignore[attr-defined]
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= THICKNESS and right - left >= _SHORTEST:
            found.across.append(((top + bottom) / 2, left, right))
        elif right - left <= THICKNESS and top - bottom >= _SHORTEST:
            found.down.append(((left + right) / 2, bottom, top))
    found.across = _joined(found.across)
    found.down = _joined(found.down)
    if len(found.across) + len(found.down) > _MOST:
        return Rules(width)  # a drawing (a （別添１） figure), not a form's table
    return found


def _joined(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Rules drawn in pieces (a border segment for each cell, as Excel's and WeasyPrint's PDFs draw
    them) joined where the pieces lie on one line and touch."""
    out: list[tuple[float, float, float]] = []
    for at, start, end in sorted(segments, key=lambda s: (round(s[0] / THICKNESS), s[1])):
        if out and abs(out[-1][0] - at) <= THICKNESS and start <= out[-1][2] + THICKNESS:
            out[-1] = (out[-1][0], out[-1][1], max(out[-1][2], end))
        else:
            out.append((at, start, end))
    return out


def bands(rules: Rules) -> list[float]:
    """The heights of the rules across at least half the page, top first; none when fewer than two."""
    ys: list[float] = []
    for y in sorted(
        (y for y, left, right in rules.across if right - left >= _SPAN * rules.width), reverse=True
    ):
        if not ys or ys[-1] - y > THICKNESS:
            ys.append(y)
    return ys if len(ys) >= 2 else []


def band_of(ys: Sequence[float], run: Run) -> int:
    """The band between two of the rules `ys` (from `bands`) the run's middle sits in, counted from
    the page's top (1, 2, …); 0 when the page has no bands."""
    if not ys:
        return 0
    middle = (run.top + run.bottom) / 2
    return 1 + sum(1 for y in ys if y > middle)


def top_aligned(runs: list[Run], rules: Rules) -> list[Run]:
    """The runs with each ruled cell's text moved up to the cell's top, when it was printed lower (a
    cell centred vertically). A cell is bounded by the nearest rules above and below that cross the
    run's left edge, and by the nearest vertical rule left of it; text in no such cell stays put."""
    if not rules.across:
        return runs
    cells: dict[tuple[float, float, float], list[int]] = defaultdict(list)
    for n, run in enumerate(runs):
        x, middle = run.left + 1.0, (run.top + run.bottom) / 2
        crossing = [y for y, left, right in rules.across if left - THICKNESS <= x <= right + THICKNESS]
        above = [y for y in crossing if y >= run.top - 1.0]
        below = [y for y in crossing if y <= run.bottom + 1.0]
        if not above or not below:
            continue
        top, bottom = min(above), max(below)
        lefts = [v for v, low, high in rules.down if v <= x and low - THICKNESS <= middle <= high + THICKNESS]
        cells[top, bottom, max(lefts, default=-1.0)].append(n)
    # A run's box is its glyphs' own (a dash 「―」 is a hair high): a line is as high as the page's
    # usual line at least.
    usual = statistics.median(r.top - r.bottom for r in runs) if runs else 1.0
    out = list(runs)
    for (top, _, _), members in cells.items():
        heights = [max(runs[n].top - runs[n].bottom, usual, 1.0) for n in members]
        first = max((runs[n].top + runs[n].bottom) / 2 + h / 2 for n, h in zip(members, heights, strict=True))
        shift = top - _PAD - first
        if shift > _LOW * max(heights):
            for n in members:
                out[n] = replace(runs[n], top=runs[n].top + shift, bottom=runs[n].bottom + shift)
    return out
