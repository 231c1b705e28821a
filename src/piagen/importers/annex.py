"""別紙 lists of 移転先 (and 提供先) printed after the form as tables: 「別紙２」, a title
「特定個人情報の移転」, the column heads, then one row per entry starting with its 通し番号. The rows
are cut out of the document's lines before the form is read, and become the entries of the file whose
移転先1 (or 提供先1) says 「（別紙２参照）」.

Cells of a row come as segments (a cell wrapped over lines, cells of one line split by a gap); the
fields are found from the form: ④本人の数 is one of its ＜選択肢＞, ⑥移転方法 starts with one of its
options, ①法令上の根拠 is the segment that reads as a law reference; the fields between them take
the segments in the form's order. Lines the rows do not use stay in the document."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from piagen.importers import annex_columns
from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.importers.lines import width as display_width
from piagen.model import form

_ANNEX = re.compile(r"^別紙([0-9]+)$")
_ANNEX_TITLED = re.compile(r"^別紙([0-9]*)(特定個人情報の.*)$")  # the number only when several
_NUMBERED = re.compile(r"^[\s　]*別紙[\s　]*[0-9０-９]*[\s　]*")
_LAW = re.compile(r"(法|条例|規則|政令|省令).*(の項|項|条|号)$")
_LAW_WORD = re.compile(r"法|条例|規則|政令|省令")
_GAP = re.compile(r"[ 　]+")
_LISTS = {"移転": "transferees", "提供": "recipients"}
_SAMPLE = ("files", 0, "provision", "transferees", 0)


@dataclass
class Annex:
    """One 別紙 list: its number, which list it holds, its rows (field → value)."""

    number: str  # "" when the 別紙 number is not printed above the table
    key: str
    title: str = ""  # 「特定個人情報の提供（番号法第１９条第８号別表第２に定める事務）」
    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # the lines the rows were read from
    first: int = 1  # the 番号 of the first row (a 別紙 may continue the form's list: 提供先21 …)


def cut(lines: list[Line]) -> tuple[list[Annex], list[Line]]:
    """The 別紙 lists of 移転先 in `lines`, and the lines left for the form."""
    annexes: list[Annex] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        head = _head(lines, i)
        if head is None:
            i += 1
            continue
        by_columns = annex_columns.read(lines, i, head[1])
        if by_columns is not None:  # a table whose cells carry their positions (PDF)
            annex, taken, end = (
                Annex(*head, rows=by_columns[0], first=by_columns[3]),
                by_columns[1],
                by_columns[2],
            )
            annex.lines = [lines[n] for n in taken if lines[n].text.strip()]
        else:
            annex, taken, end = _rows(lines, _first_page(lines, i), head, _head_texts(lines, i))
        if annex.rows:
            annexes.append(annex)
            used.update(taken)
        i = max(end, i + 1)
    return annexes, [ln for n, ln in enumerate(lines) if n not in used]


def _first_page(lines: list[Line], i: int) -> int:
    """Where the table starts when its first page printed no head: a head met before row k > 1
    repeats on a later page, rows k-1 … 1 are found going back."""
    first = next((_number(ln.text) for ln in lines[i + 1 : i + 20] if _number(ln.text)), 0)
    at = i
    for n in range(first - 1, 0, -1):
        at = next((k for k in range(at - 1, max(-1, at - 200), -1) if _number(lines[k].text) == n), -1)
        if at < 0:
            return i
    return at - 1 if first > 1 else i


def _head_texts(lines: list[Line], i: int) -> set[str]:
    """The lines of a 別紙 head (title, column heads) up to its first row: repeated on each page."""
    out: set[str] = set()
    for line in lines[i : i + 20]:
        if _number(line.text):
            break
        if norm(line.text):
            out.add(norm(line.text))
    return out


def _number(text: str) -> int:
    first = _GAP.split(unicodedata.normalize("NFKC", text).strip(), maxsplit=1)[0]
    return int(first) if first.isdigit() and len(first) < 4 else 0


def _head(lines: list[Line], i: int) -> tuple[str, str, str] | None:
    """(別紙 number, list key) when a 別紙 list of 移転先 starts at line i: 「別紙２」 and its title
    「特定個人情報の移転」, or the row of column heads (移転先 ①法令上の根拠 …, the form's titles)."""
    text = norm(lines[i].text)
    if text.startswith(_column_heads()):
        return "", "transferees", ""
    found = _ANNEX.match(text) or _ANNEX_TITLED.match(text)
    if not found:
        return None
    # 「別紙１　特定個人情報の提供（…）」 on one line, or the title on the next
    title = _NUMBERED.sub("", lines[i].text) if found.re is _ANNEX_TITLED else ""
    title = title or next((ln.text.strip() for ln in lines[i + 1 : i + 3] if norm(ln.text)), "")
    if _is_title(norm(title)):
        return found.group(1), _LISTS["移転" if "移転" in title else "提供"], title
    return None


def _is_title(text: str) -> bool:
    return text.startswith("特定個人情報の") and ("移転" in text or "提供" in text) and len(text) < 60


def _column_heads() -> str:
    fields = (form.node_at((*_SAMPLE, key)) or {} for key in ("name", "legal_basis"))
    return "".join(norm(str(f.get("title", ""))) for f in fields)


def _rows(
    lines: list[Line], start: int, head: tuple[str, str, str], heads: set[str]
) -> tuple[Annex, list[int], int]:
    """The rows after a 別紙 head: each starts with the next 通し番号; repeated page heads dropped."""
    annex = Annex(*head)
    rows: list[list[int]] = []
    taken = [start]
    i = start + 1
    while i < len(lines):
        text = norm(lines[i].text)
        other = _head(lines, i) if rows else None
        if other and (other[1] != annex.key or (other[0] and annex.number and other[0] != annex.number)):
            break  # the next 別紙
        if text and _starts_row(lines[i].text, len(rows) + 1):
            rows.append([i])
        elif not rows or (text and (text in heads or _is_head(lines, i))):
            heads.add(text)
            taken.append(i)
        elif rows[:-1] and len(rows[-1]) > _longest(rows[:-1]):
            break
        else:
            rows[-1].append(i)
        i += 1
    for row in rows:
        reader = _transferee if annex.key == "transferees" else _recipient(annex.title)
        values, used = reader([lines[n] for n in row])
        if values is None:
            break
        annex.rows.append(values)
        taken.extend(row[:used])
    annex.lines = [lines[n] for n in sorted(taken) if lines[n].text.strip()]
    return annex, taken, max(taken) + 1


def _starts_row(text: str, expected: int) -> bool:
    first = _GAP.split(unicodedata.normalize("NFKC", text).strip(), maxsplit=1)[0]
    return first == str(expected)


def _is_head(lines: list[Line], i: int) -> bool:
    """A page head repeated in the table: 「別紙２」, its title or the column heads."""
    text = norm(lines[i].text)
    return bool(_ANNEX.match(text)) or _is_title(text) or text.startswith(_column_heads())


def _longest(rows: list[list[int]]) -> int:
    return 2 * max((len(r) for r in rows), default=0) + 10


@dataclass(frozen=True)
class _Segment:
    text: str
    line: int  # index of the source line among the row's lines
    block: int  # blocks of lines are separated by blank lines


def _segments(row: list[Line]) -> list[_Segment]:
    out: list[_Segment] = []
    block = 0
    for n, line in enumerate(row):
        block += not line.text.strip()
        out.extend(_Segment(piece, n, block) for piece in _GAP.split(line.text.strip()) if piece)
    return out


def _transferee(row: list[Line]) -> tuple[dict[str, Any] | None, int]:
    """The fields of one 移転先 row (None when its ④本人の数 or ⑥移転方法 is not found) and the
    number of the row's lines they took: ⑦ ends with the block of lines ⑥ starts."""
    segs = _segments(row)[1:]  # the 通し番号 first
    methods = form.check_options((*_SAMPLE, "methods"))
    band = _band(segs)
    if band is None:
        return None, 0
    at_band, width, people = band
    found = [n for n, s in enumerate(segs) if n >= at_band + width and _method(s.text, methods)]
    # ⑤ may hold an option's words (「その他…」): ⑥ is rather the one that starts a block of lines
    starts = [n for n in found if n == 0 or segs[n - 1].block != segs[n].block]
    if not found:
        return None, 0
    at_method = (starts or found)[0]
    out: dict[str, Any] = {}
    _leading(out, segs[:at_band], segs[at_band].line)
    out["people"] = people
    out["scope"] = _join(segs[at_band + width : at_method])
    method = _method(segs[at_method].text, methods) or ""
    rest = segs[at_method].text[len(method) :]
    out["methods"] = {method: True}
    block = [s for s in segs[at_method + 1 :] if s.block == segs[at_method].block]
    later = [s for s in segs[at_method + 1 :] if s.block > segs[at_method].block]
    if not rest.strip() and not block and later:  # ⑥ ends its line: ⑦ is the next block of lines
        block = [s for s in later if s.block == later[0].block]
    out["timing"] = _join([_Segment(rest, 0, 0), *block])
    last = (block or [segs[at_method]])[-1].line
    return {k: v for k, v in out.items() if v}, last + 1


def _recipient(title: str) -> Callable[[list[Line]], tuple[dict[str, Any] | None, int]]:
    """A row of a 別紙 list of 提供先 (通し番号, 項番, 情報照会者, 事務, 特定個人情報): the cells are told
    apart by the blank lines between them; where none is printed, the first line holds 情報照会者 and
    事務, the lines after it 特定個人情報. ①法令上の根拠 is the title's law with the row's 項番."""
    law = re.sub(r"^.*[（(]|に定める事務[）)]$", "", title)

    def read(row: list[Line]) -> tuple[dict[str, Any] | None, int]:
        first = _GAP.split(row[0].text.strip())
        rest = row[1:]
        if len(first) == 1:  # the 項番 wrapped in its narrow cell: 「８５」「の２」
            while rest and 0 < len(rest[0].text.strip()) <= 3:
                first = [first[0], "".join([*first[1:], rest[0].text.strip()])]
                rest = rest[1:]
        if len(first) < 2 or not first[1][:1].isdigit():
            return None, 0
        cells = _cells(first[2:], rest)
        if cells is None:
            return None, 0
        name, purpose, info = cells
        out = {"name": name, "legal_basis": f"{law}　項番{first[1]}" if law else f"項番{first[1]}"}
        return out | {"purpose": purpose, "info": info}, len(row)

    return read


def _cells(head: list[str], lines: list[Line]) -> tuple[str, str, str] | None:
    """情報照会者, 事務, 特定個人情報 of a 提供先 row: `head` the cells on the 通し番号's line, then the
    blocks of lines between blank lines."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.text.strip():
            blocks[-1].append(line.text.strip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    text = "".join
    if len(head) >= 2:  # 情報照会者 事務 on one line; 事務 may wrap into the first block
        purpose = [" ".join(head[1:]), *(blocks[0] if len(blocks) >= 2 else [])]
        info = blocks[-1] if blocks else []
        return head[0], text(purpose), text(info)
    if len(head) == 1 and len(blocks) >= 3:  # 情報照会者 wrapped into the first block
        return text([head[0], *blocks[0]]), text(blocks[1]), text(sum(blocks[2:], []))
    if len(head) == 1 and len(blocks) == 2:
        return head[0], text(blocks[0]), text(blocks[1])
    if not head and len(blocks) >= 3:
        return text(blocks[0]), text(blocks[1]), text(sum(blocks[2:], []))
    if not head and len(blocks) == 2:  # 事務 and 特定個人情報 in one block: the wide lines are 事務
        widest = max(display_width(x) for x in blocks[1])
        wide = next((n for n, x in enumerate(blocks[1]) if display_width(x) < widest * 0.6), len(blocks[1]))
        return text(blocks[0]), text(blocks[1][:wide]), text(blocks[1][wide:])
    return None


def _band(segs: list[_Segment]) -> tuple[int, int, str] | None:
    """Where ④本人の数 is (one of its ＜選択肢＞, possibly wrapped over up to three segments)."""
    bands = {norm(o): o for o in form.choices((*_SAMPLE, "people"))}
    for n in range(len(segs)):
        for width in (1, 2, 3):
            joined = norm("".join(s.text for s in segs[n : n + width]))
            if joined in bands:
                return n, width, bands[joined]
    return None


def _leading(out: dict[str, Any], segs: list[_Segment], band_line: int) -> None:
    """移転先, ①法令上の根拠, ②用途, ③移転する情報: the law reference splits the name from the rest;
    ③ is what is printed on the line of ④."""
    found = _law(segs)
    if found is None:
        out["name"] = _join(segs)
        return
    law, width = found
    out["name"] = _join(segs[:law])
    out["legal_basis"] = _join(segs[law : law + width])
    after = segs[law + width :]
    info = [s for s in after if s.line == band_line] or after[-1:]
    out["purpose"] = _join([s for s in after if s not in info])
    out["info"] = _join(info)


def _law(segs: list[_Segment]) -> tuple[int, int] | None:
    """Where ①法令上の根拠 is: a law reference (「番号法別表第一7の項」), possibly wrapped once."""
    for n, seg in enumerate(segs):
        if not _LAW_WORD.search(seg.text):
            continue
        for width in (1, 2):
            if _LAW.search(unicodedata.normalize("NFKC", _join(segs[n : n + width]))):
                return n, width
    return None


def _method(text: str, options: list[str]) -> str | None:
    return next((o for o in options if norm(text).startswith(norm(o))), None)


def _join(segs: list[_Segment]) -> str:
    return "".join(s.text for s in segs).strip()


def place(data: dict[str, Any], annexes: list[Annex]) -> list[Annex]:
    """Each 別紙 list becomes the 移転先 of the file whose 移転先 says 「別紙２」: the form's 移転先1
    that refers to it gives annex_note (its reference) and annex_entry (the ①～⑦ it states for the
    whole list); a list numbered from k > 1 continues the form's entries 1 … k-1. The lists no file
    refers to are returned."""
    left: list[Annex] = []
    for annex in annexes:
        target = _target(data, annex)
        if target is None:
            left.append(annex)
            continue
        provision = target.setdefault("provision", {})
        own = [e for e in provision.get(annex.key) or [] if isinstance(e, dict)]
        referring = [e for e in own if _mention(e, annex)]
        _note(provision, annex, referring)
        kept = [] if referring else own[: annex.first - 1]
        stem = annex.key[:-1]
        rows = [{"id": f"{stem}{len(kept) + n + 1}", **row} for n, row in enumerate(annex.rows)]
        provision[annex.key] = kept + rows
    return left


def _target(data: dict[str, Any], annex: Annex) -> dict[str, Any] | None:
    files = [f for f in data.get("files") or [] if isinstance(f, dict)]
    for file in files:  # the reference may be printed in either list (提供先1 or 移転先1)
        provision = file.get("provision") or {}
        entries = [e for key in _LISTS.values() for e in provision.get(key) or [] if isinstance(e, dict)]
        if any(_mention(e, annex) for e in entries):
            return file
    named = [f for f in files if _names_file(annex.title, f)]
    return files[0] if len(files) == 1 else named[0] if len(named) == 1 else None


def _names_file(title: str, file: dict[str, Any]) -> bool:
    """「特定個人情報の提供（住民基本台帳ファイル）」 names the file in its brackets (without （１））."""
    inside = re.search(r"[（(]([^（(]*)[）)]\s*$", title)
    name = re.sub(r"^\s*[（(][0-9０-９]+[）)]", "", str(file.get("name") or ""))
    return bool(inside and norm(name) and norm(inside.group(1)) == norm(name))


def _note(provision: dict[str, Any], annex: Annex, referring: list[dict[str, Any]]) -> None:
    """The form's entry printed in place of the list (「移転先1 …（別紙２参照）」 and its ①～⑦): the
    reference goes to annex_note, the fields to annex_entry. Where the reference was read twice (the
    same words once spaced out), it is kept once, as printed most tightly."""
    mentions: dict[str, str] = {}
    fields: dict[str, Any] = {}
    for entry in referring:
        mention = _mention(entry, annex) or ""
        key = norm(mention)
        if key not in mentions or len(mention) < len(mentions[key]):
            mentions[key] = mention
        for k, v in entry.items():
            if k not in ("id", "number") and v != mention:
                fields.setdefault(k, v)
    if mentions:
        provision.setdefault("annex_note", {})[annex.key] = "\n".join(mentions.values())
    if fields:
        provision.setdefault("annex_entry", {})[annex.key] = fields


def _mention(entry: dict[str, Any], annex: Annex) -> str | None:
    """The text of an entry that refers to the 別紙 (「…（別紙２参照）」)."""
    wanted = f"別紙{annex.number}"
    for value in entry.values():
        if isinstance(value, str) and wanted in norm(value):
            return value
    return None
