"""Completion passes for the free texts of Ⅲ リスク対策 and its ８～１０ (その他のリスク対策), run after
the positional reading. Extraction may print a page's value column apart from its label column, so a
paragraph of Ⅲ can be read under a label of another block (北九州: the 「情報提供ネットワークシステムとの
接続に伴うその他のリスク」 text read as Ⅲ４'s 規定の内容, the ９．/１０． texts read as Ⅲ７'s 「その内容」).
Each pass rests on a property of the form, never on a document's wording:

- **Not asked** (`_not_asked`). An item of Ⅲ the form asks for only under a choice (schema `x-required:
  when`, e.g. 「その内容」 and 「再発防止策の内容」 only when the 重大事故 is 「発生あり」) holds no text of
  its own when the choice read says otherwise, beyond a dash (「―」, 「－」, 「-」) or 「該当なし」. Such
  a text is taken out and given to the text items left empty whose labels are printed after it
  (within about half a page; items not asked themselves left out): to the one, when there is one; to two, when its ＜…＞ headed blocks
  divide by the vocabulary of one label's heading (text_slots.VOCABULARY: ９．従業者に対する教育・啓発 is
  about 研修, 教育, 啓発) and the other blocks name none of it. Otherwise it stays where it was read (a
  document may write a note there).
- **Topic of a Ⅲ section** (`_network`). Ⅲ６ is 「情報提供ネットワークシステムとの接続」. A text read in
  another section of Ⅲ, far from the label that took it (more than a few lines: a guess), that names 情報提供ネットワークシステム at least twice and never its own section's
  subject (委託, 入手, 使用, 提供/移転 outside that name, 保管/消去) goes to Ⅲ６ when exactly one text
  item of Ⅲ６ is empty and its label was printed.
- **Kind of a value** (`_clauses`). 「規定の内容」 of 「委託契約書中の…規定」 is a list of contract clauses
  (three or more lines ending in 「事項」). When the 規定 is 「定めている」 and 規定の内容 is empty, such a
  list read as Ⅲ４'s その他のリスク goes to 規定の内容.
- **Shared labels swapped** (`_swap`). Two items of two sections of Ⅲ printed with the same label
  (「その他の措置の内容」 of Ⅲ４ and of Ⅲ５ リスク１) exchange their values when one, read under a label
  met among the other section's labels, holds a text naming the other's subject and not its own, and
  the other holds only a dash (高槻住基: Ⅲ５'s 「…データの
  移転は認められた移転先からのみとする」 read as Ⅲ４'s, Ⅲ４'s 「—」 as Ⅲ５'s).
- **Elimination of a dash** (`_dash`). A lone dash left unplaced inside one section of Ⅲ goes to the
  section's only empty text item (none, or several: it stays unplaced). The form prints 「―」 in a cell
  it leaves blank, so the dash is that cell's.

Then the texts of Ⅳ by the words of their headings (measure_texts.py).

None of this was confirmed against rules-verified.md: it reads the form's layout and the schema's
annotations (x-required), not a rule of the PPC."""

from __future__ import annotations

import re
from typing import Any

from piagen.importers import measure_texts, text_slots
from piagen.importers.labels import Item, Template
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed

_INDEXES: dict[str, Index] = {}
_DASHES = frozenset("―－-ー—‐─")
_BLANKS = ("該当なし", "なし")
_NETWORK = "情報提供ネットワークシステム"
_APART = 12  # lines between a label and a text read as its value that make the reading a guess
# The subject of each section of Ⅲ, from its heading (４．特定個人情報ファイルの取扱いの委託 …).
_SUBJECTS: dict[str, tuple[str, ...]] = {
    "acquisition": ("入手",),
    "use": ("使用",),
    "entrustment": ("委託",),
    "provision": ("提供", "移転"),
    "storage": ("保管", "消去"),
}
# A clause of a contract: 「…に関する事項」「…に関すること」, or a bulleted line that is no sentence.
_CLAUSE = re.compile(r"(?:事項|こと)[。.]?\s*$|^\s*[・･‐\-－]\s*[^。]+$")
_CLAUSES = 3


def complete(parsed: Parsed, lines: list[Line]) -> None:
    """Run the passes above on what the positional reading left."""
    if parsed.kind == "basic":
        return
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    _not_asked(index, parsed, lines)
    _network(index, parsed, lines)
    _clauses(index, parsed)
    _swap(parsed)
    _dash(index, parsed)
    measure_texts.place(index, parsed, lines)


def _is_blank(text: str) -> bool:
    plain = re.sub(r"[\s　]+", "", text)
    return bool(plain) and (set(plain) <= _DASHES or plain in _BLANKS)


def _not_asked(index: Index, out: Parsed, lines: list[Line]) -> None:
    at = {id(line): n for n, line in enumerate(lines)}
    for path, (value, capture) in list(out.values.items()):
        if path[2:3] != ("risks",) or capture.item.kind != "text" or not isinstance(value, str):
            continue
        if _is_blank(value):
            continue
        if not text_slots.unasked(out, path):
            continue
        kept = [p for p in capture.pieces if p.text.strip()]
        last = max((at[id(p)] for p in kept if id(p) in at), default=None)
        if last is not None and _give_after(index, out, lines, path, kept, last):
            del out.values[path]


