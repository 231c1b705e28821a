"""Where a cell's text ends when extraction lost the table around it. Two shapes of the form:

- a value printed before its label on one line (「受け付ける。 特記事項」, 「‐ ⑤評価書への反映」): the
  text extraction read the value cell before the label cell of its row. The line is turned round
  (label, then value) and the item holds that one line: what follows belongs elsewhere.
- a label printed around its value (「（手数料額、納付方法：　）」): the value is the one paragraph
  inside the brackets; it ends at the closing bracket or at the first blank line.

Only for extracted text: a PDF's lines carry their cells and come in reading order."""

from __future__ import annotations

import dataclasses
import re
import weakref

from piagen.importers import contents, entries, labels, table
from piagen.importers.labels import Item, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Index, group_marker
from piagen.model import form

_MIN_KEY = 4  # a shorter label (「②監査」) is too likely a word of a sentence
_VALUED = ("text", "choice", "date", "value")
_GAP = re.compile(r"[ 　\t]+")
# The mark the form uses for 「nothing to write」, run into the text of the cell before it.
_DASH_TAIL = re.compile(r"^(.*\S)\s*([-－—‐―])$")
_OPTION = re.compile(r"[0-9０-９]\s*[)）]|＜選択肢＞")  # a ＜選択肢＞ list, printed beside a choice
_MARKS = "[]［］ 　"
_TITLE_MIN = 15  # characters of a page title printed under its heading
_NOT_VALUE = re.compile(r"^(?:※|[\[\]［］]|[0-9０-９]+\s*[)）]|＜選択肢＞)")
_BULLETS = "・●○◯〇■□◆◇※"


def prepare(index: Index, lines: list[Line]) -> tuple[list[Line], set[int]]:
    """The lines with every 「値　ラベル」 turned round, and the indices of the lines after which the
    item being read ends. The 変更箇所 table (from its column heads on) is left as it is."""
    lines = contents.blank(index.kind, lines)
    keyed = _keyed(index)
    out: list[Line] = []
    ends: set[int] = set()
    stop = _table_start(index, lines)
    for n, line in enumerate(lines):
        if n == stop:
            out.extend(lines[n:])
            break
        turned = None if line.cells else _turn(index, keyed, line)
        if turned is None:
            out.append(_opened(index, line))
            continue
        out.extend(turned[0])
        if turned[1]:
            ends.add(len(out) - 1)
    ends |= _lifted(index, out)
    ends |= _frames(index, out)
    _title_below(index, out, len(out) - (len(lines) - stop))  # never inside the 変更箇所 table
    return out, ends


def _title_below(index: Index, lines: list[Line], stop: int) -> None:
    """A titled list's heading (（別添１）, 別紙) with its title on the next line, not beside it:
    joined, so the heading opens an entry with that title. A title is a line of some length that
    is no label (a figure's text right under the heading is words, not a line)."""
    heads = _titled_heads(index)
    for n, line in enumerate(lines[:stop]):
        if line.cells or norm(line.text.strip()[:6])[:2] not in heads:
            continue
        found = index.match(lines, n)
        if found is None or found[2] or not any(entries.body_item(index, i) for i in found[0]):
            continue
        k = n + found[1]
        while k < len(lines) and not lines[k].text.strip():
            k += 1
        if k == len(lines) or len(norm(lines[k].text)) < _TITLE_MIN or index.match(lines, k):
            continue
        lines[n] = Line(f"{line.text.rstrip()}　{lines[k].text.strip()}", line.number, line.page)
        lines[k] = Line("", lines[k].number, lines[k].page)


_HEADS: weakref.WeakKeyDictionary[Index, frozenset[str]] = weakref.WeakKeyDictionary()


def _titled_heads(index: Index) -> frozenset[str]:
    """The first two characters of every titled list's heading (a cheap test before matching)."""
    if index not in _HEADS:
        titled = [i for i in index.items if i.kind == "heading" and entries.body_item(index, i)]
        _HEADS[index] = frozenset(i.key[:2] for i in titled)
    return _HEADS[index]


