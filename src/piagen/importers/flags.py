"""A section's 「しない」 flag (「５．特定個人情報の提供・移転（…） [ ○ ] 提供・移転しない」): the form
prints its checkbox on the heading's row, so extraction may leave the tick beside the heading and
the flag's text lines below. When a section has one such flag and it is ticked, the section's
questions are not answered (記載要領: the risks of a process not carried out are not assessed), so a
stray ＜選択肢＞ value is never given to them."""

from __future__ import annotations

import re

from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place

_TICK_ONLY = re.compile(r"^[\[［]\s*[○〇◯]\s*[\]］]?$")


def _only_flag(index: Index, heading: Item) -> Item | None:
    """The flag of a section that has exactly one."""
    found = [f for f in index.flags if f.path[:-1] == heading.path]
    return found[0] if len(found) == 1 else None


def tick(index: Index, place: Place, out: Parsed, heading: Item, rest: str, line: Line) -> bool:
    """「[ ○」 printed after a section's heading is its flag's tick: the flag is set."""
    flag = _only_flag(index, heading)
    if flag is None or not _TICK_ONLY.match(rest.strip()):
        return False
    path = place.concrete(flag.path)
    out.values.setdefault(path, (True, Capture(flag, path, line)))
    return True


def silenced(index: Index, out: Parsed, path: Concrete) -> bool:
    """Whether the item at `path` is in a section whose only flag is ticked."""
    for flag in index.flags:
        section = flag.path[:-1]
        if len(path) <= len(section) or any(s != "*" and s != p for s, p in zip(section, path, strict=False)):
            continue
        if len([f for f in index.flags if f.path[:-1] == section]) != 1:
            continue
        concrete = (*path[: len(section)], flag.path[-1])
        if out.values.get(concrete, (None,))[0] is True:
            return True
    return False


def purge(index: Index, out: Parsed, *pending: list[Capture]) -> None:
    """Items still waiting for a value (empty labels, open choices) that a tick just silenced."""
    for captures in pending:
        captures[:] = [c for c in captures if not silenced(index, out, c.path)]
