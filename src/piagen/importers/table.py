"""The 変更箇所 table: rows of 変更日, 項目, 変更前の記載, 変更後の記載, 提出時期 and 提出時期に係る説明.
From a PDF the cells are placed by their column (the columns found from where the cells start);
from extracted text the rows are rebuilt from typed cells (importers/changes.py)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from piagen.importers import change_cells, changes, values
from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.model import change_table

_DATE_START = re.compile(r"^\s*(令和|平成|昭和)\s*[元0-9０-９]")
_ITEM_START = re.compile(r"^\s*(?:[ⅠⅡⅢⅣⅤⅥ]|（別添|\(別添|別紙|全般|同上)")
_COLUMN_GAP = 18.0


def is_header(line: Line) -> bool:
    """The column heads, repeated on every page of the table."""
    plain = norm(line.text)
    return sum(word in plain for word in change_table.headings()[:5]) >= 2 or plain in (
        "変更日",
        "時期明",
        "提出時期",
    )


def is_heads_row(line: Line) -> bool:
    """A line holding three or more of the table's column heads (「提出時期に係る説明変更日 項目 変更前の
    記載 …」): the heads of a 変更箇所 table, never an item's label and value (「提出時期に係る説明」
    is the 説明 column's title)."""
    plain = norm(line.text)
    return sum(word in plain for word in change_table.headings()) >= 3


def extent(lines: list[Line]) -> int:
    """How many lines the table takes: from a PDF, the pages that print its column heads (it repeats
    them on every page; what follows — 別紙, another form — is not table) or whose cells start at its
    columns; from text, all."""
    if not lines or not lines[0].page:
        return len(lines)
    pages = {ln.page for ln in lines if is_header(ln)}
    first = lines[0].page
    columns: list[float] = []
    for n, line in enumerate(lines):
        if line.page == first or line.page in pages:
            continue
        if not columns:
            body = [ln for ln in lines[:n] if ln.cells and not is_header(ln)]
            columns = _columns(body) if body else []
        if not _continues(lines[n:], line.page, columns):
            return n
        pages.add(line.page)
    return len(lines)


def _continues(lines: list[Line], page: int, columns: list[float]) -> bool:
    """Whether a page without the column heads (printed without repeated title rows, or with them
    taken for a running header) goes on with the table: its cells start at four of the table's
    columns at least, and nearly all of them at one of its columns."""
    if len(columns) < 5:
        return False
    starts = [x0 for ln in lines if ln.page == page for x0, _, _ in ln.cells]
    hits = [min(range(len(columns)), key=lambda k: abs(columns[k] - x)) for x in starts]
    near = [k for k, x in zip(hits, starts, strict=True) if abs(columns[k] - x) < _COLUMN_GAP / 2]
    return len(set(near)) >= 4 and len(near) >= 0.9 * len(starts)


def rows(lines: list[Line]) -> tuple[list[dict[str, Any]], list[Line]]:
    """The rows of the table and the lines that fit no row."""
    body = [ln for ln in lines if ln.text.strip() and not is_header(ln)]
    if body and all(ln.cells for ln in body):
        columns = _undated(body, _columns(body))
        if len(columns) >= 5:
            return _by_columns(body, columns)
    laid = change_cells.layout(lines, is_header)
    if laid:
        return _by_columns(laid[0], [k * 100.0 for k in range(len(change_table.fields()))])[0], laid[1]
    return changes.rows(lines, is_header)