def _lifted(index: Index, lines: list[Line]) -> set[int]:
    """A one-line paragraph glued to the label wrapped over lines after it (「期間短縮なし」 then
    「③期間を短縮する特段の理」 「由」): the value cell read level with the label's first line. Put
    after the label; the item ends with it. (Not a ※ note, a bracket, an option or an entry marker.)"""
    ends: set[int] = set()
    for k in range(1, len(lines) - 2):
        value = lines[k]
        text = value.text.strip()
        if value.cells or lines[k - 1].text.strip() or not text or _NOT_VALUE.match(text):
            continue
        if group_marker(index, text) or index.match(lines, k):
            continue
        found = index.match(lines, k + 1)
        if found is None or found[2] or found[1] < 2 or any(i.kind != "text" for i in found[0]):
            continue
        used = found[1]
        lines[k : k + used + 1] = [*lines[k + 1 : k + used + 1], value]
        ends.add(k + used)
    return ends


def _table_start(index: Index, lines: list[Line]) -> int:
    """Where the 変更箇所 table begins: its heading printed last before its first column heads
    (the 項目一覧 names it too), else those column heads."""
    first = next((n for n, line in enumerate(lines) if table.is_header(line)), len(lines))
    keys = [i.key for i in index.items if i.kind == "heading" and _is_rows(i)]
    starts = {k[:2] for k in keys}
    named = [
        n
        for n in range(first)
        if norm(lines[n].text.strip()[:6])[:2] in starts
        and any(norm(lines[n].text).startswith(k) for k in keys)
    ]
    return named[-1] if named else first


def _is_rows(item: Item) -> bool:
    node = form.node_at(tuple(0 if s == "*" else s for s in item.path)) or {}
    return node.get("type") == "array" and node.get("x-group") == "行目"


_KEYED: weakref.WeakKeyDictionary[Index, dict[str, list[Item]]] = weakref.WeakKeyDictionary()


def _keyed(index: Index) -> dict[str, list[Item]]:
    """Labels that take a value, by key (not the cover's: cover.read finds those by shape)."""
    if index not in _KEYED:
        table: dict[str, list[Item]] = {}
        for item in index.items:
            if item.kind in _VALUED and len(item.key) >= _MIN_KEY and item.path[0] != "cover":
                table.setdefault(item.key, []).append(item)
        _KEYED[index] = table
    return _KEYED[index]


def _turn(index: Index, keyed: dict[str, list[Item]], line: Line) -> tuple[list[Line], bool] | None:
    """「値　ラベル」 as [「ラベル　値」]; 「ラベル1 値1- ラベル2」 as [「ラベル1 値1」, 「ラベル2 -」];
    an option list or a bullet before a label as two lines (the label then opens empty). True when
    the last line holds the label's whole value."""
    text = line.text
    if norm(text) in keyed:
        return None
    for gap in _GAP.finditer(text):
        head, tail = text[: gap.start()].strip(), text[gap.end() :].strip()
        if not head or norm(tail) not in keyed:
            continue
        if _ends_with_label(index, norm(head)) or not norm(head).strip(_BULLETS):
            return None  # 「…④使用の主体　使用部署」 (a 変更箇所 row), 「・ 〇〇の記録」 (a list in a text)
        starts = index.match([Line(head, line.number, line.page)], 0)
        if _OPTION.search(head) or (starts and not starts[2]):
            return [_at(line, head), _at(line, tail)], False  # not a value: two labels, an option list
        if starts is None:
            return [_at(line, f"{tail} {head}")], True
        dash = _DASH_TAIL.match(head)
        if dash is None:
            return [_at(line, head), _at(line, tail)], False
        return [_at(line, dash.group(1)), _at(line, f"{tail} {dash.group(2)}")], True
    return None


def _ends_with_label(index: Index, text: str) -> bool:
    keys = _plain_keys(index)
    return any(text[k:] in keys for k in range(max(0, len(text) - 40), len(text) - _MIN_KEY + 1))


_NUMBERING = re.compile(r"^[①-⑳0-9.]+")
_PLAIN: weakref.WeakKeyDictionary[Index, frozenset[str]] = weakref.WeakKeyDictionary()


