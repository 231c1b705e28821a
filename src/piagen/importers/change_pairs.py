"""変更前 and 変更後 of a 変更箇所 row told apart where the text runs them together: printed in one
block (no blank line between them), in paragraphs (blank lines inside a cell), or beside a 説明-shaped
cell (importers/changes.py assembles the rows; this module decides which of a row's free cells is
its 変更前, its 変更後 or its 説明)."""

from __future__ import annotations

import re
from dataclasses import replace

from piagen.importers import change_cells
from piagen.importers.labels import norm
from piagen.importers.lines import width

_HEADING = re.compile(r"^[＜<【〔]")
_EDGE_SLACK = 4  # display width a line wrapped at the column's edge may fall short of it


def paragraph(
    row: dict[str, change_cells.Piece], piece: change_cells.Piece, shape: change_cells.Shape
) -> bool:
    """A third cell before the row's 提出時期, when 変更前 and 変更後 are printed in paragraphs (a blank
    line inside a cell). One that restates the 変更前, or repeats the ＜…＞ heading of the paragraph just
    before it (the 変更後 repeating the 変更前's unchanged last section: no cell repeats a section twice
    in a row), begins the 変更後: what was read as the 変更後 is more of the 変更前. After a 変更後 that
    restates the 変更前, or under ＜…＞ headings as the 変更後 is, it is the 変更後's next paragraph.
    Whether it was placed so."""
    if piece.kind != "free" or piece.tied or "timing" in row or "explanation" in row:
        return False
    if not {"before", "after"} <= row.keys() or shape.is_explanation(piece):
        return False
    before, after = row["before"], row["after"]
    first = piece.lines[0].text
    heads = [norm(ln.text) for ln in after.lines if _HEADING.match(ln.text.strip())]
    if change_cells.restates(before.lines[0].text, first) or norm(first) in heads[-1:]:
        row["before"], row["after"] = replace(before, lines=before.lines + after.lines), piece
    elif change_cells.restates(before.lines[0].text, after.lines[0].text) or (
        _HEADING.match(first.strip()) and _HEADING.match(after.lines[0].text.strip())
    ):
        row["after"] = replace(after, lines=after.lines + piece.lines)
    else:
        return False
    return True


def said(row: dict[str, change_cells.Piece], piece: change_cells.Piece, shape: change_cells.Shape) -> bool:
    """Whether a free cell after a row's 変更前 is its 説明 rather than its 変更後: shaped like a 説明,
    while the 説明 is still open and the cell does not restate the 変更前 (「提供を行っている（３５）件」 /
    「提供を行っている（５８）件」: narrow, yet the 変更後)."""
    if "explanation" in row or change_cells.restates(row["before"].text, piece.text):
        return False
    return shape.is_explanation(piece)


def split_pairs(rows: list[dict[str, change_cells.Piece]], shape: change_cells.Shape) -> None:
    """変更前 and 変更後 extracted as one cell (no blank line between them), parted where
    `_parting` finds the 変更後 begins."""
    alone = {norm(r["before"].text) for r in rows if "before" in r and len(r["before"].lines) == 1}
    for row in rows:
        piece = row.get("before")
        if not piece or "after" in row or len(piece.lines) < 2:
            continue
        cut = 1 if norm(piece.lines[0].text) in alone else _parting(piece, shape)
        if cut:
            row["before"] = replace(piece, lines=piece.lines[:cut])
            row["after"] = replace(piece, lines=piece.lines[cut:])


def _parting(piece: change_cells.Piece, shape: change_cells.Shape) -> int | None:
    """Where the 変更後 begins in a 変更前 cell of several lines, when one place alone says so: the
    only line (of those before the last) that ends short of the column's edge, so that does not wrap on
    (「109)データ」 / 「109)データ→109)街区情報（街区データ）に変更」 …), or else the only line that
    restates the first (「番号法第１９条第８号　別表第２（１０２の２項）」 / 「番号法第19条第８号に…」).
    Never in a cell shaped like a 説明, after a ＜…＞ heading, nor before a line that goes on with 「→」
    (「⑦時期・頻度」 / 「→全移転先…に変更」 is one cell)."""
    lines = [ln.text.strip() for ln in piece.lines]
    if shape.is_explanation(piece) or _HEADING.match(lines[0]):
        return None
    short = [n + 1 for n, t in enumerate(lines[:-1]) if width(t) < shape.edge - _EDGE_SLACK]
    restated = [n for n in range(1, len(lines)) if change_cells.restates(lines[0], lines[n])]
    for found in (short, restated):
        if len(found) == 1 and not lines[found[0]].startswith("→"):
            return found[0]
    return None
