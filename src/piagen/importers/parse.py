"""One pass over a document's lines: labels open items, values follow them, entries of repeated
groups are numbered by their markers, checkbox pieces go to the nearest checkbox item, and every
line that fits nowhere is kept with the place in the form where it was met."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from piagen.importers import labels, table, values
from piagen.importers.labels import Item, Template, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Place, common, group_marker
from piagen.model import form

_CHOICE_HEAD = "＜選択肢＞"
_OPTION_SPLIT = re.compile(r"[0-9０-９]+\s*[)）]")
_FRAGMENT = re.compile(r"[\[\]［］]")
_RECENT = 6
# The cover's title and 様式 stamp: read by documents.split, not values.
_COVER_MARKS = frozenset(
    [norm(f"特定個人情報保護評価書（{name}）") for name in form.FORM_NAMES.values()]
    + [norm(stamp) for stamp in form.STAMPS.values()]
)  # choice items whose value may still come (printed after the item's other lines)


@dataclass
class Parsed:
    """Values by concrete path (with the capture that read them) and the lines placed nowhere."""

    kind: form.FormType
    values: dict[Concrete, tuple[Any, Capture]] = field(default_factory=dict)
    unplaced: list[tuple[Line, Concrete]] = field(default_factory=list)
    names: dict[Concrete, str] = field(default_factory=dict)


@dataclass
class _State:
    index: Index
    lines: list[Line]
    out: Parsed
    place: Place = field(default_factory=Place)
    current: Capture | None = None
    checks: list[tuple[int, Capture]] = field(default_factory=list)
    fragments: list[tuple[int, Line]] = field(default_factory=list)
    open_choices: list[Capture] = field(default_factory=list)
    option_texts: frozenset[str] = frozenset()


def parse(lines: list[Line], kind: form.FormType) -> Parsed:
    """Read every item of a `kind` document from its lines."""
    index = _index(kind)
    state = _State(index, lines, Parsed(kind), option_texts=_options(index))
    i = 0
    while i < len(lines):
        i += _step(state, i)
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


def _step(state: _State, i: int) -> int:
    line = state.lines[i]
    marker = group_marker(state.index, line.text)
    if marker:
        _finish(state)
        _enter(state, *marker, line)
        return 1
    found = state.index.match(state.lines, i)
    if found:
        _finish(state)
        candidates, used, rest = found
        _open(state, candidates, rest, line, i)
        if _is_table(state.place.path):
            return len(state.lines) - i if _table(state, i + used) else used
        return used
    text = line.text.strip()
    if _is_options(state, text) or norm(text) in _COVER_MARKS:
        return 1
    if _FRAGMENT.search(text) or text in ("）", ")", "（ ）"):
        current = state.current
        if current is not None and current.item.kind in ("choice", "checks"):
            current.pieces.append(line)
        elif not _late_choice(state, text):
            state.fragments.append((i, line))
        return 1
    if state.current is not None:
        state.current.pieces.append(line)
    elif text:
        state.out.unplaced.append((line, state.place.path))
    return 1


def _is_table(path: Concrete) -> bool:
    """The 変更箇所 table (a list of rows, x-group 行目): read by its columns, to the document's end."""
    node = form.node_at(path) if path else None
    return bool(node) and node.get("type") == "array" and node.get("x-group") == "行目"  # type: ignore[union-attr]


def _table(state: _State, start: int) -> bool:
    ahead = [ln for ln in state.lines[start : start + 12] if ln.text.strip()][:4]
    if not any(table.is_header(ln) for ln in ahead):
        return False  # the 項目一覧 names the table too; the table itself starts with its column heads
    rows, stray = table.rows(state.lines[start:])
    if not rows:
        return False
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
    if _names_entries(item):
        _select_entry(state, item, rest or _next_text(state.lines, i))
    path = state.place.concrete(item.path)
    state.place.path = path
    if item.kind == "heading":
        return
    state.current = Capture(item, path, line, [Line(rest, line.number, line.page)] if rest else [])
    if item.kind == "checks":
        state.checks.append((i, state.current))


