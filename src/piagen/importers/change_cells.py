"""The cells of a 変更箇所 table as a PDF's text layer gives them, each typed by what the form says
it can hold: a 和暦 date (変更日), a 提出時期 option (事前/事後, read from the schema), the form's
numbering or a 別紙/別添 label (項目), or else free text (変更前/変更後の記載, 提出時期に係る説明).
Lines that hold several cells (「Ⅳ－２①連絡先 電話… 電話… 事後」, 「事後令和4年7月8日」) are cut
into them; the table is cut into pages where its column heads repeat."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from piagen.importers import values
from piagen.importers.labels import norm
from piagen.importers.lines import Line, width
from piagen.model import change_table, form

Kind = Literal["date", "item", "free", "timing", "expl"]

_DATE = r"(?:令和|平成|昭和)\s*[元0-9０-９]+\s*年\s*[0-9０-９]+\s*月\s*[0-9０-９]+\s*日"
_WHOLE_DATE = re.compile(rf"^{_DATE}$")
DATE_IN = re.compile(_DATE)
_GLUED_DATE = re.compile(rf"^(.+?)({_DATE})$")
_LEADING_DATE = re.compile(rf"^({_DATE}) +(.+)$")


@lru_cache(maxsize=1)
def _options() -> tuple[str, ...]:
    """The 提出時期 options of the form: 事前, 事後."""
    row = form.resolve(form.schema()["$defs"]["changes"]["items"])
    return tuple(str(o) for o in form.resolve(row["properties"]["timing"]).get("enum") or [] if o)


def is_timing(text: str) -> bool:
    """Whether the text is a 提出時期 option and nothing else."""
    return norm(text) in _options()


def _timings() -> str:
    return "|".join(re.escape(o) for o in _options())


def _timing_word() -> re.Pattern[str]:
    return re.compile(rf"^(?:(.*?) +)?({_timings()})(?: +(.*))?$")


def _timing_glued() -> re.Pattern[str]:
    return re.compile(rf"^({_timings()})(.*)$")


# A 項目 cell starts with the form's numbering: a part (Ⅰ〜Ⅶ), an annex (（別添N）, 別紙N), or says
# 全般 / 同上 (the same item as the row above).
_ITEM_START = re.compile(r"^\s*(?:[ⅠⅡⅢⅣⅤⅥⅦ]|（別添|\(別添|別紙|全般|同上)")
# A 項目 cell's reference to the form: a part and an item number (「Ⅲ　７．」「Ⅱ－４」「Ⅰ－２」).
ITEM_REF = re.compile(r"^\s*[ⅠⅡⅢⅣⅤⅥⅦ]\s*[－\-ー]?\s*[0-9０-９]")
SAME = re.compile(r"^\s*同上")


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


def pages(lines: list[Line], is_header: Any) -> list[list[Line]]:
    """The table's lines cut where its column heads repeat (a new page). A heading standing alone
    (「項目」, 「提出時期に係る説明」: the heads scattered by the extraction) is no cell, nor is a
    page number (「24 / 24」, 「- 24 -」)."""
    alone = {norm(h) for h in change_table.headings()}
    pages: list[list[Line]] = [[]]
    heads = 0
    for line in lines:
        if norm(line.text) in alone or _PAGE_NUMBER.match(line.text.strip()):
            continue  # a page's number (「24 / 24」) is no cell either
        if is_header(line):
            heads += 1
            if heads > 1:  # the first heads are on the title's page
                pages.append([])
        else:
            pages[-1].append(line)
    return [p for p in pages if any(ln.text.strip() for ln in p)]


def pieces(block: list[Line]) -> list[Piece]:
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
            done = _run(run, after_timing)
            texts = [p for p in parts if p.kind in ("item", "free")]
            if done[-1].kind == "item" and parts[0].kind != "date" and len(texts) == 3:
                # 「Ⅱしきい値判断項目／１．対象人数 令和2年… 令和3年… 事後」: the 項目 ends on the line
                done[-1] = replace(done[-1], lines=[*done[-1].lines, *texts[0].lines])
                parts = [p for p in parts if p is not texts[0]]
            out.extend(done)
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


def cut_items(pages: list[list[Piece]]) -> list[list[Piece]]:
    """A 項目 cell wraps within its narrow column: a line wider than that column, met inside a 項目,
    begins the next cell (「Ⅰ－４個人番号の利用／番号法第9条第１項別表第一第10の項、第93条…」), and
    text whose first line is that wide is no 項目 (「別紙（個人情報に関する…）を参照」)."""
    # the column's width: the widest line of a 項目 of several lines (most wrap at the column's edge)
    wrapped = sorted(_width(p) for page in pages for p in page if p.kind == "item" and len(p.lines) > 1)
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


def holds_date_or_timing(line: Line) -> bool:
    """Whether a line holds a 和暦 date or a 提出時期 cell (alone or beside other cells)."""
    if DATE_IN.search(unicodedata.normalize("NFKC", line.text)):
        return True
    return any(p.kind == "timing" for p in _split_line(line) or [])


def starts_item(text: str) -> bool:
    """Whether text starts as a 項目 cell does (a part, an annex, 全般, 同上)."""
    return bool(_ITEM_START.match(text))


def row_on_line(line: Line) -> bool:
    """Whether a line holds a row's cells up to its 提出時期 (「旧 新 事後 説明」)."""
    parts = _split_line(line) or []
    return any(p.kind == "timing" for p in parts) and any(p.tied and p.kind != "timing" for p in parts)