def _give_after(
    index: Index, out: Parsed, lines: list[Line], source: Concrete, kept: list[Line], last: int
) -> bool:
    """Give the text (lines `kept`) to the empty text items labelled after line `last`."""
    after = out.values[source][1].item.order
    targets = text_slots.empty_labels(index, out, lines, source, last, after)
    if len(targets) == 1:
        return text_slots.give(out, *targets[0], kept)
    if len(targets) != 2:
        return False
    worded = [t for t in targets if t[0].path in text_slots.VOCABULARY]
    blocks = text_slots.blocks(kept)
    if len(worded) != 1 or len(blocks) < 2:
        return False
    mine = [b for b in blocks if text_slots.named(b) == {worded[0][0].path}]
    rest = [b for b in blocks if not text_slots.named(b)]
    if not mine or not rest or len(mine) + len(rest) != len(blocks):
        return False
    other = next(t for t in targets if t is not worded[0])
    text_slots.give(out, *worded[0], [line for b in mine for line in b])
    text_slots.give(out, *other, [line for b in rest for line in b])
    return True


def _item(index: Index, template: Template) -> Item | None:
    return next((i for i in index.items if i.path == template), None)


def _section_texts(index: Index, out: Parsed, section: Concrete) -> list[tuple[Item, Concrete]]:
    """The text items of one section of Ⅲ (a file's リスク対策 block) left empty."""
    shape = text_slots.template(section)
    return [
        (item, path)
        for item in index.items
        if item.kind == "text" and item.path[: len(shape)] == shape
        for path in [text_slots.concrete(item.path, section)]
        if path is not None and path not in out.values
    ]


def _network(index: Index, out: Parsed, lines: list[Line]) -> None:
    for section in sorted({p[:4] for p in out.values if p[2:3] == ("risks",) and len(p) > 4}):
        if section[3] not in _SUBJECTS:
            continue
        home = (*section[:3], "network")
        empty = _section_texts(index, out, home)
        if len(empty) != 1 or not _printed(index, lines, empty[0][0]):
            continue
        found = [
            path
            for path, (value, capture) in out.values.items()
            if path[:4] == section
            and capture.item.kind == "text"
            and _apart(capture)
            and _about_network(value, section[3])
        ]
        if len(found) == 1:
            value, capture = out.values.pop(found[0])
            item, path = empty[0]
            out.values[path] = (value, Capture(item, path, capture.at, capture.pieces))


def _apart(capture: Capture) -> bool:
    """The text was read far from its label (a guess of the positional reading, not a cell under it)."""
    first = next((p.number for p in capture.pieces if p.text.strip()), capture.at.number)
    return first - capture.at.number > _APART


def _about_network(value: Any, section: str) -> bool:
    if not isinstance(value, str) or value.count(_NETWORK) < 2:
        return False
    rest = value.replace(_NETWORK, "")
    return not any(word in rest for word in _SUBJECTS[section])


def _printed(index: Index, lines: list[Line], item: Item) -> bool:
    """The item's own label is printed somewhere in the lines."""
    for j, line in enumerate(lines):
        if item.key[:1] and item.key[0] in line.text:
            match = index.match(lines, j)
            if match is not None and item in match[0]:
                return True
    return False


def _clauses(index: Index, out: Parsed) -> None:
    item = _item(index, ("files", "*", "risks", "entrustment", "contract", "content"))
    if item is None:
        return
    for path in [p for p in out.values if p[2:] == ("risks", "entrustment", "contract", "status")]:
        if out.values[path][0] != "定めている":
            continue
        content = (*path[:-1], "content")
        others = (*path[:3], "entrustment", "other_risks")
        if content in out.values or others not in out.values:
            continue
        value, capture = out.values[others]
        if not isinstance(value, str):
            continue
        if sum(1 for row in value.splitlines() if _CLAUSE.search(row)) < _CLAUSES:
            continue
        del out.values[others]
        out.values[content] = (value, Capture(item, content, capture.at, capture.pieces))


def _dash(index: Index, out: Parsed) -> None:
    for line, near in list(out.unplaced):
        if near[2:3] != ("risks",) or len(near) < 4 or not _is_blank(line.text):
            continue
        if not _is_dash(line.text):
            continue
        empty = _section_texts(index, out, near[:4])
        if len(empty) == 1 and text_slots.give(out, *empty[0], [line]):
            out.unplaced.remove((line, near))


def _swap(out: Parsed) -> None:
    texts = [(p, c) for p, (v, c) in out.values.items() if p[2:3] == ("risks",) and c.item.kind == "text"]
    for path, capture in texts:
        value = out.values[path][0]
        if len(path) < 5 or not isinstance(value, str) or path[3] not in _SUBJECTS:
            continue
        for other, twin in texts:
            shared = other[:3] == path[:3] and other[3] != path[3] and twin.item.key == capture.item.key
            if shared and _exchange(out, (path, capture), (other, twin)):
                break


def _exchange(out: Parsed, mine: tuple[Concrete, Capture], theirs: tuple[Concrete, Capture]) -> bool:
    """Exchange the values of two items sharing a label when the first's text is the second's."""
    (path, capture), (other, twin) = mine, theirs
    value, dash = out.values[path][0], out.values[other][0]
    if other[3] not in _SUBJECTS or not isinstance(dash, str) or not _is_dash(dash):
        return False
    if not _names(value, str(other[3])) or _names(value, str(path[3])) or not _among(out, capture, other[:4]):
        return False
    out.values[path] = (dash, Capture(capture.item, path, twin.at, twin.pieces))
    out.values[other] = (value, Capture(twin.item, other, capture.at, capture.pieces))
    return True


def _among(out: Parsed, capture: Capture, section: Concrete) -> bool:
    """The capture's label was met among the labels of `section` (between the first and the last)."""
    met = [c.at.number for p, (_, c) in out.values.items() if p[:4] == section and c is not capture]
    return bool(met) and min(met) < capture.at.number < max(met)


def _names(value: str, section: str) -> bool:
    return any(word in value.replace(_NETWORK, "") for word in _SUBJECTS[section])


def _is_dash(text: str) -> bool:
    plain = re.sub(r"[\s　]+", "", text)
    return bool(plain) and set(plain) <= _DASHES
