"""The boxes of a grid's first row printed right after the grid's label.

The form prints a checkbox item's label in the cell left of its grid's first row (「①入手元　※」 beside
「[ ○ ] 本人又は本人の代理人」). Extraction of a workbook's PDF keeps that row's cells in order but
may cut them apart: the label's line is followed by the row's 「[ ○」 cells, and the labels
「] 本人又は本人の代理人」 come lines later. So the line read right after the label (a sub-group's
heading such as 「・識別情報」 is skipped as a heading) that holds nothing but boxes opened and
ticks is the first row's boxes, in order: 「[ ○ [ ○」 under 「主な記録項目」 ticks 個人番号 and
個人番号対応符号, 「[ ○ [」 ticks 個人番号 alone. More boxes than the row has, two ticks in one box, or
a label or closing bracket on the line: nothing is read from it."""

from __future__ import annotations

from piagen.importers import grid, labels
from piagen.importers.labels import Template
from piagen.importers.lines import Line


def boxes(template: Template, pieces: list[Line]) -> dict[str, bool]:
    """The first-row options ticked by the first line read under the grid's label (see module)."""
    first = next((p for p in pieces if p.text.strip()), None)
    if first is None:
        return {}
    line = grid.tokens(first.text, labels.check_options(template))
    if not line or line[0].kind != "open" or any(t.kind not in ("open", "tick") for t in line):
        return {}
    ticks: list[bool] = []
    for token in line:
        if token.kind == "open":
            ticks.append(False)
        elif ticks[-1]:
            return {}  # two ticks in one box: not a box as printed
        else:
            ticks[-1] = True
    rows = grid.rows(template)
    if not rows or len(ticks) > len(rows[0]):
        return {}
    return {option: True for option, ticked in zip(rows[0], ticks, strict=False) if ticked}


def unticked(template: Template, lines: list[Line]) -> set[str]:
    """Options printed with an empty box of their own (「[ ] 民間事業者」) in `lines`."""
    out: set[str] = set()
    options = labels.check_options(template)
    for piece in lines:
        line = grid.tokens(piece.text, options)
        for k, token in enumerate(line):
            if (
                token.kind == "label"
                and k >= 2
                and line[k - 1].kind == "close"
                and line[k - 2].kind == "open"
            ):
                out.add(token.text)
    return out