def _split_line(line: Line) -> list[Piece] | None:
    """The cells of a line that holds a date or a 提出時期 (None for a line of plain text)."""
    text = unicodedata.normalize("NFKC", line.text).strip()
    raw = line.text.strip()
    if _WHOLE_DATE.match(text):
        return [Piece("date", [at(line, raw)])]
    if text in _options():
        return [Piece("timing", [at(line, text)])]
    leading = _LEADING_DATE.match(raw)
    if leading:
        rest = _with_timing(line, leading.group(2)) or _cells(line, leading.group(2))
        return [Piece("date", [at(line, leading.group(1))], opens_row=True), *rest]
    return _with_timing(line, raw) or _glued(line, raw) or _said_then_timing(line, raw)


def _said_then_timing(line: Line, raw: str) -> list[Piece] | None:
    """「記載誤りのため。事後」: a 説明 (a sentence) with another row's 提出時期 set against it."""
    found = re.match(rf"^(.+。)\s*({_timings()})$", raw)
    if not found:
        return None
    return [Piece("expl", [at(line, found.group(1))]), Piece("timing", [at(line, found.group(2))])]


def _with_timing(line: Line, raw: str) -> list[Piece] | None:
    """「Ⅳ－２①連絡先 電話… 電話… 事後 説明」: cells up to a 提出時期 and the 説明 after it. They are
    tied: cells before a 提出時期 that find no open row are not forced into another row's gaps."""
    word = _timing_word().match(raw)
    if word and (word.group(1) or word.group(3)):
        cells_text, option, said = word.group(1) or "", word.group(2), (word.group(3) or "").strip()
    else:
        glued = _timing_glued().match(raw)  # 「事後令和4年7月8日」: the next row's date
        if glued and _ITEM_START.match(glued.group(2)):  # 「事後別紙２（…）」: the next row's 項目
            return [
                Piece("timing", [at(line, glued.group(1))], tied=True),
                Piece("item", [at(line, glued.group(2))]),
            ]
        if not glued or not _WHOLE_DATE.match(unicodedata.normalize("NFKC", glued.group(2)).strip()):
            return None
        cells_text, option, said = "", glued.group(1), glued.group(2).strip()
    cells = [replace(p, tied=True) for p in _cells(line, cells_text)]
    tail: list[Piece] = []
    if _WHOLE_DATE.match(unicodedata.normalize("NFKC", said)):
        tail = [Piece("date", [at(line, said)], opens_row=True)]
    elif said:
        tail = _glued(line, said) or [Piece("expl", [at(line, said)], tied=True)]
    return [*cells, Piece("timing", [at(line, option)], tied=True), *tail]


def _glued(line: Line, raw: str) -> list[Piece] | None:
    """「同上令和4年7月8日」「根拠法令の誤記載平成31年2月5日」: a 説明 set against the next row's date;
    it goes to the row before when that lacks a 説明, else to the row the date opens."""
    glued = _GLUED_DATE.match(raw)
    if not glued:
        return None
    date = Piece("date", [at(line, glued.group(2))], opens_row=True)
    return [date, Piece("expl", [at(line, glued.group(1).strip())], glued=True)]


def _cells(line: Line, text: str) -> list[Piece]:
    """Cells printed side by side on one line, parted by spaces (a cell's own spaces are full-width)."""
    parts = [p for p in text.strip(" ").split(" ") if p]  # ASCII spaces: 「　」 is in a cell
    if len(parts) > 3:
        return [Piece("free", [at(line, text)])]  # more cells than 項目・変更前・変更後: not parted
    return [Piece("item" if _ITEM_START.match(p) else "free", [at(line, p)]) for p in parts]


def at(line: Line, text: str) -> Line:
    """A piece of `line`'s text, where the line was."""
    return Line(text, line.number, line.page)


