"""The entry a repeating group's checkbox grid belongs to when extraction printed the grid before
the marker of its entry.

A system's ③他のシステムとの接続 (or any grid inside an entry of a list numbered by markers:
システムN, 委託事項N, 提供先N) is the last item of its block; a page whose cells come out of the
PDF bottom-up gives the grid, then the marker 「システム3」 and the block's ①②. Read in order, such a
grid is given to the entry read before it, so one entry gets two grids and another none (北九州:
the grid with 「[ ○ ] その他 （ 中間サーバー )」 printed right before 「システム3」 went to システム1).

The rule uses two properties. Of the form: every entry of such a list has its grid once. Of the
extraction: a grid label followed by nothing but checkbox pieces (and a range marker
「システム2～5」) up to the next marker of its list was printed next to that marker. When the
in-order reading gives some entry the grid twice, every grid followed that way by a marker goes to
that marker's entry, the others keep theirs; this is kept only when then no entry has the grid
twice. A document read in order never gives an entry its grid twice, so it is left as it is."""

from __future__ import annotations

import re

from piagen.importers.labels import Template
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, group_marker

_PIECE = re.compile(r"[\[\]［］]|^[()（）○〇◯\s]+$")  # a box's bracket, a lone 「）」 or tick
_NEAR = 8  # non-blank lines between a grid's label and the marker printed after it


def by_markers(index: Index, lines: list[Line], checks: list[tuple[int, Capture]]) -> list[Capture]:
    """The checkbox captures, those of a list's grid printed before their entry's marker moved to
    that entry (see the module's docstring); lines[i] is where capture i's label was read."""
    out = [capture for _, capture in checks]
    groups: dict[tuple[Template, Concrete], list[int]] = {}
    for k, (_, capture) in enumerate(checks):
        at = _entry_step(capture.item.path)
        if at is not None:
            groups.setdefault((capture.item.path, capture.path[:at]), []).append(k)
    for members in groups.values():
        paths = [out[k].path for k in members]
        if len(set(paths)) == len(paths):
            continue  # each entry has its grid once: read in order
        moved = [_moved(index, lines, checks[k][0], out[k]) or out[k].path for k in members]
        if len(set(moved)) == len(moved):
            for k, path in zip(members, moved, strict=True):
                out[k] = Capture(out[k].item, path, out[k].at, out[k].pieces)
    return out


def _entry_step(template: Template) -> int | None:
    """Where the entry's index is in the grid's path (the last list it sits in), if any."""
    return max((n for n, step in enumerate(template) if step == "*"), default=None)


def _moved(index: Index, lines: list[Line], i: int, capture: Capture) -> Concrete | None:
    """The grid's path in the entry whose marker follows its label with only checkbox pieces
    between, if one does."""
    at = _entry_step(capture.item.path)
    assert at is not None
    list_template = capture.item.path[:at]
    seen = 0
    for k in range(i + 1, len(lines)):
        text = lines[k].text.strip()
        if not text:
            continue
        marker = group_marker(index, text)
        if marker is not None and marker[0] == list_template:
            if marker[1] < 0:
                continue  # 「システム2～5」: the heading of the blank rows, not an entry
            return (*capture.path[:at], marker[1], *capture.path[at + 1 :])
        seen += 1
        if seen > _NEAR or marker is not None or not _PIECE.search(text) or index.match(lines, k):
            return None  # a label, another list's marker or text: the grid is not printed by it
    return None