def _plain_keys(index: Index) -> frozenset[str]:
    """Every label's key, also without its numbering (versions number some items differently)."""
    if index not in _PLAIN:
        keys = {i.key for i in index.items} | {_NUMBERING.sub("", i.key) for i in index.items}
        _PLAIN[index] = frozenset(k for k in keys if len(k) >= _MIN_KEY)
    return _PLAIN[index]


def _at(line: Line, text: str) -> Line:
    return Line(text, line.number, line.page)


def _frames(index: Index, lines: list[Line]) -> set[int]:
    """The last line of the value of every label printed around its value."""
    ends: set[int] = set()
    for i, line in enumerate(lines):
        if line.cells or not _opens_frame(index, line):
            continue
        found = index.match(lines, i)
        if found is None or not any(_is_frame(item) for item in found[0]):
            continue
        _, used, rest = found
        end, closed = _frame_end(lines, i + used - 1, rest, _option_texts(index))
        if end is not None:
            ends.add(end)
            if closed:
                lines[end] = _unclosed(lines[end])
    return ends


_WHOLE_FRAME = re.compile(r"^([ 　]*[（(][^（()）]*[：:])[ 　]*[）)]")


def _opened(index: Index, line: Line) -> Line:
    """「（手数料額、納付方法：　）　値」 (the frame printed whole, its value beside it, as piagen
    prints it): the frame's closing bracket dropped so the value follows the opening."""
    found = _WHOLE_FRAME.match(line.text) if "：" in line.text or ":" in line.text else None
    if not found or norm(found.group(1)) not in _frame_keys(index):
        return line
    return dataclasses.replace(line, text=found.group(1) + " " + line.text[found.end() :].lstrip())


_FRAMES: weakref.WeakKeyDictionary[Index, frozenset[str]] = weakref.WeakKeyDictionary()
_OPTIONS: weakref.WeakKeyDictionary[Index, frozenset[str]] = weakref.WeakKeyDictionary()


def _frame_keys(index: Index) -> frozenset[str]:
    if index not in _FRAMES:
        _FRAMES[index] = frozenset(i.key for i in index.items if _is_frame(i))
    return _FRAMES[index]


def _opens_frame(index: Index, line: Line) -> bool:
    if line.text.lstrip(" 　")[:1] not in "（(":
        return False
    key = norm(line.text)
    return key[:1] == "(" and any(k.startswith(key[:4]) for k in _frame_keys(index))


def _is_frame(item: Item) -> bool:
    """A label printed around its value: 「（手数料額、納付方法：　）」."""
    return item.key[:1] == "(" and item.key.endswith(":") and norm(item.label).endswith(")")


def _option_texts(index: Index) -> frozenset[str]:
    if index not in _OPTIONS:
        chosen = [i for i in index.items if i.kind == "choice"]
        _OPTIONS[index] = frozenset(norm(o) for i in chosen for o in labels.choices(i.path))
    return _OPTIONS[index]


def _frame_end(
    lines: list[Line], label_end: int, rest: str, options: frozenset[str]
) -> tuple[int | None, bool]:
    """The value runs from the label's last line to the first blank line after some text, or to
    the line with the frame's closing bracket (True then); brackets and a choice's option printed
    apart are not its text."""
    if rest and _closes(rest):
        return label_end, True
    seen = bool(rest)
    for n in range(label_end + 1, len(lines)):
        text = lines[n].text.strip()
        if not text.strip(_MARKS) or norm(text) in options or _OPTION.search(text):
            if seen:
                return n - 1, False
            continue
        seen = True
        if _closes(text):
            return n, True
    return None, False


def _closes(text: str) -> bool:
    """More closing brackets than opening ones: the frame's 「）」 is on this line."""
    return text.count("）") + text.count(")") > text.count("（") + text.count("(")


def _unclosed(line: Line) -> Line:
    """The line without the frame's closing bracket (the value's own brackets kept)."""
    text = line.text.rstrip()
    at = max(text.rfind("）"), text.rfind(")"))
    return Line((text[:at] + text[at + 1 :]).rstrip(), line.number, line.page)
