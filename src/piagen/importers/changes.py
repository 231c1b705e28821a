"""The 変更箇所 table rebuilt from extracted text, where a PDF's text layer gives the cells of a page
in an order of its own: a row's 変更日 or 提出時期 may stand apart at the page's top or foot, cells of
one row may share a line (「Ⅳ－２①連絡先 電話… 電話… 事後」), a 提出時期 may be glued to the next
row's date (「事後令和4年7月8日」) and the column heads repeat on every page.

Every cell is first typed by what the form says it can hold (importers/change_cells.py). A row starts at
its 項目 (or at a date followed by one); the free cells after it fill 変更前, 変更後 and then 説明;
the dates and 提出時期 that stood apart are given to the rows of their page that lack one only when
they all say the same (so no guess decides which row gets which).
What fits nowhere is returned as unplaced lines, never dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from piagen.importers import change_cells, change_fill, change_pairs
from piagen.importers.labels import norm
from piagen.importers.lines import Line, blocks
from piagen.importers.reader import Index
from piagen.model import change_table

_PAGE_NO = re.compile(r"^\s*[0-9０-９]{1,3}\s*$")


@dataclass
class _Page:
    """The rows begun on one page and the cells of that page that stood apart."""

    rows: list[dict[str, change_cells.Piece]] = field(default_factory=list)
    dates: list[change_cells.Piece] = field(default_factory=list)
    timings: list[change_cells.Piece] = field(default_factory=list)
    head: list[change_cells.Piece] = field(default_factory=list)
    stray: list[change_cells.Piece] = field(default_factory=list)
    orphans: set[int] = field(default_factory=set)  # lines whose tied cells found no open row
    trail: list[change_cells.Piece] = field(default_factory=list)  # 説明 met after rows closed, in a run
    early: list[change_cells.Piece] = field(default_factory=list)  # 説明 placed before their row's 提出時期


def rows(lines: list[Line], is_header: Any) -> tuple[list[dict[str, Any]], list[Line]]:
    """The rows of a 変更箇所 table from extracted text and the lines that fit no row."""
    pages = [
        [p for block in blocks(page) for p in change_cells.pieces(block)]
        for page in change_cells.pages(lines, is_header)
    ]
    pages = change_cells.cut_items(pages)
    shape = change_cells.Shape.of([p for page in pages for p in page])
    built = [_assemble(page, shape) for page in pages]
    loose: list[change_cells.Piece] = []
    for page in built:
        _share(page, shape)
        loose.extend(page.stray + page.dates + page.timings + page.head)
    found = [row for page in built for row in page.rows]
    change_pairs.split_pairs(found, shape)
    found, loose = change_fill.fill(found, loose)
    stray = [line for p in loose for line in p.lines]
    joined = rejoin([{k: p.lines for k, p in row.items()} for row in found])
    rows = [{k: change_cells.Piece("free", v) for k, v in row.items()} for row in joined]
    return [v for v in (_values(row) for row in rows) if v], stray


def _assemble(pieces: list[change_cells.Piece], shape: change_cells.Shape) -> _Page:
    """The rows of one page from its cells in text order."""
    page = _Page()
    for n, piece in enumerate(pieces):
        if piece.kind not in ("free", "expl"):
            page.trail.clear()
        after = pieces[n + 1] if n + 1 < len(pieces) else None
        before = pieces[n - 1] if n else None
        kind = piece.kind
        if piece.tied and piece.lines[0].number in page.orphans:
            page.stray.append(piece)
            continue
        if kind == "item" and change_cells.SAME.match(piece.text) and not (before and before.kind == "date"):
            kind = "free"  # 「同上」 not at a row's start: a 説明 (same as above), not a 項目
        row = page.rows[-1] if page.rows else None
        opens = piece.opens_row or (after is not None and after.kind == "item")
        if kind == "date" and not opens and row is not None and _waits(row):
            _text(page, replace(piece, kind="free"), shape)  # 「Ⅴ－１①実施日／令和3年3月8日」: a value
        elif kind == "date":
            if opens:
                page.rows.append({"date": piece})
            else:
                page.dates.append(piece)
        elif kind == "item":
            row = page.rows[-1] if page.rows else None
            if row is not None and list(row) in (["date"], ["date", "explanation"]):
                row["item"] = piece
            elif (
                row is not None
                and set(row) <= {"date", "item"}
                and change_cells.continues_item(row["item"].text, piece.text)
            ):
                row["item"] = replace(piece, lines=row["item"].lines + piece.lines)
            else:
                page.rows.append({"item": piece})
        elif kind == "timing":
            _timing(page, piece)
        elif piece.glued:
            _glued_to(page, piece)
        else:
            _text(page, replace(piece, kind=kind), shape)
    return page


def _waits(row: dict[str, change_cells.Piece]) -> bool:
    """A row with its date and 項目 that still waits for its 変更前/変更後 (and so its 提出時期)."""
    return {"date", "item"} <= row.keys() and "after" not in row and "timing" not in row


def _glued_to(page: _Page, piece: change_cells.Piece) -> None:
    """A 説明 glued to the date that opened the last row: the row before's, when it lacks one."""
    rows = [r for r in page.rows[-2:] if "explanation" not in r]
    if rows:
        rows[0]["explanation"] = piece
    else:
        page.stray.append(piece)


