"""One pass over a document's lines: labels open items, values follow them, entries of repeated
groups are numbered by their markers, checkbox pieces go to their grid (checkboxes.py), choice
values printed apart go to their choice (choices.py), and every line that fits nowhere is kept
with the place in the form where it was met."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from piagen.importers import cells, checkboxes, choices, columns, entries, labels, table, values
from piagen.importers.labels import Item, Template, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place, common, group_marker
from piagen.model import form

_CHOICE_HEAD = "＜選択肢＞"
_CONTENTS = "項目一覧"
_OPTION_SPLIT = re.compile(r"[0-9０-９]+\s*[)）]")
_FRAGMENT = re.compile(r"[\[\]［］]")
_RECENT = 6
_REVERSED = re.compile(r"[\]］]\s*([^\[\]［］()（）]+?)\s*[\[［]\s*$")
# The cover's title and 様式 stamp: read by documents.split, not values.
_COVER_MARKS = frozenset(
    [norm(f"特定個人情報保護評価書（{name}）") for name in form.FORM_NAMES.values()]
    + [norm(stamp) for stamp in form.STAMPS.values()]
)  # choice items whose value may still come (printed after the item's other lines)


@dataclass
class _State:
    index: Index
    lines: list[Line]
    out: Parsed
    place: Place = field(default_factory=Place)
    current: Capture | None = None
    checks: list[tuple[int, Capture]] = field(default_factory=list)
    fragments: list[tuple[int, Line]] = field(default_factory=list)
    empty: list[Capture] = field(default_factory=list)  # text items whose label had no value after it
    dealt: Capture | None = None  # the item given a paragraph met apart from its label (columns.take)
    option_texts: frozenset[str] = frozenset()
    waiting: choices.Waiting = field(init=False)
    printed: tuple[str, ...] = ()  # every option text the form prints, longest first


def parse(lines: list[Line], kind: form.FormType) -> Parsed:
    """Read every item of a `kind` document from its lines."""
    index = _index(kind)
    lines, ends = cells.prepare(index, lines)
    state = _State(index, lines, Parsed(kind), option_texts=_options(index), printed=_printed(index))
    state.waiting = choices.Waiting(state.out)
    i = 0
    while i < len(lines):
        used = _step(state, i)
        if ends.intersection(range(i, i + used)):
            _finish(state)  # the value's cell ends here (cells.prepare)
        i += used
    _finish(state)
    _place_fragments(state)
    return state.out


_INDEXES: dict[str, Index] = {}


def _index(kind: form.FormType) -> Index:
    if kind not in _INDEXES:
        _INDEXES[kind] = Index(kind)
    return _INDEXES[kind]


def _options(index: Index) -> frozenset[str]:
    return frozenset(norm(o) for i in index.items if i.kind == "choice" for o in labels.choices(i.path))


def _printed(index: Index) -> tuple[str, ...]:
    texts = set(_options(index)) | {f.key for f in index.flags}
    texts |= {norm(o) for i in index.items if i.kind == "checks" for o in labels.check_options(i.path)}
    return tuple(sorted(texts, key=len, reverse=True))


def _step(state: _State, i: int) -> int:
    line = state.lines[i]
    dealt = state.dealt is not None and state.current is state.dealt and not line.text.strip()
    if dealt or columns.ends_here(state.current, state.empty, line):
        _finish(state)  # the paragraph ends (columns.py)
        return 1
    marker = group_marker(state.index, line.text)
    if marker:
        _finish(state)
        _enter(state, *marker, line)
        return 1
    found = state.index.match(state.lines, i)
    if found:
        _finish(state)
        candidates, used, rest = found
        candidates = columns.prefer(state.index, candidates, state.lines, i + used)
        _open(state, candidates, rest, line, i)
        if _is_table(state.place.path):
            return used + _table(state, i + used)
        return used
    text = line.text.strip()
    if _is_options(state, text) or norm(text) in _COVER_MARKS:
        return 1
    if _value_first(state, i):
        return 1
    vertical = _vertical_label(state, i)
    if vertical:
        return vertical
    if norm(text) == _CONTENTS:
        _finish(state)  # 「項目一覧」 ends the cover
        return 1
    if _FRAGMENT.search(text) and _flag(state, text):
        return 1
    if _FRAGMENT.search(text) or text in ("）", ")", "（ ）"):
        return _fragment(state, i)
    bare_option = norm(text) in state.option_texts
    prose = text and not bare_option and not norm(text).isdigit()
    if prose and not line.cells and _redirect(state):
        state.current.pieces.append(line)  # type: ignore[union-attr]
        return 1
    if (
        bare_option
        and not (state.current and state.current.item.kind == "choice")
        and state.waiting.give(line, state.place)
    ):
        return 1  # 「政府機関ではない」 printed apart from its [ ]
    if columns.behind(state.index, state.current, state.empty, state.lines, i):
        _finish(state)  # a column of labels before their values: the earliest takes this paragraph
    if state.current is not None:
        state.current.pieces.append(line)
    elif text:
        state.current = state.dealt = columns.take(state.index, state.empty, state.place.path, state.lines, i)
        if state.current is None:
            state.out.unplaced.append((line, state.place.path))
            if bare_option:
                state.waiting.values.append((line, text))
    return 1


def _fragment(state: _State, i: int) -> int:
    """A line with a bracket: a piece of the open choice or checkbox item, a late value, or a
    checkbox piece placed with the grids at the end (its value may also be a choice's)."""
    line, current = state.lines[i], state.current
    if current is not None and current.item.kind in ("choice", "checks"):
        current.pieces.append(line)
    elif not state.waiting.give(line, state.place):
        state.fragments.append((i, line))
        state.waiting.values.append((line, line.text.strip()))
    return 1


def _value_first(state: _State, i: int) -> bool:
    """「十分に行っている 従業者に対する教育・啓発」: a choice's value printed before its label; a
    value 「]十分に行っている[」 after a ＜選択肢＞ list waits for its label."""
    line = state.lines[i]
    reversed_value = _REVERSED.search(line.text.strip())
    if reversed_value and _OPTION_SPLIT.match(line.text.strip()):
        state.waiting.values.append((line, reversed_value.group(1)))
    parts = line.text.strip().split(maxsplit=1)
    if len(parts) != 2 or norm(parts[0]) not in state.option_texts:
        return False
    found = state.index.match([Line(parts[1], line.number, line.page)], 0)
    if not found or found[2]:
        return False
    fits = [c for c in found[0] if c.kind == "choice" and values.choice_of(c, parts[0])]
    if not fits:
        return False
    _finish(state)
    _open(state, fits, parts[0], line, i)
    return True


_TICKED = re.compile(r"[○〇◯]\s*[\]］]\s*(.+)$")


def _flag(state: _State, text: str) -> bool:
    """「[ ○ ] 提供・移転しない」: the flag of that label nearest the current place is set."""
    ticked = _TICKED.search(text)
    if not ticked:
        return False
    key = norm(ticked.group(1))
    found = [f for f in state.index.flags if key.startswith(f.key)]
    if not found:
        return False
    item = max(found, key=lambda f: (common(f.path, state.place.path), len(f.key)))
    path = state.place.concrete(item.path)
    if path not in state.out.values:
        state.out.values[path] = (True, Capture(item, path, Line(text, 0)))
    return True


def _vertical_label(state: _State, i: int) -> int:
    """A label printed vertically beside a block (「再／委／託」): one character a line, spelling part
    of a label of the form. The number of lines it takes (0 when it is not one)."""
    chars: list[str] = []
    n = i
    while n < len(state.lines) and len(norm(state.lines[n].text)) <= 1:
        if norm(state.lines[n].text):
            chars.append(norm(state.lines[n].text))
        n += 1
    word = "".join(chars)
    if len(word) < 2 or not any(word in item.key for item in state.index.items):
        return 0
    return n - i


def _is_table(path: Concrete) -> bool:
    """The 変更箇所 table (a list of rows, x-group 行目): read by its columns, to the document's end."""
    node = form.node_at(path) if path else None
    return bool(node) and node.get("type") == "array" and node.get("x-group") == "行目"  # type: ignore[union-attr]


def _table(state: _State, start: int) -> int:
    """Read the table that starts at `start`; the number of lines it took."""
    ahead = [ln for ln in state.lines[start : start + 40] if ln.text.strip()]
    if not any(table.is_header(ln) for ln in ahead):
        return 0  # the 項目一覧 names the table too; the table itself starts with its column heads
    size = table.extent(state.lines[start:])
    rows, stray = table.rows(state.lines[start : start + size])
    if not rows:
        return 0
    base = state.place.path
    template = tuple("*" if isinstance(s, int) else s for s in base)
    fields = {it.path[-1]: it for it in state.index.items if it.path[:-1] == (*template, "*")}
    for n, row in enumerate(rows):
        for key, value in row.items():
            item = fields.get(key)
            if item is not None:
                state.out.values[(*base, n, key)] = (
                    value,
                    Capture(item, (*base, n, key), state.lines[start]),
                )
    state.out.unplaced.extend((line, base) for line in stray)
    return size


def _redirect(state: _State) -> bool:
    """Text met while a choice or checkbox item is open cannot be its value: extraction put the
    labels of a column before their values, so it goes to the latest text item left empty. (Not
    for a PDF: its lines come in reading order.)"""
    current = state.current
    texts = [c for c in state.empty if c.item.kind == "text"]
    if current is None or current.item.kind not in ("choice", "checks") or not texts:
        return False
    target = texts[-1]
    state.empty.remove(target)
    _finish(state)
    state.current = target
    return True


def _is_options(state: _State, text: str) -> bool:
    """A line of a ＜選択肢＞ list (「1） 十分である 2） …」), printed beside every choice."""
    plain = text.replace(_CHOICE_HEAD, "").strip(" []［］")
    if not plain:
        return bool(text) and _CHOICE_HEAD in text
    parts = [norm(p) for p in _OPTION_SPLIT.split(plain)]
    head = parts[0]
    parts = [p for p in parts[1:] if p]
    return not head and bool(parts) and all(p in state.option_texts for p in parts)


def _enter(state: _State, template: Template, n: int, rest: str, line: Line) -> None:
    if n < 0:
        return  # 「システム2～5」: the heading of blank rows
    list_path = state.place.concrete(template)
    state.place.entries[list_path] = n
    state.place.path = (*list_path, n)
    group = labels.group_of(template)
    name = next(
        (it for it in state.index.items if it.path[:-1] == (*template, "*") and it.label == group), None
    )
    if name is not None and rest:
        state.current = Capture(
            name, state.place.concrete(name.path), line, [Line(rest, line.number, line.page)]
        )


def _open(state: _State, candidates: list[Item], rest: str, line: Line, i: int) -> None:
    item = _choose(state, candidates)
    if entries.is_name(item):
        entries.select(state.out, state.place, item, rest or _next_text(state.lines, i))
    path = state.place.concrete(item.path)
    state.place.path = path
    if item.kind == "heading":
        if rest:
            entries.titled(state.out, state.place, state.index, item, Line(rest, line.number, line.page))
            state.current = _body_of(state, item, line)
        return
    state.current = Capture(item, path, line, [Line(rest, line.number, line.page)] if rest else [])
    if item.kind == "checks":
        state.checks.append((i, state.current))


def _body_of(state: _State, item: Item, line: Line) -> Capture | None:
    """The text field of an entry opened by its titled heading (「別紙　個人情報に関する…」)."""
    body = entries.body_item(state.index, item)
    return Capture(body, state.place.concrete(body.path), line) if body else None


def _choose(state: _State, candidates: list[Item]) -> Item:
    """Of items printed with the same label, the one nearest the current place that is still empty."""

    def rank(item: Item) -> tuple[bool, bool, int, int]:
        empty = state.place.concrete(item.path) not in state.out.values
        # 「ユーザ認証の管理 [ 行っている」: the heading and its status share the label; the value wins.
        return (empty, item.kind != "heading", common(item.path, state.place.path), -item.order)

    return max(candidates, key=rank)


def _next_text(lines: list[Line], i: int) -> str:
    for line in lines[i + 1 : i + 6]:
        if line.text.strip():
            return line.text.strip()
    return ""


def _finish(state: _State) -> None:
    capture = state.current
    state.current = None
    if capture is None or capture.item.kind == "checks":
        return
    if capture.item.kind in ("text", "date") and not any(p.text.strip() for p in capture.pieces):
        if capture.path not in state.out.values:
            state.empty = [*state.empty[-(_RECENT - 1) :], capture]
        return
    if capture.item.kind == "choice":
        _count_beside(state, capture)
    if entries.below_named(capture.item) and entries.split(state.out, capture):
        return
    text = values.text_of(capture.pieces)
    value = values.value_of(capture.item, text)
    if capture.item.kind == "choice" and value is None:
        if capture.path not in state.out.values and state.waiting.early(capture, state.fragments):
            return
        state.waiting.choices.append(capture)
        if text:
            for piece in _others(state, capture, capture.pieces):
                state.out.unplaced.append((piece, capture.path))
        return
    if value is None:
        if text:
            state.out.unplaced.extend((p, capture.path) for p in capture.pieces if p.text.strip())
        return
    if capture.path in state.out.values:
        other = _free_entry(state, capture.path)
        if other is None:
            state.out.unplaced.extend(
                (p, capture.path) for p in [capture.at, *capture.pieces] if p.text.strip()
            )
            return
        capture = Capture(capture.item, other, capture.at, capture.pieces)
    state.out.values[capture.path] = (value, capture)
    if capture.item.kind != "text":
        # A number, a date or a choice is one short piece: the other lines are kept, not dropped.
        shown = str(value)
        rest = [p for p in capture.pieces if p.text.strip() and norm(shown) not in norm(p.text)]
        rest = _others(state, capture, rest) if capture.item.kind == "choice" else rest
        state.out.unplaced.extend((p, capture.path) for p in rest if not _FRAGMENT.fullmatch(p.text.strip()))


def _others(state: _State, capture: Capture, pieces: list[Line]) -> list[Line]:
    return state.waiting.sort_out(capture.item, pieces, state.place, state.fragments, state.option_texts)


def _free_entry(state: _State, path: Concrete) -> Concrete | None:
    """An entry's item read twice (its marker was printed after its lines): the first entry of the
    same list where that item is still empty."""
    at = max((n for n, step in enumerate(path) if isinstance(step, int)), default=None)
    if at is None or path[0] == "changes":
        return None
    for index in range(int(path[at]) + 2):
        other = (*path[:at], index, *path[at + 1 :])
        if other not in state.out.values:
            return other
    return None


def _count_beside(state: _State, capture: Capture) -> None:
    """「[ 委託する ] （ 4 ）件」: the count item printed in the same cell as the choice."""
    joined = " ".join(p.text for p in capture.pieces)
    found = re.search(r"[（(]\s*([0-9０-９]+)\s*[)）]\s*件", joined)
    if not found:
        return
    sibling = next(
        (i for i in state.index.items if i.kind == "count" and i.path[:-1] == capture.item.path[:-1]), None
    )
    if sibling is not None:
        path = (*capture.path[:-1], sibling.path[-1])
        state.out.values.setdefault(path, (int(unicodedata.normalize("NFKC", found.group(1))), capture))


def _place_fragments(state: _State) -> None:
    """Each checkbox piece goes to its grid's item (see checkboxes.place)."""
    checkboxes.place(
        state.out, [c for _, c in state.checks], [line for _, line in state.fragments], state.printed
    )
