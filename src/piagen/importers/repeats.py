"""Labels the form prints in several places (「具体的な管理方法」 three times under Ⅲ３ リスク２,
「具体的な方法」, 「リスク４：　入手の際に特定個人情報が漏えい・紛失するリスク」 in Ⅲ２ and Ⅲ６):
which of them a label line opens, from what the extraction shows around it. Extraction may print a
block's cells out of order (the value cells of Ⅲ３ リスク２ come bottom-up, each beside the label
printed below it), so the order of the lines alone does not tell.

- A text value is followed by a label printed right below it in the form: of the items sharing a
  label, those with the label met after the value among the few items that follow them in the
  form's order (_below) are the ones being read, when still empty. In reading order this is the
  item itself, so the rule only decides where the order was broken. (Not for choices: their
  values are printed apart from their labels too often for the next label to tell.)
- A heading printed in several places is the one whose items are still unread, when the other's
  items were all read more than a printed page before (REACH lines).
- A Ⅲ page of the next file printed before that file's Ⅲ heading starts that file (chapters.py).
Only the candidates still empty are kept; when the rule does not decide, every candidate stays
and the parser's nearest-place rule (parse._choose) chooses. These rules come from the order the
seeds' extraction gives (000, 003, 004); they are about how text is extracted, not about the
form, so a layout not seen yet may still land on the nearest place."""

from __future__ import annotations

import re
from typing import Protocol

from piagen.importers import chapters, columns
from piagen.importers.early import REACH
from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place, group_marker

_AFTER = 80  # lines a value may take before the label printed below it
# the end of a ＜選択肢＞ list a label's row may begin with
_LIST_END = re.compile(r"^[\s\[\]［］]*＜選択肢＞[\s\[\]［］]*")
_ROWS = 4  # items of the form the label after a value may be below it


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
    following = [c for c in candidates if any(b in below for b in _below(state.index, c))]
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
        tail = _LIST_END.sub("", text)
        if not found and tail != text:  # 「＜選択肢＞] リスクへの対策は十分か [ 十分である」
            found = index.match([Line(tail, lines[n].number, lines[n].page)], 0)
        if found:
            return found[0]
    return []


def _below(index: Index, item: Item) -> list[Item]:
    """The items printed right below `item`: those after it in the form's order, up to the next
    item printed with the same label and at most _ROWS of them (rows between may have been
    extracted elsewhere: 「具体的な方法」 of 再委託先 then the section's 「リスクへの対策は十分か」)."""
    at = index.items.index(item)
    out: list[Item] = []
    for other in index.items[at + 1 : at + 1 + _ROWS]:
        if other.key == item.key:
            break
        out.append(other)
    return out


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