def _timing(page: _Page, piece: change_cells.Piece) -> None:
    row = page.rows[-1] if page.rows else None
    if row is not None and "timing" not in row and len(row) > 1:
        row["timing"] = piece
    else:
        page.timings.append(piece)


def _text(page: _Page, piece: change_cells.Piece, shape: change_cells.Shape) -> None:
    """A free cell: the open row's 変更前, then 変更後, then 説明 (after its 提出時期)."""
    row = page.rows[-1] if page.rows else None
    if piece.tied and piece.kind != "expl" and (row is None or "timing" in row):
        page.stray.append(piece)  # the tail of a row whose 項目 is elsewhere: kept as unplaced
        page.orphans.add(piece.lines[0].number)
        return
    if row is None:
        page.head.append(piece)
        return
    if change_pairs.paragraph(row, piece, shape):
        return
    closed = "timing" in row or ("before" in row and "after" in row)
    if piece.kind == "expl" or closed or ("before" in row and change_pairs.said(row, piece, shape)):
        slot = "explanation"
    elif "before" not in row and shape.is_explanation(piece) and len(piece.lines) > 2:
        page.head.append(piece)  # a 説明 where the row's 変更前 should be: whose, is not known
        return
    elif "before" not in row and "after" not in row and (parted := change_cells.pair(piece)):
        for key, part in zip(("before", "after", "explanation"), parted, strict=False):
            if key in row:
                page.stray.append(part)
            else:
                row[key] = part
        return
    else:
        slot = "before" if "before" not in row else "after"
    if slot == "explanation" and "timing" in row and _PAGE_NO.match(piece.text):
        page.stray.append(piece)  # a page's number (「67」) after its last row: no 説明
        return
    if slot == "explanation" and "timing" in row:
        page.trail.append(piece)
    else:
        page.trail.clear()
    if slot not in row:
        row[slot] = piece
        if slot == "explanation" and "timing" not in row and not piece.tied:
            page.early.append(piece)  # (a cell tied to a 提出時期 was printed beside it: not more 変更後)
    elif not _displaces(page, row, piece):
        page.stray.append(piece)


def _displaces(page: _Page, row: dict[str, change_cells.Piece], piece: change_cells.Piece) -> bool:
    """The text printed right after a row's 提出時期 is its 説明: a cell read as the 説明 before that
    提出時期 came, after the 変更後, is then more of the 変更後 (「以下の項目を追加し…」 /
    「「１６．市町村電話番号」、…」: a cell in paragraphs). Whether it displaced it so."""
    said = row.get("explanation")
    if piece.kind != "expl" or piece.glued or "after" not in row or all(said is not p for p in page.early):
        return False
    row["after"] = replace(row["after"], lines=row["after"].lines + said.lines)  # type: ignore[union-attr]
    row["explanation"] = piece
    return True


