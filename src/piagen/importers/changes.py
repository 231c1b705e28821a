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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal

from piagen.importers import values
from piagen.importers.labels import norm
from piagen.importers.lines import Line, width
from piagen.model import change_table, form

Kind = Literal["date", "item", "free", "timing", "expl"]

_DATE = r"(?:令和|平成|昭和)\s*[元0-9０-９]+\s*年\s*[0-9０-９]+\s*月\s*[0-9０-９]+\s*日"
_WHOLE_DATE = re.compile(rf"^{_DATE}$")
_DATE_IN = re.compile(_DATE)
_GLUED_DATE = re.compile(rf"^(.+?)({_DATE})$")
_LEADING_DATE = re.compile(rf"^({_DATE}) +(.+)$")


@lru_cache(maxsize=1)
def _options() -> tuple[str, ...]:
    """The 提出時期 options of the form: 事前, 事後."""
    row = form.resolve(form.schema()["$defs"]["changes"]["items"])
    return tuple(str(o) for o in form.resolve(row["properties"]["timing"]).get("enum") or [] if o)


def _timings() -> str:
    return "|".join(re.escape(o) for o in _options())


def _timing_word() -> re.Pattern[str]:
    return re.compile(rf"^(?:(.*?) +)?({_timings()})(?: +(.*))?$")


def _timing_glued() -> re.Pattern[str]:
    return re.compile(rf"^({_timings()})(.*)$")


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
    tied: bool = False  # printed on one line with a 提出時期: belongs to that 提出時期's row
    glued: bool = False  # a 説明 printed against the next row's date

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
    orphans: set[int] = field(default_factory=set)  # lines whose tied cells found no open row


def rows(lines: list[Line], is_header: Any) -> tuple[list[dict[str, Any]], list[Line]]:
    """The rows of a 変更箇所 table from extracted text and the lines that fit no row."""
    pages = [[p for block in _blocks(page) for p in _pieces(block)] for page in _pages(lines, is_header)]
    pages = _cut_items(pages)
    shape = _Shape.of([p for page in pages for p in page])
    built = [_assemble(page, shape) for page in pages]
    stray: list[Line] = []
    for page in built:
        _share(page)
        stray.extend(line for p in page.stray + page.dates + page.timings + page.head for line in p.lines)
    found = [row for page in built for row in page.rows]
    _split_pairs(found)
    return [v for v in (_values(row) for row in found) if v], stray


def _pages(lines: list[Line], is_header: Any) -> list[list[Line]]:
    """The table's lines cut where its column heads repeat (a new page). A heading standing alone
    (「項目」, 「提出時期に係る説明」: the heads scattered by the extraction) is no cell."""
    alone = {norm(h) for h in change_table.headings()}
    pages: list[list[Line]] = [[]]
    heads = 0
    for line in lines:
        if norm(line.text) in alone:
            continue
        if is_header(line):
            heads += 1
            if heads > 1:  # the first heads are on the title's page
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
            out.extend(_run(run, after_timing))
            run = []
        out.extend(parts)
        after_timing = any(p.kind == "timing" for p in parts)
    if run:
        out.extend(_run(run, after_timing))
    return out


def _run(lines: list[Line], after_timing: bool) -> list[Piece]:
    if after_timing:
        return [Piece("expl", lines)]
    if not _ITEM_START.match(lines[0].text):
        return [Piece("free", lines)]
    if len(lines) == 1 and " " in lines[0].text.strip():
        return _cells(lines[0], lines[0].text.strip())  # 「Ⅱ－４委託事項３ （記載なし）」
    return [Piece("item", lines)]


