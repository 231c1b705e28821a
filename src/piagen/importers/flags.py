"""A section's 「しない」 flag (「５．特定個人情報の提供・移転（…） [ ○ ] 提供・移転しない」): the form
prints its checkbox on the heading's row, so extraction may leave the tick beside the heading and
the flag's text lines below. The items the form asks for only unless a flag is ticked (x-required
`unless` in the schema: a process not carried out is not assessed) take no stray value once it is.
UNVERIFIED: that these items stay blank when the flag is ticked is read from the form's layout and
the schema's annotation, not from a rule confirmed in the reference (rules-verified.md)."""

from __future__ import annotations

import re
from typing import Protocol

from piagen.importers import early
from piagen.importers.labels import Item, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place, common
from piagen.model import form


class _Reading(Protocol):
    """What `settle` needs of the parser's state (parse._State)."""

    index: Index
    out: Parsed
    held: early.Held
    current: Capture | None
    empty: list[Capture]
    run: list[Capture]
    open_choices: list[Capture]


_TICK_ONLY = re.compile(r"^[\[［]\s*[○〇◯]\s*[\]］]?$")


def _only_flag(index: Index, heading: Item) -> Item | None:
    """The flag of a section that has exactly one."""
    found = [f for f in index.flags if f.path[:-1] == heading.path]
    return found[0] if len(found) == 1 else None


def tick(index: Index, place: Place, out: Parsed, heading: Item, rest: str, line: Line) -> bool:
    """「[ ○」 printed after a section's heading is its flag's tick: the flag is set. The flags'
    boxes printed on the heading's row (「[ ○ ] 委託しない」, 「[ ○ ] 接続しない（入手） [ ] 接続しない
    （提供）」): each ticked one is set; True when the row is that (nothing else to read)."""
    flag = _only_flag(index, heading)
    if flag is not None and _TICK_ONLY.match(rest.strip()):
        path = place.concrete(flag.path)
        out.values.setdefault(path, (True, Capture(flag, path, line)))
        return True
    own = [f for f in index.flags if f.path[:-1] == heading.path]
    boxes = [(m.group(1) is not None, norm(m.group(2))) for m in _BOX.finditer(rest)]
    if not boxes or not all(any(label.startswith(f.key) for f in own) for _, label in boxes):
        return False
    for ticked, label in boxes:
        found = next(f for f in own if label.startswith(f.key))
        path = place.concrete(found.path)
        if ticked:
            out.values.setdefault(path, (True, Capture(found, path, line)))
    return True


# 「[ ○ ] 委託しない」 (group 1: the tick, group 2: the flag's label)
_BOX = re.compile(r"[\[［]\s*([○〇◯])?\s*[\]］]\s*([^\[［]+)")


def silenced(index: Index, out: Parsed, path: Concrete) -> bool:
    """Whether the item at `path` is one the form asks for only unless a flag is ticked (its own or
    an enclosing item's x-required `unless`, e.g. リスク１ of ６． unless 接続しない（入手）), and
    that flag is ticked."""
    for n in range(len(path), 0, -1):
        node = form.node_at(path[:n])
        need = form.requirement(node) if node else None
        for condition in need.unless if need else ():
            if condition.absolute or condition.value is not None:
                continue
            holder = path[: n - 1 - condition.up] if condition.up else path[: n - 1]
            if out.values.get((*holder, *condition.path), (None,))[0] is True:
                return True
    return False


def purge(index: Index, out: Parsed, *pending: list[Capture]) -> None:
    """Items still waiting for a value (empty labels, open choices) that a tick just silenced."""
    for captures in pending:
        captures[:] = [c for c in captures if not silenced(index, out, c.path)]


_TICKED = re.compile(r"[○〇◯]\s*[\]］]\s*([^\[［]+)")
# 「… 接続しない（入手）［ ○」: a ticked box opened at the line's end, its label on another line
_OPEN_TICK = re.compile(r"[\[［]\s*[○〇◯]\s*$")
# 「] 接続しない（提供）[] 接続しない（入手）○[」: a row of boxes extracted right to left, each
# label after its box's 「]」 and before the 「○[」 that opens its box
_REVERSED = re.compile(r"[\]］]\s*([^\[\]［］○〇◯]+?)\s*[○〇◯]\s*[\[［]")


def ticked_row(index: Index, place: Place, out: Parsed, text: str) -> bool:
    """「[ ○ ] 提供・移転しない」: the flag of that label nearest the current place is set; each
    ticked box of a row of flags (「[ ○ ] 接続しない（入手） [ ○ ] 接続しない（提供）」), also when
    the row was extracted right to left (_REVERSED)."""
    found = [[f for f in index.flags if norm(m.group(1)).startswith(f.key)] for m in _TICKED.finditer(text)]
    if not found or not found[0]:
        found = [
            [f for f in index.flags if norm(m.group(1)).startswith(f.key)] for m in _REVERSED.finditer(text)
        ]
    if not found or not found[0]:
        return False
    for ticked in found if all(found) else found[:1]:
        item = max(ticked, key=lambda f: (common(f.path, place.path), len(f.key)))
        path = place.concrete(item.path)
        if path not in out.values:
            out.values[path] = (True, Capture(item, path, Line(text, 0)))
    if _OPEN_TICK.search(text):
        _next_in_row(index, place, out, item, text)
    return True


def _next_in_row(index: Index, place: Place, out: Parsed, last: Item, text: str) -> None:
    """A row of flags whose line ends in an opened, ticked box after the last label read: the box is
    the next flag of that row in the form's order (「[ ○ ] 接続しない（入手） [ ○ ] 接続しない（提供）」
    extracted as 「○］接続しない（入手）［ ○」 with 「］接続しない（提供）」 elsewhere)."""
    row = [f for f in index.flags if f.path[:-1] == last.path[:-1]]
    after = row[row.index(last) + 1 :] if last in row else []
    if after:
        path = place.concrete(after[0].path)
        out.values.setdefault(path, (True, Capture(after[0], path, Line(text, 0))))


def settle(state: _Reading) -> None:
    """After a tick: items it silences stop waiting (purge), and their values taken early go back."""
    purge(state.index, state.out, state.empty, state.run, state.open_choices)
    state.current = release(state.held, state.index, state.out, state.current)


def release(held: early.Held, index: Index, out: Parsed, current: Capture | None) -> Capture | None:
    """Values taken by items a later tick shows to be moot. An extraction may print a page's
    ＜選択肢＞ values before their labels (early.py): each choice item takes the earliest held value
    as its label opens. When a 「しない」 flag read after that makes an item one the form does not
    ask for (`silenced`), the value it took early was another item's: it is given back to `held`
    (in printed order), for the next item that opens. Only a value taken early is given back; one
    printed beside the item's own label stays. The item being read (`current`) is dropped if it is
    such a choice and shows no value of its own (it would take a held value as it ends). Returns
    what is still being read. UNVERIFIED: see the module's docstring."""
    for path, (value, capture) in list(out.values.items()):
        if capture.item.kind != "choice" or not isinstance(value, str):
            continue
        # taken early: the capture's line is the held value line itself, not the item's label
        taken_early = early.option_of(capture.at.text.strip(), frozenset({norm(value)})) is not None
        if taken_early and silenced(index, out, path):
            del out.values[path]
            early.hold(held, norm(value), capture.at, path)
            held.lines.sort(key=lambda h: h[1].number)
    if (
        current is not None
        and current.item.kind == "choice"
        and silenced(index, out, current.path)
        and not any(p.text.strip() for p in current.pieces)
    ):
        return None
    return current
