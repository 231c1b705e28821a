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
  divide by the vocabulary of one label's heading (`_VOCABULARY`: ９．従業者に対する教育・啓発 is about
  研修, 教育, 啓発) and the other blocks name none of it. Otherwise it stays where it was read (a
  document may write a note there).
- **Topic of a Ⅲ section** (`_network`). Ⅲ６ is 「情報提供ネットワークシステムとの接続」. A text read in
  another section of Ⅲ that names 情報提供ネットワークシステム at least twice and never its own section's
  subject (委託, 入手, 使用, 提供/移転 outside that name, 保管/消去) goes to Ⅲ６ when exactly one text
  item of Ⅲ６ is empty and its label was printed.
- **Kind of a value** (`_clauses`). 「規定の内容」 of 「委託契約書中の…規定」 is a list of contract clauses
  (three or more lines ending in 「事項」). When the 規定 is 「定めている」 and 規定の内容 is empty, such a
  list read as Ⅲ４'s その他のリスク goes to 規定の内容.
- **Elimination of a dash** (`_dash`). A lone dash left unplaced inside one section of Ⅲ goes to the
  section's only empty text item (none, or several: it stays unplaced). The form prints 「―」 in a cell
  it leaves blank, so the dash is that cell's.

None of this was confirmed against rules-verified.md: it reads the form's layout and the schema's
annotations (x-required), not a rule of the PPC."""

from __future__ import annotations

import re
from typing import Any

from piagen.importers import values
from piagen.importers.labels import Item, Template
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed
from piagen.model import form

_INDEXES: dict[str, Index] = {}
_REACH = 48  # lines after a text within which its labels may be printed (about half a page)
_DASHES = frozenset("―－-ー—‐─")
_BLANKS = ("該当なし", "なし")
_HEAD = re.compile(r"^[\s　]*[＜<【〈《]")
# Words of a heading of the form that a text under it uses (the heading's own, and 研修 for 教育・啓発).
_VOCABULARY: dict[Template, tuple[str, ...]] = {
    ("other_measures", "training", "method"): ("研修", "教育", "啓発"),
}
_NETWORK = "情報提供ネットワークシステム"
# The subject of each section of Ⅲ, from its heading (４．特定個人情報ファイルの取扱いの委託 …).
_SUBJECTS: dict[str, tuple[str, ...]] = {
    "acquisition": ("入手",),
    "use": ("使用",),
    "entrustment": ("委託",),
    "provision": ("提供", "移転"),
    "storage": ("保管", "消去"),
}
_CLAUSE = re.compile(r"事項[。.]?\s*$")
_CLAUSES = 3


def complete(parsed: Parsed, lines: list[Line]) -> None:
    """Run the passes above on what the positional reading left."""
    if parsed.kind == "basic":
        return
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    _not_asked(index, parsed, lines)
    _network(index, parsed, lines)
    _clauses(index, parsed)
    _dash(index, parsed)


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
        if not _unasked(out, path):
            continue
        kept = [p for p in capture.pieces if p.text.strip()]
        last = max((at[id(p)] for p in kept if id(p) in at), default=None)
        if last is not None and _give_after(index, out, lines, path, kept, last):
            del out.values[path]


def _unasked(out: Parsed, path: Concrete) -> bool:
    """The form asks for the item only when a choice has a value, and another value was read."""
    node = form.node_at(path)
    need = form.requirement(node) if node else None
    if need is None or not need.when:
        return False
    for cond in need.when:
        if cond.absolute or cond.value is None:
            return False
        holder = path[: len(path) - 1 - cond.up]
        read = out.values.get((*holder, *cond.path), (None,))[0]
        if not isinstance(read, str) or read == cond.value:
            return False
    return True


def _give_after(
    index: Index, out: Parsed, lines: list[Line], source: Concrete, kept: list[Line], last: int
) -> bool:
    """Give the text (lines `kept`) to the empty text items labelled after line `last`."""
    targets = _empty_labels(index, out, lines, source, last)
    if len(targets) == 1:
        return _give(out, *targets[0], kept)
    if len(targets) != 2:
        return False
    blocks = _blocks(kept)
    worded = [t for t in targets if t[0].path in _VOCABULARY]
    if len(worded) != 1 or len(blocks) < 2:
        return False
    words = _VOCABULARY[worded[0][0].path]
    mine = [b for b in blocks if any(w in (values.text_of(b) or "") for w in words)]
    rest = [b for b in blocks if b not in mine]
    if not mine or not rest:
        return False
    other = next(t for t in targets if t is not worded[0])
    _give(out, *worded[0], [line for b in mine for line in b])
    _give(out, *other, [line for b in rest for line in b])
    return True


def _empty_labels(
    index: Index, out: Parsed, lines: list[Line], source: Concrete, last: int
) -> list[tuple[Item, Concrete]]:
    """Text items after `source` in the form, empty, whose labels follow line `last` within _REACH
    lines (a label that could be several such items makes the answer empty)."""
    after = out.values[source][1].item.order
    found: list[tuple[Item, Concrete]] = []
    j = last + 1
    while j < min(len(lines), last + 1 + _REACH):
        match = index.match(lines, j) if lines[j].text.strip() else None
        if match is None:
            j += 1
            continue
        empty = [
            (item, path)
            for item in match[0]
            if item.kind == "text" and not match[2] and item.order > after
            for path in [_concrete(item.path, source)]
            if path is not None and path not in out.values and path != source and not _unasked(out, path)
        ]
        if len(empty) > 1:
            return []
        found += [e for e in empty if e not in found]
        j += match[1]
    return found


def _concrete(template: Template, like: Concrete) -> Concrete | None:
    """The template's path with its list indices taken from `like` (None when they cannot be)."""
    out: list[str | int] = []
    for n, step in enumerate(template):
        if step != "*":
            out.append(step)
        elif n < len(like) and isinstance(like[n], int) and template[:n] == _template(like[:n]):
            out.append(like[n])
        else:
            return None
    return tuple(out)


def _template(path: Concrete) -> Template:
    return tuple("*" if isinstance(s, int) else s for s in path)


def _blocks(kept: list[Line]) -> list[list[Line]]:
    """The text cut at its ＜…＞ (【…】) headings."""
    out: list[list[Line]] = []
    for line in kept:
        if _HEAD.match(line.text) or not out:
            out.append([])
        out[-1].append(line)
    return out


def _give(out: Parsed, item: Item, path: Concrete, pieces: list[Line]) -> bool:
    text = values.text_of(pieces)
    if not text or path in out.values:
        return False
    out.values[path] = (text, Capture(item, path, pieces[0], pieces))
    return True


def _item(index: Index, template: Template) -> Item | None:
    return next((i for i in index.items if i.path == template), None)


def _section_texts(index: Index, out: Parsed, section: Concrete) -> list[tuple[Item, Concrete]]:
    """The text items of one section of Ⅲ (a file's リスク対策 block) left empty."""
    shape = _template(section)
    return [
        (item, path)
        for item in index.items
        if item.kind == "text" and item.path[: len(shape)] == shape
        for path in [_concrete(item.path, section)]
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
            if path[:4] == section and capture.item.kind == "text" and _about_network(value, section[3])
        ]
        if len(found) == 1:
            value, capture = out.values.pop(found[0])
            item, path = empty[0]
            out.values[path] = (value, Capture(item, path, capture.at, capture.pieces))


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
        if not set(re.sub(r"[\s　]+", "", line.text)) <= _DASHES:
            continue
        empty = _section_texts(index, out, near[:4])
        if len(empty) == 1 and _give(out, *empty[0], [line]):
            out.unplaced.remove((line, near))
