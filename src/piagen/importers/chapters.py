"""A chapter printed once per named entry (Ⅲ リスク対策 for each file). Extraction may put the first
page of a file's Ⅲ (the later risks of ２．特定個人情報の入手, bottom-up) before that file's Ⅲ
heading, right after the previous file's ７．特定個人情報の保管・消去 (seed 003, 高槻住基 files 2
and 3): read in order, they would be the previous file's items, already filled. A label of an
earlier section than the one being read, whose item is already taken in the current file, starts
the next named file when that file's chapter heading follows within REACH lines (about a page)."""

from __future__ import annotations

from typing import Protocol

from piagen.importers import entries
from piagen.importers.early import REACH
from piagen.importers.labels import Item, Template
from piagen.importers.lines import Line
from piagen.importers.reader import Concrete, Index, Parsed, Place


class _Reading(Protocol):
    """What `turn` needs of the parser's state (parse._State)."""

    index: Index
    lines: list[Line]
    out: Parsed
    place: Place


def turn(state: _Reading, candidates: list[Item], after: int) -> None:
    """Start the next named entry when the label (its items `candidates`, its value from line
    `after`) opens a page of that entry's chapter printed before the chapter's heading."""
    where, template = state.place.path, candidates[0].path
    if len(template) < 4 or len(where) < 4 or template[1] != "*" or not isinstance(where[1], int):
        return
    if (where[0], where[2]) != (template[0], template[2]) or not _chaptered(template):
        return
    entry = where[1]
    if (template[0], entry + 1) not in state.out.names:
        return  # no next entry named (in Ⅱ) to go on to
    back = _order(state.index, template[:4]) < _order(
        state.index, (template[0], "*", str(where[2]), str(where[3]))
    )
    if not back or not all(_taken(state.out, (template[0], entry, *c.path[2:])) for c in candidates):
        return
    heading = next((i for i in state.index.items if i.path == template[:3]), None)
    if heading is not None and _ahead(state.index, state.lines, after, heading):
        state.place.entries[(template[0],)] = entry + 1


def _chaptered(template: Template) -> bool:
    """Whether `template` lies in a list told apart by name (the files)."""
    return entries.is_name(Item((template[0], "*", "name"), "", "", "text", 0))


def _order(index: Index, template: tuple[str, ...]) -> int:
    found = next((i.order for i in index.items if i.path == template), None)
    return found if found is not None else -1


def _taken(out: Parsed, path: Concrete) -> bool:
    """Whether the item at `path` (or, for a heading, any item under it) has a value."""
    return any(p[: len(path)] == path for p in out.values)


def _ahead(index: Index, lines: list[Line], start: int, heading: Item) -> bool:
    """Whether the chapter's heading is printed within REACH lines from `start`."""
    for n in range(start, min(start + REACH, len(lines))):
        found = index.match(lines, n) if lines[n].text.strip() else None
        if found and heading in found[0]:
            return True
    return False
