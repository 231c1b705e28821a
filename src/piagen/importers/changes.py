"""The 変更箇所 table rebuilt from extracted text, where a PDF's text layer gives the cells of a page
in an order of its own: a row's 変更日 or 提出時期 may stand apart at the page's top or foot, cells of
one row may share a line (「Ⅳ－２①連絡先 電話… 電話… 事後」), a 提出時期 may be glued to the next
row's date (「事後令和4年7月8日」) and the column heads repeat on every page.

Every cell is first typed by what the form says it can hold — a 和暦 date (変更日), 事前/事後
(提出時期), the form's numbering or a 別紙/別添 label (項目) — or else free text (変更前/変更後の記載,
提出時期に係る説明). A row starts at its 項目 (or at a date followed by one); the free cells after it
fill 変更前, 変更後 and then 説明; the dates and 提出時期 that stood apart are given to the rows of
their page that lack one only when they all say the same (so no guess decides which row gets which).
What fits nowhere is returned as unplaced lines, never dropped."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from piagen.importers import values
from piagen.importers.labels import norm
from piagen.importers.lines import Line, width
from piagen.model import change_table

Kind = Literal["date", "item", "free", "timing", "expl"]

_DATE = r"(?:令和|平成|昭和)\s*[元0-9０-９]+\s*年\s*[0-9０-９]+\s*月\s*[0-9０-９]+\s*日"
_WHOLE_DATE = re.compile(rf"^{_DATE}$")
_GLUED_DATE = re.compile(rf"^(.+?)({_DATE})$")
_LEADING_DATE = re.compile(rf"^({_DATE}) +(.+)$")
_TIMING_WORD = re.compile(r"^(?:(.*?) +)?(事前|事後)(?: +(.*))?$")
_TIMING_GLUED = re.compile(r"^(事前|事後)(.*)$")
# A 項目 cell starts with the form's numbering: a part (Ⅰ〜Ⅶ), an annex (（別添N）, 別紙N), or says
# 全般 / 同上 (the same item as the row above).
_ITEM_START = re.compile(r"^\s*(?:[ⅠⅡⅢⅣⅤⅥⅦ]|（別添|\(別添|別紙|全般|同上)")
_SAME = re.compile(r"^\s*同上")


@dataclass
class Piece:
    """One cell (or part of a cell) of the table as the text gives it."""

    kind: Kind
    lines: list[Line]
    opens_row: bool = False  # a date printed on one line with its row's other cells

    @property
    def text(self) -> str:
        return values.text_of(self.lines, narrow=True) or ""


@dataclass
class _Page:
    """The rows begun on one page and the cells of that page that stood apart."""

    rows: list[dict[str, Piece]] = field(default_factory=list)
    dates: list[Piece] = field(default_factory=list)
    timings: list[Piece] = field(default_factory=list)
    head: list[Piece] = field(default_factory=list)
    stray: list[Piece] = field(default_factory=list)


def rows(lines: list[Line], is_header: Any) -> tuple[list[dict[str, Any]], list[Line]]:
    """The rows of a 変更箇所 table from extracted text and the lines that fit no row."""
    pages = [[_pieces(block) for block in _blocks(page)] for page in _pages(lines, is_header)]
    flat = [p for page in pages for block in page for p in block]
    shape = _Shape.of(flat)
    out: list[dict[str, Any]] = []
    stray: list[Line] = []
    for page in pages:
        built = _assemble([p for block in page for p in block], shape)
        _share(built)
        out.extend(_values(row) for row in built.rows)
        stray.extend(line for p in built.stray + built.dates + built.timings + built.head for line in p.lines)
    _split_pairs(out)
    return [r for r in out if r], stray


def _pages(lines: list[Line], is_header: Any) -> list[list[Line]]:
    """The table's lines cut where its column heads repeat (a new page)."""
    pages: list[list[Line]] = [[]]
    for line in lines:
        if is_header(line):
            pages.append([])
        else:
            pages[-1].append(line)
    return [p for p in pages if any(ln.text.strip() for ln in p)]


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines between blank lines: a cell, or cells the extraction set side by side."""
    out: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def _pieces(block: list[Line]) -> list[Piece]:
    """The cells of one block: lines that are (or hold) a date or 提出時期 are cut into their cells;
    the lines between form one cell, a 項目 when it starts with the form's numbering. Text after a
    提出時期 in the same block is its 説明."""
    out: list[Piece] = []
    run: list[Line] = []
    after_timing = False
    for line in block:
        parts = _split_line(line)
        if parts is None:
            run.append(line)
            continue
        if run:
            out.append(_run(run, after_timing))
            run = []
        out.extend(parts)
        after_timing = any(p.kind == "timing" for p in parts)
    if run:
        out.append(_run(run, after_timing))
    return out


def _run(lines: list[Line], after_timing: bool) -> Piece:
    if after_timing:
        return Piece("expl", lines)
    return Piece("item" if _ITEM_START.match(lines[0].text) else "free", lines)


def _split_line(line: Line) -> list[Piece] | None:
    """The cells of a line that holds a date or a 提出時期 (None for a line of plain text)."""
    text = unicodedata.normalize("NFKC", line.text).strip()
    raw = line.text.strip()
    if _WHOLE_DATE.match(text):
        return [Piece("date", [_at(line, raw)])]
    if text in ("事前", "事後"):
        return [Piece("timing", [_at(line, text)])]
    glued = _GLUED_DATE.match(raw)
    if glued and not _TIMING_WORD.match(text):
        # 「事後令和4年7月8日」「根拠法令の誤記載平成31年2月5日」: a cell set against the next date
        date = Piece("date", [_at(line, glued.group(2))], opens_row=True)
        head = glued.group(1).strip()
        timing = _TIMING_GLUED.match(head)
        if timing:
            said = [Piece("expl", [_at(line, timing.group(2).strip())])] if timing.group(2).strip() else []
            return [*said, Piece("timing", [_at(line, timing.group(1))]), date]
        return [date, Piece("expl", [_at(line, head)])]
    leading = _LEADING_DATE.match(raw)
    if leading:
        rest = _split_line(_at(line, leading.group(2))) or _cells(line, leading.group(2))
        return [Piece("date", [_at(line, leading.group(1))], opens_row=True), *rest]
    timing = _TIMING_WORD.match(raw)
    if timing and timing.group(1):
        cells = _cells(line, timing.group(1))
        said = [Piece("expl", [_at(line, timing.group(3))])] if timing.group(3) else []
        return [*cells, Piece("timing", [_at(line, timing.group(2))]), *said]
    return None


def _cells(line: Line, text: str) -> list[Piece]:
    """Cells printed side by side on one line, parted by spaces (a cell's own spaces are full-width)."""
    parts = text.split()
    if len(parts) > 3:
        return [Piece("free", [_at(line, text)])]  # more cells than 項目・変更前・変更後: not parted
    return [Piece("item" if _ITEM_START.match(p) else "free", [_at(line, p)]) for p in parts]


def _at(line: Line, text: str) -> Line:
    return Line(text, line.number, line.page)


@dataclass(frozen=True)
class _Shape:
    """How wide the 説明 column wraps, against the widest free text of the table: a cell of several
    lines that wraps within the 説明 column's width (much narrower than 変更前/変更後) is a 説明."""

    explained: int
    widest: int

    @classmethod
    def of(cls, pieces: list[Piece]) -> _Shape:
        said = [_width(p) for p in pieces if p.kind == "expl" and len(p.lines) > 1]
        free = [_width(p) for p in pieces if p.kind == "free"]
        return cls(max(said, default=0), max(free, default=0))

    def is_explanation(self, piece: Piece) -> bool:
        if not self.explained or self.widest - self.explained < 8 or len(piece.lines) < 2:
            return False
        return _width(piece) <= self.explained + 2


def _width(piece: Piece) -> int:
    return max(width(ln.text.strip()) for ln in piece.lines)


def _assemble(pieces: list[Piece], shape: _Shape) -> _Page:
    """The rows of one page from its cells in text order."""
    page = _Page()
    for n, piece in enumerate(pieces):
        after = pieces[n + 1] if n + 1 < len(pieces) else None
        before = pieces[n - 1] if n else None
        kind = piece.kind
        if kind == "item" and _SAME.match(piece.text) and not (before and before.kind == "date"):
            kind = "free"  # 「同上」 not at a row's start: a 説明 (same as above), not a 項目
        if kind == "date":
            if piece.opens_row or (after is not None and after.kind == "item"):
                page.rows.append({"date": piece})
            else:
                page.dates.append(piece)
        elif kind == "item":
            row = page.rows[-1] if page.rows else None
            if row is not None and list(row) in (["date"], ["date", "explanation"]):
                row["item"] = piece
            else:
                page.rows.append({"item": piece})
        elif kind == "timing":
            _timing(page, piece)
        else:
            _text(page, Piece(kind, piece.lines), shape)
    return page


def _timing(page: _Page, piece: Piece) -> None:
    row = page.rows[-1] if page.rows else None
    if row is not None and "timing" not in row and len(row) > 1:
        row["timing"] = piece
    else:
        page.timings.append(piece)


def _text(page: _Page, piece: Piece, shape: _Shape) -> None:
    """A free cell: the open row's 変更前, then 変更後, then 説明 (after its 提出時期)."""
    if not page.rows:
        page.head.append(piece)
        return
    row = page.rows[-1]
    closed = "timing" in row or ("before" in row and "after" in row)
    if piece.kind == "expl" or closed or ("before" in row and shape.is_explanation(piece)):
        slot = "explanation"
    else:
        slot = "before" if "before" not in row else "after"
    if slot in row:
        page.stray.append(piece)
    else:
        row[slot] = piece


def _share(page: _Page) -> None:
    """Give the dates, 提出時期 and 説明 that stood apart on a page to the page's rows that lack
    one: only when all that stood apart say the same (or one 説明 and one row lacks it)."""
    for slot, pool in (("date", page.dates), ("timing", page.timings)):
        lacking = [r for r in page.rows if slot not in r]
        if len({norm(p.text) for p in pool}) != 1:
            continue
        for row in lacking[: len(pool)]:
            row[slot] = pool.pop()
    lacking = [r for r in page.rows if "explanation" not in r and len(r) > 1]
    if len(page.head) == 1 and len(lacking) == 1:
        lacking[0]["explanation"] = page.head.pop()


def _values(row: dict[str, Piece]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in change_table.fields():
        piece = row.get(key)
        if piece is None:
            continue
        text = re.sub(r"\s+", "", piece.text) if key == "date" else piece.text
        if text:
            out[key] = text
    return out


def _split_pairs(rows: list[dict[str, Any]]) -> None:
    """「記載なし／図内に…を追記」: 変更前 and 変更後 extracted as one cell. Parted after the first line
    when that line is, elsewhere in the table, a 変更前 cell of its own."""
    alone = {r["before"] for r in rows if "before" in r and "\n" not in r["before"]}
    for row in rows:
        text = row.get("before", "")
        first, _, rest = text.partition("\n")
        if "after" not in row and rest and first in alone:
            row["before"], row["after"] = first, rest
