"""Page furniture in extracted text: the page numbers and running headers/footers that a text extraction
(pdftotext, a viewer's copy, an HTML conversion) leaves between one page's last line and the next
page's first — where they would otherwise become part of the value that runs over the page break.
The PDF path leaves them out by position (margins.py); text has no positions, so a line is furniture
when it is a page number of a numbered run (「N / M」 with one M, 「- N -」, 「N頁」, 「N ページ」 with N
rising) or when the same line (page numbers aside) sits beside such page numbers at several breaks."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from piagen.importers.lines import Line

_OF_TOTAL = re.compile(r"^(\d+)\s*[/／]\s*(\d+)$")
_ALONE = re.compile(r"^(?:[-－―‐ー]\s*(\d+)\s*[-－―‐ー]|(?:[pP]\.?\s*)?(\d+)\s*(?:頁|ページ))$")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_MIN_PAGES = 3  # a numbered run of fewer pages is not told apart from values that are numbers
_NEAR = 1  # non-blank lines on each side of a page number where a running header/footer sits


def strip(lines: list[Line]) -> list[Line]:
    """`lines` without page numbers and the running headers/footers printed beside them."""
    numbers = _page_numbers(lines)
    if len(numbers) < _MIN_PAGES:
        return lines
    beside: dict[int, str] = {}
    for at in numbers:
        for n in _near(lines, at):
            if n not in numbers:
                beside[n] = _key(lines[n].text)
    seen = Counter(beside.values())
    running = {key for key, count in seen.items() if count >= max(_MIN_PAGES, len(numbers) // 2)}
    drop = set(numbers) | {n for n, key in beside.items() if key in running}
    return [line for n, line in enumerate(lines) if n not in drop]


def _page_numbers(lines: list[Line]) -> list[int]:
    """Indices of the lines that are page numbers: 「N / M」 with the most common M and N <= M, or
    「- N -」/「N頁」 whose N rise through the text."""
    of_total: list[tuple[int, int, int]] = []
    alone: list[tuple[int, int]] = []
    for n, line in enumerate(lines):
        text = _SPACE.sub(" ", unicodedata.normalize("NFKC", line.text)).strip()
        if m := _OF_TOTAL.match(text):
            of_total.append((n, int(m[1]), int(m[2])))
        elif m := _ALONE.match(text):
            alone.append((n, int(m[1] or m[2])))
    if len(of_total) >= _MIN_PAGES:
        total = Counter(t for _, _, t in of_total).most_common(1)[0][0]
        return [n for n, page, t in of_total if t == total and page <= total]
    rising: list[int] = []
    last = 0
    for n, page in alone:
        if page > last:
            rising.append(n)
            last = page
    return rising if len(rising) >= _MIN_PAGES else []


def _near(lines: list[Line], at: int) -> list[int]:
    out: list[int] = []
    for step in (-1, 1):
        n, found = at + step, 0
        while 0 <= n < len(lines) and found < _NEAR:
            if lines[n].text.strip():
                out.append(n)
                found += 1
            n += step
    return out


def _key(text: str) -> str:
    """A line's text with its page numbers and spacing left out (the header repeats, its number not)."""
    return _DIGITS.sub("#", _SPACE.sub("", unicodedata.normalize("NFKC", text)))
