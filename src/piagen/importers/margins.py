"""Running headers and footers of a PDF's pages, left out of its text: what is printed in the page's
margin on many pages (a document's name, 「- 3 -」), and what a page sets apart at its top or bottom
by a blank band and repeats on another page (a sheet printed with Excel's header and footer: the
sheet's name on each of its pages, 「3 / 49」), wherever the margin ends on that paper."""

from __future__ import annotations

import re
from collections import Counter

from piagen.importers.glyphs import Run

_MARGIN = 0.06  # share of the page height where running headers and footers sit
_BAND = 2.0  # glyph heights of blank space that set a header or footer apart from the page's body
_PAGE_NO = re.compile(r"^[\s\-－ー]*[0-9０-９]+\s*(/\s*[0-9０-９]+)?[\s\-－ー]*$")
_WORDS = re.compile(r"\w\w")  # a header says something: not a lone 「。」 or 「-」 wrapped to a page's end
Page = tuple[float, list[Run]]  # the page's height and its runs


def body(pages: list[Page]) -> list[list[Run]]:
    """Each page's runs without its running headers and footers."""
    edges = [_edges(runs) for _, runs in pages]
    seen: Counter[str] = Counter()
    for height, runs in pages:
        seen.update({r.text for r in runs if _in_margin(r, height)})
    many = {text for text, n in seen.items() if len(pages) > 1 and n >= max(2, len(pages) // 2)}
    banded: Counter[str] = Counter(
        text for edge in edges for text in {r.text for r in edge} if _WORDS.search(text)
    )
    out = []
    for (height, runs), edge in zip(pages, edges, strict=True):
        out.append(
            [
                r
                for r in runs
                if not (
                    (_in_margin(r, height) and (r.text in many or _PAGE_NO.match(r.text)))
                    or (id(r) in {id(e) for e in edge} and (banded[r.text] >= 2 or _PAGE_NO.match(r.text)))
                )
            ]
        )
    return out


def _in_margin(run: Run, height: float) -> bool:
    return run.top > height * (1 - _MARGIN) or run.bottom < height * _MARGIN


def _edges(runs: list[Run]) -> list[Run]:
    """The runs of a page's first and last row when a blank band sets that row apart from the rest."""
    if len(runs) < 3:
        return []
    ordered = sorted(runs, key=lambda r: -r.top)
    out: list[Run] = []
    for row, rest in ((_row(ordered, 0), ordered), (_row(ordered[::-1], 0), ordered[::-1])):
        after = rest[len(row)] if len(row) < len(rest) else None
        height = max(max(r.top - r.bottom for r in row), 1.0)
        if after is not None and _gap(row, after) >= _BAND * height:
            out.extend(row)
    return out


def _row(ordered: list[Run], start: int) -> list[Run]:
    """The runs sharing a baseline with ordered[start], in order."""
    first = ordered[start]
    middle = (first.top + first.bottom) / 2
    out = [first]
    for run in ordered[start + 1 :]:
        if not run.bottom <= middle <= run.top:
            break
        out.append(run)
    return out


def _gap(row: list[Run], after: Run) -> float:
    first = row[0]
    return first.bottom - after.top if after.top <= first.bottom else after.bottom - first.top