@dataclass(frozen=True)
class Shape:
    """What marks a 説明 in this table: the width its column wraps at, against the widest free text
    (a cell of several lines that wraps within the 説明 column's width, much narrower than
    変更前/変更後, is a 説明), and the texts read as a 説明 after a 提出時期 elsewhere in the table
    (「現行の状況に合わせた変更」 met where a 変更後 could stand is that 説明 again)."""

    explained: int
    widest: int
    known: frozenset[str] = frozenset()
    edge: int = 0  # the width 変更前/変更後 wrap at: most cells of several lines reach it

    @classmethod
    def of(cls, pieces: list[Piece]) -> Shape:
        said = [p for p in pieces if p.kind == "expl" and not p.glued]
        free = [_width(p) for p in pieces if p.kind == "free"]
        wide = max((_width(p) for p in said if len(p.lines) > 1), default=0)
        wrapped = sorted(_width(p) for p in pieces if p.kind == "free" and len(p.lines) > 1)
        edge = wrapped[len(wrapped) * 3 // 4] if wrapped else 0
        return cls(wide, max(free, default=0), frozenset(norm(p.text) for p in said), edge)

    def is_explanation(self, piece: Piece) -> bool:
        if norm(piece.text) in self.known:
            return True
        if not self.explained or self.widest - self.explained < 8 or len(piece.lines) < 2:
            return False
        return _width(piece) <= self.explained + 2


def _width(piece: Piece) -> int:
    return max(width(ln.text.strip()) for ln in piece.lines)


_RESTATED = 4  # letters a 変更後 shares with its 変更前 to be read as restating it


def restates(before: str, text: str) -> bool:
    """Whether `text` begins as `before` does (a 変更後 restating its 変更前 with a change:
    「番号法第１９条第７号」 / 「番号法第１９条第８号」), over a few letters (marks such as 「[〇]」 or
    「・」 alone are no restating)."""
    a, b = norm(before), norm(text)
    k = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return len(re.findall(r"\w", a[:k])) >= _RESTATED


def pair(piece: Piece) -> tuple[Piece, ...] | None:
    """「IT政策課 情報戦略室」: 変更前 and 変更後 of one line each, set side by side on one line, and
    the 説明 after them when there are three (「提供・移転 提供 記載誤りのため。」: the 提出時期 printed
    elsewhere)."""
    parts = [p for p in piece.lines[0].text.strip().split(" ") if p] if len(piece.lines) == 1 else []
    if len(parts) not in (2, 3):
        return None
    return tuple(Piece("free", [at(piece.lines[0], p)]) for p in parts)


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


_DATE_PART = re.compile(r"^(?:令和|平成|昭和|[元0-9０-９]+\s*[年月日])")
_PAGE_NUMBER = re.compile(r"^(?:[-－‐]\s*[0-9０-９]+\s*[-－‐]|[0-9０-９]+\s*[/／]\s*[0-9０-９]+)$")
_SEGMENT = re.compile(r"\S+(?: \S+)*")  # text parted from the next by two spaces or more


def layout(lines: list[Line], is_header: Any) -> tuple[list[Line], list[Line]] | None:
    """A text extraction that keeps the page's layout (pdftotext -layout): every line sets the
    table's columns side by side, parted by runs of spaces, and each page's column heads show where
    its columns are. The lines with their runs as cells in their column (x = the column's number
    times 100) and the page feet met (page number, running title: no cells), or None when the heads
    are not laid out so."""
    heads = [norm(h) for h in change_table.headings()]
    out: list[Line] = []
    feet: list[Line] = []
    block: list[Line] = []  # the lines since the last blank line
    starts: list[int] | None = None
    recent: list[list[Line]] = []  # the last blocks ended by a blank line
    for line in [*lines, Line("", 0)]:
        if not line.text.strip() and block:
            recent, block = [*recent[-2:], block], []
        if is_header(line) or line.number == 0:
            numbered = [
                n for n, b in enumerate(recent) if any(_PAGE_NUMBER.match(ln.text.strip()) for ln in b)
            ]
            foot = [ln for b in recent[numbered[0] :] for ln in b] if numbered else []
            feet.extend(foot)  # the foot of the page before these heads: from its page number on
            out = [ln for ln in out if all(ln.number != f.number for f in foot)]
            recent = []
        if is_header(line):
            found = [(m.start(), norm(m.group())) for m in _SEGMENT.finditer(line.text)]
            if [h for _, h in found] != heads:
                return None
            starts = [x for x, _ in found]
        elif starts is not None and line.text.strip():
            runs = tuple(_column(starts, m) for m in _SEGMENT.finditer(line.text))
            out.append(Line(line.text.strip(), line.number, line.page, runs[0][0], runs[-1][1], runs))
            block.append(line)
    return (out, feet) if starts is not None else None


def _column(starts: list[int], run: re.Match[str]) -> tuple[float, float, str]:
    """A run's cell: in the column whose head it stands nearest (the runs of a column do not start
    at one offset: characters of different widths before them), of the columns that can hold it —
    the 変更日 column holds dates, the 提出時期 column its options."""
    text = run.group()
    fields = change_table.fields()
    fits = [
        n
        for n in range(len(starts))
        if not (fields[n] == "date" and not _DATE_PART.search(text))
        and not (fields[n] == "timing" and text not in _options())
    ]
    k = min(fits or range(len(starts)), key=lambda n: abs(starts[n] - run.start()))
    return (k * 100.0, k * 100.0 + 50.0, text)
