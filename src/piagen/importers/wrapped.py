"""Label cells wrapped beside their values in text laid out by columns (`pdftotext -layout`, a viewer's
copy keeping positions): a label too long for its column goes on at the start of the next line, after
which the value's own next line follows on the same line —
    「委託先から他者への提供に関するルー    ・再委託の契約の内容を…」
    「ルの内容及びルール遵守の確認方法     委託先に課された全ての…」.
Read line by line, the label's second half lands inside the value and the label is never found whole.
A line whose left cell (from the line's start to a gap of 3 or more spaces) fills its column — it
reaches within a few columns of where the right cell starts — and whose next line again starts with a
left cell that fits in the label's column, with its right cell in the value's column or further right
(the ＜選択肢＞ list beside a ［ ］ choice), is such a wrap: the left cells are joined into one
label line followed by the right cells. The label goes on while each left cell fills the column as far
as the first did (a wider gap is the label's last piece: the next row's label is not joined to it)."""

from __future__ import annotations

import re
from dataclasses import replace

from piagen.importers.lines import Line, width

_GAP = re.compile(r" {3,}")  # layout pads with ASCII spaces (「[ 　 ]」 is a checkbox, not a gap)
_ALIGN = 2  # columns by which the right cells of one row's lines may differ
_FULL = 5  # a left cell ending this many columns or fewer before the right cell filled its column


def join(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    i = 0
    while i < len(lines):
        first = _cells(lines[i].text)
        j = i + 1
        if first is not None:
            label, rights, gap = first[0], [first[1]], first[2] - width(first[0])
            while j < len(lines) and gap <= _FULL:
                more = _cells(lines[j].text)
                if more is None or more[2] < first[2] - _ALIGN or width(more[0]) > first[2] - _ALIGN:
                    # the next line's cells are not in the label's column and the value's (or further
                    # right, where a ＜選択肢＞ list is printed): it is the next row
                    break
                label += more[0]
                rights.append(more[1])
                j += 1
                if more[2] - width(more[0]) > gap:  # this piece ends short of the column: the label's last
                    break
        if j == i + 1:
            out.append(lines[i])
            i += 1
            continue
        out.append(replace(lines[i], text=f"{label}   {rights[0]}"))
        out.extend(replace(lines[k], text=text) for k, text in zip(range(i + 1, j), rights[1:], strict=True))
        i = j
    return out


def _cells(text: str) -> tuple[str, str, int] | None:
    """Left cell, right cell and the right cell's column, when the line starts with a left cell."""
    if not text or text[0] in " \u3000":
        return None
    gap = _GAP.search(text)
    if gap is None or not text[gap.end() :].strip():
        return None
    return text[: gap.start()], text[gap.end() :], width(text[: gap.end()])