def _columns(lines: list[Line]) -> list[float]:
    """Left edges of the table's columns: where many cells start. The 変更日 column starts few cells
    (one date a row, while the other columns wrap over many lines): a place where dates start counts."""
    starts = sorted((x0, text) for ln in lines for x0, _, text in ln.cells)
    clusters: list[list[tuple[float, str]]] = []
    for x, text in starts:
        if clusters and x - clusters[-1][-1][0] < _COLUMN_GAP:
            clusters[-1].append((x, text))
        else:
            clusters.append([(x, text)])
    least = max(2, len(starts) // 40)
    dates = [n for n, c in enumerate(clusters) if sum(bool(_DATE_START.match(t)) for _, t in c) >= 2]
    kept = [c for n, c in enumerate(clusters) if len(c) >= least or n == (dates or [-1])[0]]
    return [c[0][0] for c in kept][: len(change_table.fields())]


def _undated(lines: list[Line], columns: list[float]) -> list[float]:
    """A table whose 変更日 column is empty (rows without dates, as a 基礎項目評価書's table may be)
    has no cell starting there: when the first column found holds no date and its cells start like
    項目 cells, the 変更日 column is put back before it."""
    if not columns or len(columns) >= len(change_table.fields()):
        return columns
    first = [t for ln in lines for x0, _, t in ln.cells if abs(x0 - columns[0]) < _COLUMN_GAP / 2]
    if any(_DATE_START.match(t) for t in first) or not any(_ITEM_START.match(t) for t in first):
        return columns
    return [columns[0] - _COLUMN_GAP, *columns]


def _by_columns(lines: list[Line], columns: list[float]) -> tuple[list[dict[str, Any]], list[Line]]:
    ruled = _ruled(lines, columns)
    starts = _row_starts(lines, columns) if ruled else set()
    out: list[dict[str, list[Line]]] = []
    for n, line in enumerate(lines):
        band = (line.page, line.band)
        if ruled and band in starts and (n == 0 or band != (lines[n - 1].page, lines[n - 1].band)):
            out.append({})
        for x0, x1, text in line.cells:
            field = _field(columns, x0)
            starts_row = (field == "date" and _DATE_START.match(text) and not _date_open(out)) or (
                field == "item"
                and _ITEM_START.match(text)
                and out
                and out[-1].get("item")
                and not change_cells.continues_item("".join(p.text for p in out[-1]["item"]), text)
            )
            if not out or (starts_row and not ruled):
                out.append({})
            out[-1].setdefault(field, []).append(Line(text, line.number, line.page, x0, x1))
    return [_row(cells) for cells in changes.rejoin(out)], []


def _field(columns: list[float], x0: float) -> str:
    """The column a cell starting at `x0` is printed in."""
    col = max(k for k, c in enumerate(columns) if c - _COLUMN_GAP / 2 <= x0) if x0 >= columns[0] - 9 else 0
    return change_table.fields()[col]


def _row_starts(lines: list[Line], columns: list[float]) -> set[tuple[int, int]]:
    """The bands that begin a row: those with a 変更日, 項目 or 提出時期. A band with only 変更前・変更後
    の記載 or 説明 is the end of the row above, cut at a page's foot (a row taller than what is left of
    the page is printed in two pieces)."""
    return {
        (ln.page, ln.band)
        for ln in lines
        for x0, _, text in ln.cells
        if text.strip() and _field(columns, x0) in ("date", "item", "timing")
    }


def _ruled(lines: list[Line], columns: list[float]) -> bool:
    """Whether the PDF's own rules between the table's rows tell its rows apart: every line lies in
    a band between two rules, and no band holds two rows (two dates or two 提出時期 in their
    columns). Then a row is what one band holds, whatever the cells' vertical alignment: a 変更日
    centred beside a long 変更前の記載 is printed below that text's first lines."""
    if not lines or not all(ln.band for ln in lines):
        return False
    dates: Counter[tuple[int, int]] = Counter()
    timings: Counter[tuple[int, int]] = Counter()
    date_column, timing_column = columns[0], columns[min(4, len(columns) - 1)]
    for line in lines:
        for x0, _, text in line.cells:
            if abs(x0 - date_column) < _COLUMN_GAP / 2 and _DATE_START.match(text):
                dates[line.page, line.band] += 1
            elif abs(x0 - timing_column) < _COLUMN_GAP / 2 and change_cells.is_timing(text):
                timings[line.page, line.band] += 1
    return max(dates.values(), default=0) <= 1 and max(timings.values(), default=0) <= 1


def _date_open(out: list[dict[str, list[Line]]]) -> bool:
    """The last row's date is started but not finished (「令和5年1」 / 「月25日」)."""
    if not out or "date" not in out[-1] or len(out[-1]) > 1:
        return False
    return not re.search(r"日\s*$", "".join(p.text for p in out[-1]["date"]))


def _row(cells: dict[str, list[Line]]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for field in change_table.fields():
        pieces = cells.get(field)
        if not pieces:
            continue
        text = values.text_of(pieces, narrow=True)
        if field == "date":
            text = re.sub(r"\s+", "", "".join(p.text for p in pieces))
        if text:
            row[field] = text
    return row
