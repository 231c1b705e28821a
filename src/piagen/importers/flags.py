"""A section's 「しない」 flag (「５．特定個人情報の提供・移転（…） [ ○ ] 提供・移転しない」): the form
prints its checkbox on the heading's row, so extraction may leave the tick beside the heading and
the flag's text lines below. The items the form asks for only unless a flag is ticked (x-required
`unless` in the schema: a process not carried out is not assessed) take no stray value once it is.
UNVERIFIED: that these items stay blank when the flag is ticked is read from the form's layout and
the schema's annotation, not from a rule confirmed in the reference (rules-verified.md)."""

from __future__ import annotations

import re

from piagen.importers.labels import Item, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place, common
from piagen.model import form

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


def ticked_row(index: Index, place: Place, out: Parsed, text: str) -> bool:
    """「[ ○ ] 提供・移転しない」: the flag of that label nearest the current place is set; each
    ticked box of a row of flags (「[ ○ ] 接続しない（入手） [ ○ ] 接続しない（提供）」)."""
    found = [[f for f in index.flags if norm(m.group(1)).startswith(f.key)] for m in _TICKED.finditer(text)]
    if not found or not found[0]:
        return False
    for ticked in found if all(found) else found[:1]:
        item = max(ticked, key=lambda f: (common(f.path, place.path), len(f.key)))
        path = place.concrete(item.path)
        if path not in out.values:
            out.values[path] = (True, Capture(item, path, Line(text, 0)))
    return True