def _choose(state: _State, candidates: list[Item]) -> Item:
    """Of items printed with the same label, the one nearest the current place that is still empty."""

    def rank(item: Item) -> tuple[bool, bool, int, int]:
        empty = state.place.concrete(item.path) not in state.out.values
        # 「ユーザ認証の管理 [ 行っている」: the heading and its status share the label; the value wins.
        return (empty, item.kind != "heading", common(item.path, state.place.path), -item.order)

    return max(candidates, key=rank)


def _names_entries(item: Item) -> bool:
    """The name item of a list whose entries are told apart by name (x-names-title: the files)."""
    if len(item.path) < 3 or item.path[-2] != "*":
        return False
    node = form.node_at(tuple(0 if s == "*" else s for s in item.path[:-2])) or {}
    return "x-names-title" in node and item.path[-1] == "name"


def _select_entry(state: _State, item: Item, name: str) -> None:
    """Ⅱ and Ⅲ print 「１．特定個人情報ファイル名」 for each file: the same name is the same file."""
    list_path = state.place.concrete(item.path[:-2])
    key = _entry_key(name)
    for (_, n), seen in _entry_names(state, list_path):
        if seen == key:
            state.place.entries[list_path] = n
            return
    taken = [n for (_, n), _seen in _entry_names(state, list_path)]
    n = max(taken) + 1 if taken else 0
    state.place.entries[list_path] = n
    state.out.names[(*list_path, n)] = key


def _entry_names(state: _State, list_path: Concrete) -> list[tuple[tuple[Concrete, int], str]]:
    return [
        ((path[:-1], int(path[-1])), name) for path, name in state.out.names.items() if path[:-1] == list_path
    ]


def _entry_key(name: str) -> str:
    return re.sub(r"^[(（][0-9０-９]+[)）]", "", norm(name))


def _next_text(lines: list[Line], i: int) -> str:
    for line in lines[i + 1 : i + 6]:
        if line.text.strip():
            return line.text.strip()
    return ""


def _late_choice(state: _State, text: str) -> bool:
    """「[ 十分である」 printed after other lines: the latest choice item still without a value."""
    for capture in reversed(state.open_choices[-_RECENT:]):
        value = values.choice_of(capture.item, text)
        if value is not None and capture.path not in state.out.values:
            state.out.values[capture.path] = (value, capture)
            state.open_choices.remove(capture)
            return True
    return False


def _finish(state: _State) -> None:
    capture = state.current
    state.current = None
    if capture is None or capture.item.kind == "checks":
        return
    text = values.text_of(capture.pieces)
    value = values.value_of(capture.item, text)
    if capture.item.kind == "choice" and value is None:
        state.open_choices.append(capture)
        if text:
            for piece in capture.pieces:
                state.out.unplaced.append((piece, capture.path))
        return
    if value is None:
        if text:
            state.out.unplaced.extend((p, capture.path) for p in capture.pieces if p.text.strip())
        return
    if capture.path in state.out.values:
        state.out.unplaced.extend((p, capture.path) for p in [capture.at, *capture.pieces])
        return
    state.out.values[capture.path] = (value, capture)
    if capture.item.kind != "text":
        # A number, a date or a choice is one short piece: the other lines are kept, not dropped.
        shown = str(value)
        rest = [p for p in capture.pieces if p.text.strip() and norm(shown) not in norm(p.text)]
        state.out.unplaced.extend((p, capture.path) for p in rest if not _FRAGMENT.fullmatch(p.text.strip()))


def _place_fragments(state: _State) -> None:
    """Each checkbox piece goes to the checkbox item whose label is nearest (before or after)."""
    if not state.checks:
        state.out.unplaced.extend(
            (line, ()) for _, line in state.fragments if line.text.strip() not in "[]）)"
        )
        return
    pieces: dict[int, list[Line]] = {}
    for at, line in state.fragments:
        nearest = min(range(len(state.checks)), key=lambda k: abs(state.checks[k][0] - at))
        pieces.setdefault(nearest, []).append(line)
    for k, (_, capture) in enumerate(state.checks):
        text = "\n".join(
            p.text for p in sorted([*capture.pieces, *pieces.get(k, [])], key=lambda p: p.number)
        )
        value = values.checks_of(capture.item, text)
        if value and capture.path not in state.out.values:
            state.out.values[capture.path] = (value, capture)
