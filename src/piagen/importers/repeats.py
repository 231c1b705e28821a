"""Labels the form prints in several places (「具体的な管理方法」 three times under Ⅲ３ リスク２,
「具体的な方法」, 「リスク４：　入手の際に特定個人情報が漏えい・紛失するリスク」 in Ⅲ２ and Ⅲ６):
which of them a label line opens, from what the extraction shows around it. Extraction may print a
block's cells out of order (the value cells of Ⅲ３ リスク２ come bottom-up, each beside the label
printed below it), so the order of the lines alone does not tell.

- A value is followed by the label printed right below it in the form: of the items sharing a
  label, the one whose next item in the form's order is the label met after the value is the one
  being read, when it is still empty. In reading order this is the item itself, so the rule only
  decides where the order was broken.
- A heading printed in several places is the one whose items are still unread, when the other's
  items were all read more than a printed page before (REACH lines).
Only the candidates still empty are kept; when the rule does not decide, every candidate stays
and the parser's nearest-place rule (parse._choose) chooses."""

from __future__ import annotations

from typing import Protocol

from piagen.importers import chapters, columns
from piagen.importers.early import REACH
from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place, group_marker

_AFTER = 80  # lines a value may take before the label printed below it


class _Reading(Protocol):
    """What `prefer` needs of the parser's state (parse._State)."""

    index: Index
    lines: list[Line]
    out: Parsed
    place: Place
    awaiting: set[Concrete]


def prefer(state: _Reading, candidates: list[Item], after: int) -> list[Item]:
    """Of the items sharing the label whose value starts at line `after`, those the extraction's
    order shows to be meant (all of them when it does not tell); columns.prefer first."""
    candidates = columns.prefer(state.index, candidates, state.lines, after)
    chapters.turn(state, candidates, after)
    if len(candidates) < 2:
        return candidates
    if all(c.kind == "heading" for c in candidates):
        return _unread(state, candidates, after)
    if any(c.kind != "text" for c in candidates):
        return candidates  # a choice's value is on its label's row, often printed apart from it
    below = _next_label(state.index, state.lines, after)
    following = [c for c in candidates if _successor(state.index, c) in below]
    return _empty(state, following, candidates)


def _empty(state: _Reading, chosen: list[Item], candidates: list[Item]) -> list[Item]:
    """Of `chosen`, those still empty (or waiting for their label, runs.py); `candidates` when
    none is, or when `chosen` tells none of the candidates apart."""
    if not chosen or len(chosen) == len(candidates):
        return candidates
    paths = [state.place.concrete(c.path) for c in chosen]
    empty = [
        c for c, p in zip(chosen, paths, strict=True) if p not in state.out.values or p in state.awaiting
    ]
    return empty or candidates


def _next_label(index: Index, lines: list[Line], start: int) -> list[Item]:
    """The items of the first label met from line `start` on (none when a list marker comes
    first or no label comes within _AFTER lines)."""
    for n in range(start, min(start + _AFTER, len(lines))):
        text = lines[n].text.strip()
        if not text:
            continue
        if group_marker(index, text):
            return []
        found = index.match(lines, n)
        if found:
            return found[0]
    return []


def _successor(index: Index, item: Item) -> Item | None:
    """The item printed right after `item` (its next in the form's order)."""
    at = index.items.index(item)
    return index.items[at + 1] if at + 1 < len(index.items) else None


def _unread(state: _Reading, headings: list[Item], at: int) -> list[Item]:
    """Of headings sharing a label, those with no value read yet, when every other one's values
    were read more than REACH lines before line `at`."""
    number = state.lines[at - 1].number if 0 < at <= len(state.lines) else 0
    read: dict[Item, list[Capture]] = {}
    for heading in headings:
        path = state.place.concrete(heading.path)
        read[heading] = [c for p, (_, c) in state.out.values.items() if _under(p, path)]
    unread = [h for h in headings if not read[h]]
    done = all(all(number - c.at.number > REACH for c in read[h]) for h in headings if read[h])
    return unread if unread and done and len(unread) < len(headings) else headings


def _under(path: Concrete, head: Concrete) -> bool:
    return path[: len(head)] == head
