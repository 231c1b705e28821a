"""One pass over a document's lines: labels open items, values follow them, entries are numbered by
their markers, checkbox pieces go to their grid (checkboxes.py), choice values printed apart to their
choice (early.py, choices.py); a line that fits nowhere is kept with the place where it was met."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from piagen.importers import (
    ahead,
    cells,
    changes,
    checkboxes,
    choices,
    columns,
    early,
    entries,
    fixed,
    flags,
    grid_entry,
    labels,
    option_texts,
    repeats,
    runs,
    siblings,
    strays,
    table,
    tails,
    values,
)
from piagen.importers.labels import Item, Template, norm
from piagen.importers.lines import Line, next_text
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place, common, group_marker
from piagen.model import form

_CONTENTS = "項目一覧"
_FRAGMENT = re.compile(r"[\[\]［］]")
_RECENT = 6
# The cover's title and 様式 stamp: read by documents.split, not values.
_COVER_MARKS = frozenset(
    [norm(f"特定個人情報保護評価書（{name}）") for name in form.FORM_NAMES.values()]
    + [norm(stamp) for stamp in form.STAMPS.values()]
)  # choice items whose value may still come (printed after the item's other lines)
_MARKS = _COVER_MARKS | {_CONTENTS}


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
    empty: list[Capture] = field(default_factory=list)  # text items whose label had no value after it
    dealt: Capture | None = None  # the item given a paragraph met apart from its label (columns.take)
    option_texts: frozenset[str] = frozenset()
    printed: tuple[str, ...] = ()  # every option text the form prints, longest first
    held: early.Held = field(default_factory=early.Held)  # choice values met before their label
    run: list[Capture] = field(default_factory=list)  # text labels in a row with no value between
    awaiting: set[Concrete] = field(default_factory=set)  # items read before their label (runs.py)
    heads: frozenset[str] = frozenset()  # headings inside checkbox grids (fixed.py)


def parse(lines: list[Line], kind: form.FormType) -> Parsed:
    """Read every item of a `kind` document from its lines."""
    index = _index(kind)
    lines = changes.gather_before_title(index, lines, _is_table, table.is_header)
    lines, ends = cells.prepare(index, lines)
    state = _State(index, lines, Parsed(kind), option_texts=_options(index), printed=_printed(index))
    state.heads = fixed.subgroup_heads(index)
    i = 0
    while i < len(lines):
        used = _step(state, i)
        if ends.intersection(range(i, i + used)):
            _finish(state)  # the value's cell ends here (cells.prepare)
        i += used
    _finish(state)
    _place_fragments(state)
    choices.settle(state.out, state.held.lines, {c.path for c in state.open_choices})
    state.out.unplaced.extend(early.left(state.held))
    strays.place(index, state.out, lines)
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
    marker = group_marker(state.index, line.text) or runs.trailing_marker(state.index, line.text)
    if marker:
        _finish(state)
        _enter(state, *marker, line)
        return 1
    if table.is_heads_row(line):
        _finish(state)
        return 1  # the heads of a 変更箇所 table with no rows (the form's empty table)
    found = early.unless_option(state.index.match(state.lines, i), line.text, state.option_texts)
    if found:
        _finish(state)
        candidates, used, rest = found
        candidates = repeats.prefer(state, candidates, i + used)
        candidates = siblings.prefer(candidates, state.index.items, state.lines, i)
        _open(state, candidates, rest, line, i)
        if _is_table(state.place.path):
            return used + _table(state, i + used)
        return used
    text = line.text.strip()
    if early.is_options(text, state.option_texts) or norm(text) in _COVER_MARKS | state.heads:
        return 1
    if vertical := fixed.vertical_label(state.index, state.lines, i):
        return vertical
    if norm(text) == _CONTENTS:
        _finish(state)  # 「項目一覧」 ends the cover
        return 1
    if _FRAGMENT.search(text) and flags.ticked_row(state.index, state.place, state.out, text):
        flags.settle(state)
        return 1
    if early.claim(state.held, line, state.current, state.place.path, state.option_texts, _late(state)):
        if (
            state.current is not None
            and state.current.item.kind == "text"
            and values.text_of(state.current.pieces)
        ):
            _finish(state)  # a choice's value printed apart ends the text read before it, as a piece does
        return 1
    if after := choices.after_list(text, state.option_texts):
        early.hold(state.held, after, line, state.place.path)
        return 1
    if (
        _FRAGMENT.search(text)
        or text in ("）", ")", "（ ）", "（", "(", "○", "〇", "◯")  # a tick alone is no text
        or option_texts.apart(text)
        or fixed.option_tail(state.lines, i, state.printed)
        or tails.is_option_close(state.lines, i)
    ):
        _piece(state, i, line)
        return 1
    return _text(state, i, line, text)


def _text(state: _State, i: int, line: Line, text: str) -> int:
    """A line of text (or blank): a value printed apart from its label (runs.py, columns.py), a
    choice value met late, a count apart, or the next line of the item being read."""
    bare_option = norm(text) in state.option_texts
    prose = text and not bare_option and not norm(text).isdigit()
    if prose and not line.cells:
        stop, finish = (lambda j: _boundary(state, j)), (lambda: _finish(state))
        used = runs.spread(state, i, stop) or runs.redirect(state, i, finish)
        if used:
            return used
    if (
        bare_option
        and not (state.current and state.current.item.kind == "choice")
        and _late_choice(state, text)
    ):
        return 1  # 「政府機関ではない」 printed apart from its [ ]
    if early.hold_number(state.held, line, state.current):
        return 1
    if columns.behind(state.index, state.current, state.empty, state.lines, i):
        _finish(state)  # a column of labels before their values: the earliest takes this paragraph
    used = runs.place(state, i, lambda j: _boundary(state, j)) if text else 0
    if used:
        return used
    if state.current is not None:
        state.current.pieces.append(line)
    elif text:
        state.current = state.dealt = columns.take(state.index, state.empty, state.place.path, state.lines, i)
        state.current = state.current or ahead.take(state, i, lambda j: _boundary(state, j))
        if state.current is None:
            state.out.unplaced.append((line, state.place.path))
    return 1


def _piece(state: _State, i: int, line: Line) -> None:
    """A checkbox piece (brackets, a tick, 「（ ）」): to the choice or checkbox item being read, else
    kept for the nearest checkbox item; it ends a text value read before it."""
    current, text = state.current, line.text.strip()
    if current is not None and current.item.kind in ("choice", "checks"):
        current.pieces.append(line)
        return
    if current is not None and values.text_of(current.pieces) and not tails.residue(state.printed, text):
        state.out.unplaced.extend(tails.grid_tail(current))
        _finish(state)  # a bare checkbox piece: the text before it was the whole value
    if not _late_choice(state, text):
        state.fragments.append((i, line))


def _boundary(state: _State, j: int) -> bool:
    """Whether line j starts something other than a value (a label, a marker, a checkbox piece, a
    ＜選択肢＞ list or a lone option)."""
    text = state.lines[j].text.strip()
    if group_marker(state.index, text) or state.index.match(state.lines, j) or _FRAGMENT.search(text):
        return True
    options = state.option_texts
    return early.is_options(text, options) or bool(early.option_of(text, options)) or norm(text) in _MARKS


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


def _enter(state: _State, template: Template, n: int, rest: str, line: Line) -> None:
    list_path = state.place.concrete(template)
    state.empty = entries.still_waiting(state.empty, list_path, n)
    if n < 0:  # 「提供先2～5」: the heading of blank rows; labels after it are of this list
        state.place.path = list_path
        return
    state.place.entries[list_path] = n
    state.place.path = (*list_path, n)
    state.current = entries.name_capture(state.index, state.place, template, rest, line)


def _open(state: _State, candidates: list[Item], rest: str, line: Line, i: int) -> None:
    waited = [c for c in candidates if state.place.concrete(c.path) in state.awaiting]
    item = waited[0] if waited and not rest else _choose(state, candidates)
    if entries.is_name(item):
        entries.select(state.out, state.place, item, rest or next_text(state.lines, i))
    entries.enter(state.out, state.place, item)
    path = state.place.concrete(item.path)
    state.place.path = path
    if path in state.awaiting:  # its text came before it (runs.py)
        state.awaiting.discard(path)
        return
    if item.kind == "heading":
        if rest and flags.tick(state.index, state.place, state.out, item, rest, line):
            flags.settle(state)
            return
        if rest:
            entries.titled(state.out, state.place, state.index, item, Line(rest, line.number, line.page))
            state.current = _body_of(state, item, line)
        return
    if not rest and flags.silenced(state.index, state.out, path):
        return  # an item of a section not carried out: what follows is not its value
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
        empty = entries.open_slot(state.out, state.place.concrete(item.path), state.place.path)
        # 「ユーザ認証の管理 [ 行っている」: the heading and its status share the label; the value wins.
        return (empty, item.kind != "heading", common(item.path, state.place.path), -item.order)

    return max(candidates, key=rank)


def _late(state: _State) -> Callable[[Line], bool]:
    return lambda line: _late_choice(state, line.text.strip())


def _give(state: _State, line: Line) -> bool:
    """A value of another choice read under a choice: the latest open choice that takes it, else
    held for a label printed after it (early.py)."""
    if _late_choice(state, line.text.strip()):
        return True
    option = early.option_of(line.text.strip(), state.option_texts)
    if option is not None:
        early.hold(state.held, option, line, state.place.path)
    return option is not None


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
    if capture.item.kind in ("text", "date") and not any(p.text.strip() for p in capture.pieces):
        if capture.path not in state.out.values and not entries.is_marker_name(capture.item):
            state.empty = [*state.empty[-(_RECENT - 1) :], capture]
            state.run.append(capture)
        return
    if any(p.text.strip() for p in capture.pieces):
        state.run.clear()
    if capture.item.kind == "choice":
        early.count_beside(state.index, state.out, capture)
    if entries.below_named(capture.item) and entries.split(state.out, capture):
        return
    text = values.text_of(capture.pieces)
    value = values.value_of(capture.item, text)
    if capture.item.kind == "choice" and value is None:
        if capture.path in state.out.values:  # read twice: an entry's marker printed after its lines
            other = entries.free_entry(state.out, capture.path)
            capture = Capture(capture.item, other, capture.at, capture.pieces) if other else capture
        taken = early.take(state.held, capture.item, capture.at)
        if taken:
            early.put(state.out, Capture(capture.item, capture.path, taken[1]), taken[0])
            early.count_apart(state.held, state.index, state.out, capture, taken[0])
        else:
            state.open_choices.append(capture)
        others = _others(state, capture, capture.pieces) if text else []  # kept, never dropped
        state.out.unplaced.extend((piece, capture.path) for piece in others if piece.text.strip())
        return
    if value is None:
        if text:
            state.out.unplaced.extend((p, capture.path) for p in capture.pieces if p.text.strip())
        return
    if capture.path in state.out.values and not entries.repeated_name(state.out, capture, text):
        other = entries.free_entry(state.out, capture.path)
        if other is None:
            state.out.unplaced.extend(
                (p, capture.path) for p in [capture.at, *capture.pieces] if p.text.strip()
            )
            return
        capture = Capture(capture.item, other, capture.at, capture.pieces)
    if capture.path not in state.out.values:  # (an entry's name printed again is read, not kept twice)
        state.out.values[capture.path] = (value, capture)
    if capture.item.kind == "choice":
        early.count_apart(state.held, state.index, state.out, capture, value)
    if capture.item.kind != "text":
        # A number, a date or a choice is one short piece: the other lines are kept, not dropped.
        shown = str(value)
        rest = [p for p in capture.pieces if p.text.strip() and norm(shown) not in norm(p.text)]
        rest = _others(state, capture, rest) if capture.item.kind == "choice" else rest
        state.out.unplaced.extend((p, capture.path) for p in rest if not _FRAGMENT.fullmatch(p.text.strip()))


def _others(state: _State, capture: Capture, pieces: list[Line]) -> list[Line]:
    return choices.sort_out(
        capture.item, pieces, lambda p: _give(state, p), state.fragments, state.option_texts
    )


def _place_fragments(state: _State) -> None:
    """Each checkbox piece goes to its grid's item (checkboxes.place)."""
    checks = grid_entry.by_markers(state.index, state.lines, state.checks)
    checkboxes.place(state.out, checks, [line for _, line in state.fragments], state.printed)