def _share(page: _Page, shape: change_cells.Shape) -> None:
    """Give the dates, 提出時期 and 説明 that stood apart on a page to the page's rows that lack
    one: only when all that stood apart say the same (or one 説明-shaped cell and one row lacks it)."""
    _join(page)
    _trailing(page)
    for slot, pool in (("date", page.dates), ("timing", page.timings)):
        lacking = [r for r in page.rows if slot not in r]
        if len({norm(p.text) for p in pool}) != 1:
            continue
        for row in lacking[: len(pool)]:
            row[slot] = pool.pop()
    lacking = [r for r in page.rows if "explanation" not in r and len(r) > 1]
    if len(page.head) == 1 and len(lacking) == 1 and shape.is_explanation(page.head[0]):
        lacking[0]["explanation"] = page.head.pop()


def _trailing(page: _Page) -> None:
    """Several 説明 in a run after the page's rows are closed, as many as the page's rows without a
    説明: the page's 説明 column extracted apart from its rows, in an order of its own (高槻住基:
    「規則を明確にしていなかったため。」 extracted last, for the second of six rows), so the last row
    does not take the first. They go to those rows only when they all say the same; else they are kept
    as unplaced. (Fewer than those rows: the run is not known to be that column; left as read.)"""
    trail = page.trail
    if len(trail) < 2:
        return
    mine = [r for r in page.rows if any(r.get("explanation") is p for p in trail)]
    lacking = [r for r in page.rows if len(r) > 1 and ("explanation" not in r or r in mine)]
    if len(lacking) != len(trail):
        return
    for row in mine:
        del row["explanation"]
    page.stray = [p for p in page.stray if all(p is not t for t in trail)]
    if len({norm(p.text) for p in trail}) == 1:
        for row, piece in zip(lacking, trail, strict=True):
            row["explanation"] = piece
    else:
        page.stray.extend(trail)


def _join(page: _Page) -> None:
    """A row without its 項目 (「令和3年9月15日 令和3年3月8日 令和3年9月15日 事後」) and a 項目 without
    its 変更前/変更後, when each is the only one of its kind on the page, are one row."""
    headless = [r for r in page.rows if "item" not in r and ("before" in r or "after" in r)]
    bare = [r for r in page.rows if "item" in r and "before" not in r and "after" not in r]
    if len(headless) != 1 or len(bare) != 1:
        return
    tail, head = headless[0], bare[0]
    if any(norm(tail[k].text) != norm(head[k].text) for k in tail.keys() & head.keys()):
        return
    head.update(tail)
    page.rows.remove(tail)


