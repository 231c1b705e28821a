"""The 変更箇所 table: rows of 変更日, 項目, 変更前の記載, 変更後の記載, 提出時期 and 提出時期に係る説明.
From a PDF the cells are placed by their column (the columns found from where the cells start);
from extracted text a row starts at its date and its cells are the blocks between blank lines."""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

from piagen.importers import changes, values
from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.model import change_table

_DATE_START = re.compile(r"^\s*(令和|平成|昭和)\s*[元0-9０-９]")
_TIMING = re.compile(r"(?:^|\s)(事前|事後)(?:\s+(.*))?$")
_DATE_END = re.compile(r"^(.*?)((?:令和|平成|昭和)\s*[元0-9０-９]+年\s*[0-9０-９]+月\s*[0-9０-９]+日)\s*$")
_EXTRA = "\x00extra"  # cells of a text row that fit no column (reported, never dropped)
_EXPLAINED = "\x00説明:"  # marks a 説明 found before its row's date
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


def extent(lines: list[Line]) -> int:
    """How many lines the table takes: from a PDF, the pages that print its column heads (it repeats
    them on every page; what follows — 別紙, another form — is not table); from text, all."""
    if not lines or not lines[0].page:
        return len(lines)
    pages = {ln.page for ln in lines if is_header(ln)}
    first = lines[0].page
    for n, line in enumerate(lines):
        if line.page != first and line.page not in pages:
            return n
    return len(lines)


def rows(lines: list[Line]) -> tuple[list[dict[str, Any]], list[Line]]:
    """The rows of the table and the lines that fit no row."""
    body = [ln for ln in lines if ln.text.strip() and not is_header(ln)]
    if body and all(ln.cells for ln in body):
        columns = _columns(body)
        if len(columns) >= 5:
            return _by_columns(body, columns)
    if os.environ.get("OLDCH"):
        return _by_blocks([ln for ln in lines if not is_header(ln)])
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


def _by_columns(lines: list[Line], columns: list[float]) -> tuple[list[dict[str, Any]], list[Line]]:
    out: list[dict[str, list[Line]]] = []
    for line in lines:
        for x0, x1, text in line.cells:
            col = (
                max(k for k, c in enumerate(columns) if c - _COLUMN_GAP / 2 <= x0)
                if x0 >= columns[0] - 9
                else 0
            )
            field = change_table.fields()[col]
            starts_row = (field == "date" and _DATE_START.match(text) and not _date_open(out)) or (
                field == "item"
                and _ITEM_START.match(text)
                and out
                and out[-1].get("item")
                and not (out[-1].get("date") and not out[-1].get("item"))
            )
            if not out or starts_row:
                out.append({})
            out[-1].setdefault(field, []).append(Line(text, line.number, line.page, x0, x1))
    return [_row(cells) for cells in out], []


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


def _by_blocks(lines: list[Line]) -> tuple[list[dict[str, Any]], list[Line]]:
    """Rows from extracted text: a row starts at its 変更日; blank lines part its cells."""
    groups: list[list[Line]] = []
    stray: list[Line] = []
    for line in lines:
        glued = _DATE_END.match(line.text)
        if glued and glued.group(1).strip() and not _DATE_START.match(line.text):
            # 「根拠法令の誤記載平成31年2月5日」: the 説明 cell extracted against the next row's date
            date = Line(glued.group(2), line.number, line.page)
            said = Line(_EXPLAINED + glued.group(1).strip(), line.number)
            groups.append([date, Line("", line.number), said, Line("", line.number)])
        elif _DATE_START.match(line.text) or _one_line_row({}, line.text.strip()):
            groups.append([line])  # a row starts at its 変更日, or is one line of one-word cells
        elif groups:
            groups[-1].append(line)
        elif line.text.strip():
            stray.append(line)
    rows = []
    for group in groups:
        row = _text_row(group)
        extra = row.pop(_EXTRA, [])
        # Cells beyond 項目・変更前・変更後 before the 提出時期 fit no column: kept as unplaced.
        stray.extend(
            Line(part, group[0].number, group[0].page) for text in extra for part in text.split("\n")
        )
        rows.append(row)
    return rows, stray


def _text_row(lines: list[Line]) -> dict[str, Any]:
    first = unicodedata.normalize("NFKC", lines[0].text).strip()
    date_match = re.match(r"^((?:令和|平成|昭和)\s*[元0-9]+年\s*[0-9]+月\s*[0-9]+日)\s*(.*)$", first)
    row: dict[str, Any] = {}
    rest_first = ""
    if date_match:
        row["date"] = re.sub(r"\s+", "", lines[0].text.strip()[: len(date_match.group(1))])
        rest_first = lines[0].text.strip()[len(date_match.group(1)) :].strip()
    blocks: list[list[Line]] = [[Line(rest_first, lines[0].number)]] if rest_first else []
    current: list[Line] = []
    for line in lines[1:]:
        if not line.text.strip():
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return _fill(row, blocks)


def _fill(row: dict[str, Any], blocks: list[list[Line]]) -> dict[str, Any]:
    explained = [b for b in blocks if b and b[0].text.startswith(_EXPLAINED)]
    for block in explained:
        row["explanation"] = block[0].text[len(_EXPLAINED) :]
        blocks = [b for b in blocks if b is not block]
    if blocks and len(blocks[0]) == 1 and _one_line_row(row, blocks[0][0].text):
        return row
    cells: list[str] = []
    for n, block in enumerate(blocks):
        last = block[-1].text.strip()
        timing = _TIMING.search(last)
        if timing and "timing" not in row:
            head = last[: timing.start()].strip()
            kept = [*block[:-1], Line(head, block[-1].number)] if head else block[:-1]
            if kept:
                cells.extend(_split_pair(kept, len(cells)))
            row["timing"] = timing.group(1)
            tail = [timing.group(2) or ""] + [values.text_of(b, narrow=True) or "" for b in blocks[n + 1 :]]
            if any(t.strip() for t in tail):
                row["explanation"] = "\n".join(t for t in tail if t.strip())
            break
        cells.append(values.text_of(block, narrow=True) or "")
    if len(cells) > 3:
        row[_EXTRA] = cells[3:]
    for field, text in zip(("item", "before", "after"), cells, strict=False):
        if text:
            row[field] = text
    return row


def _one_line_row(row: dict[str, Any], text: str) -> bool:
    """「別紙１ 提供先５５、５６、５７ 削除 事後 提供先の誤記載」: a row whose cells are one word each,
    read when exactly 項目, 変更前 and 変更後 stand before the 提出時期."""
    timing = re.search(r"\s(事前|事後)(?:\s+(.*))?$", text)
    if not timing:
        return False
    cells = text[: timing.start()].split()
    if len(cells) != 3:
        return False
    row.update(zip(("item", "before", "after"), cells, strict=True))
    row["timing"] = timing.group(1)
    if timing.group(2):
        row.setdefault("explanation", timing.group(2).strip())
    return True


def _split_pair(block: list[Line], filled: int) -> list[str]:
    """「変更前 変更後」 printed on one line: two cells when the row still lacks both."""
    text = values.text_of(block, narrow=True) or ""
    if filled == 1 and len(block) == 1 and text.count(" ") == 1:
        return text.split(" ")
    return [text]