def _cut_items(pages: list[list[Piece]]) -> list[list[Piece]]:
    """A 項目 cell wraps within its narrow column: a line wider than that column, met inside a 項目,
    begins the next cell (「Ⅰ－４個人番号の利用／番号法第9条第１項別表第一第10の項、第93条…」), and
    text whose first line is that wide is no 項目 (「別紙（個人情報に関する…）を参照」)."""
    wrapped = sorted(
        width(ln.text.strip()) for page in pages for p in page if p.kind == "item" for ln in p.lines[:-1]
    )
    if len(wrapped) < 3:
        return pages
    limit = wrapped[len(wrapped) // 2] + 4
    out: list[list[Piece]] = []
    for page in pages:
        cut: list[Piece] = []
        for p in page:
            wide = next((n for n, ln in enumerate(p.lines) if width(ln.text.strip()) > limit), None)
            if p.kind != "item" or wide is None:
                cut.append(p)
            elif wide == 0:
                cut.append(replace(p, kind="free"))  # 「別紙（…）を参照」: a 変更前/変更後 cell
            else:
                cut.extend([replace(p, lines=p.lines[:wide]), Piece("free", p.lines[wide:])])
        out.append(cut)
    return out


def _split_line(line: Line) -> list[Piece] | None:
    """The cells of a line that holds a date or a 提出時期 (None for a line of plain text)."""
    text = unicodedata.normalize("NFKC", line.text).strip()
    raw = line.text.strip()
    if _WHOLE_DATE.match(text):
        return [Piece("date", [_at(line, raw)])]
    if text in _options():
        return [Piece("timing", [_at(line, text)])]
    leading = _LEADING_DATE.match(raw)
    if leading:
        rest = _with_timing(line, leading.group(2)) or _cells(line, leading.group(2))
        return [Piece("date", [_at(line, leading.group(1))], opens_row=True), *rest]
    return _with_timing(line, raw) or _glued(line, raw)


def _with_timing(line: Line, raw: str) -> list[Piece] | None:
    """「Ⅳ－２①連絡先 電話… 電話… 事後 説明」: cells up to a 提出時期 and the 説明 after it. They are
    tied: cells before a 提出時期 that find no open row are not forced into another row's gaps."""
    word = _timing_word().match(raw)
    if word and (word.group(1) or word.group(3)):
        cells_text, option, said = word.group(1) or "", word.group(2), (word.group(3) or "").strip()
    else:
        glued = _timing_glued().match(raw)  # 「事後令和4年7月8日」: the next row's date
        if not glued or not _WHOLE_DATE.match(unicodedata.normalize("NFKC", glued.group(2)).strip()):
            return None
        cells_text, option, said = "", glued.group(1), glued.group(2).strip()
    cells = [replace(p, tied=True) for p in _cells(line, cells_text)]
    tail: list[Piece] = []
    if _WHOLE_DATE.match(unicodedata.normalize("NFKC", said)):
        tail = [Piece("date", [_at(line, said)], opens_row=True)]
    elif said:
        tail = _glued(line, said) or [Piece("expl", [_at(line, said)], tied=True)]
    return [*cells, Piece("timing", [_at(line, option)], tied=True), *tail]


def _glued(line: Line, raw: str) -> list[Piece] | None:
    """「同上令和4年7月8日」「根拠法令の誤記載平成31年2月5日」: a 説明 set against the next row's date;
    it goes to the row before when that lacks a 説明, else to the row the date opens."""
    glued = _GLUED_DATE.match(raw)
    if not glued:
        return None
    date = Piece("date", [_at(line, glued.group(2))], opens_row=True)
    return [date, Piece("expl", [_at(line, glued.group(1).strip())], glued=True)]


def _cells(line: Line, text: str) -> list[Piece]:
    """Cells printed side by side on one line, parted by spaces (a cell's own spaces are full-width)."""
    parts = [p for p in text.strip(" ").split(" ") if p]  # ASCII spaces: 「　」 is in a cell
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
        if piece.tied and piece.lines[0].number in page.orphans:
            page.stray.append(piece)
            continue
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
            elif (
                row is not None
                and set(row) <= {"date", "item"}
                and continues_item(row["item"].text, piece.text)
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


def _glued_to(page: _Page, piece: Piece) -> None:
    """A 説明 glued to the date that opened the last row: the row before's, when it lacks one."""
    rows = [r for r in page.rows[-2:] if "explanation" not in r]
    if rows:
        rows[0]["explanation"] = piece
    else:
        page.stray.append(piece)


def _timing(page: _Page, piece: Piece) -> None:
    row = page.rows[-1] if page.rows else None
    if row is not None and "timing" not in row and len(row) > 1:
        row["timing"] = piece
    else:
        page.timings.append(piece)


def _text(page: _Page, piece: Piece, shape: _Shape) -> None:
    """A free cell: the open row's 変更前, then 変更後, then 説明 (after its 提出時期)."""
    row = page.rows[-1] if page.rows else None
    if piece.tied and piece.kind != "expl" and (row is None or "timing" in row):
        page.stray.append(piece)  # the tail of a row whose 項目 is elsewhere: kept as unplaced
        page.orphans.add(piece.lines[0].number)
        return
    if row is None:
        page.head.append(piece)
        return
    closed = "timing" in row or ("before" in row and "after" in row)
    if piece.kind == "expl" or closed or ("before" in row and shape.is_explanation(piece)):
        slot = "explanation"
    elif shape.is_explanation(piece) and len(piece.lines) > 2:
        page.head.append(piece)  # a 説明 where the row's 変更前 should be: whose, is not known
        return
    elif "before" not in row and "after" not in row and _pair(piece):
        row["before"], row["after"] = _pair(piece)  # type: ignore[misc]
        return
    else:
        slot = "before" if "before" not in row else "after"
    if slot in row:
        page.stray.append(piece)
    else:
        row[slot] = piece


def _pair(piece: Piece) -> tuple[Piece, Piece] | None:
    """「IT政策課 情報戦略室」: 変更前 and 変更後 of one line each, set side by side on one line."""
    parts = [p for p in piece.lines[0].text.strip().split(" ") if p] if len(piece.lines) == 1 else []
    if len(parts) != 2:
        return None
    line = piece.lines[0]
    return Piece("free", [_at(line, parts[0])]), Piece("free", [_at(line, parts[1])])


def _share(page: _Page) -> None:
    """Give the dates, 提出時期 and 説明 that stood apart on a page to the page's rows that lack
    one: only when all that stood apart say the same (or one 説明 and one row lacks it)."""
    _join(page)
    for slot, pool in (("date", page.dates), ("timing", page.timings)):
        lacking = [r for r in page.rows if slot not in r]
        if len({norm(p.text) for p in pool}) != 1:
            continue
        for row in lacking[: len(pool)]:
            row[slot] = pool.pop()
    lacking = [r for r in page.rows if "explanation" not in r and len(r) > 1]
    if len(page.head) == 1 and len(lacking) == 1:
        lacking[0]["explanation"] = page.head.pop()


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


def _split_pairs(rows: list[dict[str, Piece]]) -> None:
    """「記載なし／図内に…を追記」: 変更前 and 変更後 extracted as one cell. Parted after the first line
    when that line is, elsewhere in the table, a 変更前 cell of its own."""
    alone = {norm(r["before"].text) for r in rows if "before" in r and len(r["before"].lines) == 1}
    for row in rows:
        piece = row.get("before")
        if piece and "after" not in row and len(piece.lines) > 1 and norm(piece.lines[0].text) in alone:
            row["before"] = replace(piece, lines=piece.lines[:1])
            row["after"] = replace(piece, lines=piece.lines[1:])


CONTINUED = "（続き）"  # the mark of a row's later piece (as piagen prints it, document/layout.py)
_ANNEX = re.compile(r"^\s*[（(]別添\s*([0-9０-９])\s*[）)]")
_PART = re.compile(r"^\s*([ⅠⅡⅢⅣⅤⅥⅦ])")


@lru_cache(maxsize=1)
def _annex_parts() -> dict[str, frozenset[str]]:
    """For each （別添N）, the parts (Ⅰ, Ⅱ, …) it follows in some form's 項目一覧: the part a 項目 cell
    names before the annex (「Ⅰ基本情報（別添１）事務の内容」)."""
    out: dict[str, set[str]] = {}
    for toc in form.TOC.values():
        part = ""
        for entry in toc:
            numeral, annex = _PART.match(entry), _ANNEX.match(entry)
            if numeral:
                part = numeral.group(1)
            elif annex and part:
                out.setdefault(unicodedata.normalize("NFKC", annex.group(1)), set()).add(part)
    return {k: frozenset(v) for k, v in out.items()}


def continues_item(item: str, text: str) -> bool:
    """Whether a line that starts with （別添N） goes on the 項目 cell `item` rather than begin a row:
    when the cell so far names the part that annex belongs to and no annex yet."""
    annex, part = _ANNEX.match(text), _PART.match(item)
    if not annex or not part or "別添" in item:
        return False
    return part.group(1) in _annex_parts().get(unicodedata.normalize("NFKC", annex.group(1)), frozenset())


def rejoin(rows: list[dict[str, list[Line]]]) -> list[dict[str, list[Line]]]:
    """Rows read by column from a PDF, with a row printed in pieces put back together: a long row is
    cut where a page may end, and each later piece repeats the row's 項目 marked 「（続き）」."""
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

    item, mark = text(row, "item"), norm(CONTINUED)
    same_date = not text(row, "date") or text(row, "date") == text(last, "date")
    return item.endswith(mark) and item[: -len(mark)] == text(last, "item") and same_date


def gather(lines: list[Line], is_title: Any, stop: Any, is_header: Any) -> list[Line]:
    """The lines with the cells the extraction set before the table's title (the first page's
    dates, 提出時期 and even whole rows, printed before the title in the text layer) moved to just
    after its column heads. They are the lines back from the title to the last form text before it
    (`stop`: 1 for a ＜選択肢＞ block, option or checkbox, 2 for an item's label, whose value — the
    lines up to the next blank line — stays), and only when they hold a date."""
    for t in range(len(lines)):
        if not is_title(t):
            continue
        near = [n for n in range(t + 1, len(lines)) if lines[n].text.strip()][:40]
        head = next((n for n in near if is_header(lines[n])), None)
        if head is None:
            continue  # the 項目一覧 names the table too; the table itself starts with its heads
        k = t
        while k > 0 and not stop(k - 1):
            k -= 1
        if k > 0 and stop(k - 1) == 2:
            while k < t and lines[k].text.strip():
                k += 1
        moved = lines[k:t]
        if not any(_DATE_IN.search(unicodedata.normalize("NFKC", ln.text)) for ln in moved):
            return lines
        gap = [Line("", lines[head].number, lines[head].page)]
        return [*lines[:k], *lines[t : head + 1], *gap, *moved, *gap, *lines[head + 1 :]]
    return lines