def _values(row: dict[str, change_cells.Piece]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in change_table.fields():
        piece = row.get(key)
        if piece is None:
            continue
        text = re.sub(r"\s+", "", piece.text) if key == "date" else piece.text
        if text:
            out[key] = text
    return out


def rejoin(rows: list[dict[str, list[Line]]]) -> list[dict[str, list[Line]]]:
    """Rows (as their cells' lines) with a row printed in pieces put back together: a long row is cut
    where a page may end, and each later piece repeats the row's 項目 marked 「（続き）」."""
    out: list[dict[str, list[Line]]] = []
    for row in rows:
        last = out[-1] if out else None
        if last is not None and _continued(last, row):
            for key in ("before", "after", "explanation"):
                last.setdefault(key, []).extend(row.get(key, []))
        else:
            out.append(row)
    return out


def _continued(last: dict[str, list[Line]], row: dict[str, list[Line]]) -> bool:
    def text(r: dict[str, list[Line]], key: str) -> str:
        return norm("".join(p.text for p in r.get(key, [])))

    item, mark = text(row, "item"), norm(change_cells.CONTINUED)
    same_date = not text(row, "date") or text(row, "date") == text(last, "date")
    return item.endswith(mark) and item[: -len(mark)] == text(last, "item") and same_date


def _back(lines: list[Line], t: int, stop: Any) -> int:
    """Where the lines before line `t` that are no form text begin. A label quoted inside a 項目
    cell (「Ⅲ　７．特定個人情報の保管／⑨過去３年以内に…」: its block starts with a part and an
    item number, which no label of the form does) is no stop."""
    k = t
    while k > 0:
        kind = stop(k - 1)
        if not kind:
            k -= 1
            continue
        start = k - 1
        while start > 0 and lines[start - 1].text.strip():
            start -= 1
        if kind != 2 or start == k - 1 or not change_cells.ITEM_REF.match(lines[start].text):
            return k
        k = start
    return k


def _value_kept(lines: list[Line], k: int, t: int) -> int:
    """Past the value of the label before line `k` (the lines up to the next blank line), which
    stays; unless that label's block is a 項目 cell whose row follows on one line
    (「Ⅱ特定個人情報ファイルの概／要（１）住民基本台帳ファイル／５．特定個人情報の提供・移転」, then
    「提供先２１以降を別紙記載 全提供先を別紙１に記載 事後 表記方法の変更」): then from the block's start."""
    start = k - 1
    while start > 0 and lines[start - 1].text.strip():
        start -= 1
    end = k
    while end < t and lines[end].text.strip():
        end += 1
    after = next((ln for ln in lines[end:t] if ln.text.strip()), None)
    if after is not None and change_cells.starts_item(lines[start].text) and change_cells.row_on_line(after):
        return start
    return end


_CHOICES = re.compile(r"＜選択肢＞|^\s*[0-9０-９]+\s*[)）]|[\[\]［］]")


def gather_before_title(index: Index, lines: list[Line], is_table: Any, is_header: Any) -> list[Line]:
    """`gather` for a document read with the form's labels (`index`): the title is the label of the
    table's item (`is_table` of its path); form text is a label, a ＜選択肢＞ block, option or checkbox."""

    def is_title(n: int) -> bool:
        found = index.match(lines, n)
        return bool(found) and any(is_table(item.path) for item in found[0])  # type: ignore[index]

    def stop(n: int) -> int:
        return 1 if _CHOICES.search(lines[n].text) else 2 if index.match(lines, n) else 0

    return gather(lines, is_title, stop, is_header)


def gather(lines: list[Line], is_title: Any, stop: Any, is_header: Any) -> list[Line]:
    """The lines with the cells the extraction set before the table's title (the first page's
    dates, 提出時期 and even whole rows, printed before the title in the text layer) moved to just
    after its column heads. They are the lines back from the title to the last form text before it
    (`stop`: 1 for a ＜選択肢＞ block, option or checkbox, 2 for an item's label, whose value — the
    lines up to the next blank line — stays), and only when they hold a date or a 提出時期 cell
    (「提供先２１以降を別紙記載 全提供先を別紙１に記載 事後 表記方法の変更」)."""
    for t in range(len(lines)):
        if not is_title(t):
            continue
        near = [n for n in range(t + 1, len(lines)) if lines[n].text.strip()][:40]
        head = next((n for n in near if is_header(lines[n])), None)
        if head is None:
            continue  # the 項目一覧 names the table too; the table itself starts with its heads
        k = _back(lines, t, stop)
        if k > 0 and stop(k - 1) == 2:
            k = _value_kept(lines, k, t)
        moved = lines[k:t]
        if not any(change_cells.holds_date_or_timing(ln) for ln in moved):
            return lines
        gap = [Line("", lines[head].number, lines[head].page)]
        return [*lines[:k], *lines[t : head + 1], *gap, *moved, *gap, *lines[head + 1 :]]
    return lines
