"""Labels printed as a column before their values (extraction read a table's label cells, then its
value cells: 「①実施日 ②方法 ④主な意見の内容」, then 「令和6年11月28日」 「…において点検を実施。」).

- An item printed with the same label in several places (①実施日 of Ⅵ１ and of Ⅵ３) is the one
  whose sibling's label comes next.
- A paragraph met where no item is open, or under a label left without value while others of the
  same chapter wait, goes to the earliest item of the chapter still waiting for its value (date
  items only take a date); it ends at the next blank line.
- A value given on its label's line ends at the blank line when an earlier sibling still waits
  (the next paragraph is that sibling's value), or when it is a field of a 提供先/移転先 entry.

Only for extracted text (no cell positions): a PDF's lines come in reading order."""

from __future__ import annotations

from piagen.importers import values
from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index

_AHEAD = 8  # lines looked at for the next label
_REACH = 16  # lines back to the label column a paragraph may belong to
_FAR = 64  # lines a label printed apart (on the same page) may be from its value
_DATE_NOTE = 4  # characters a date paragraph may have besides the date (「予定」)
_COLUMN = 3  # labels in a row, without values, that make a column


def prefer(index: Index, candidates: list[Item], lines: list[Line], after: int) -> list[Item]:
    """Of items sharing a label, those whose sibling's label is the next label (all when none is,
    or when the next label is itself printed in several places)."""
    if len(candidates) < 2 or any(c.kind == "heading" for c in candidates):
        return candidates  # a heading and its value share a label: parse._choose tells them apart
    for n in range(after, min(after + _AHEAD, len(lines))):
        if not lines[n].text.strip():
            continue
        found = index.match(lines, n)
        if found is None or len(found[0]) != 1:
            return candidates  # no label next, or one printed in several places itself
        near = [c for c in candidates if c.path[:-1] == found[0][0].path[:-1]]
        return near or candidates
    return candidates


def take(index: Index, waiting: list[Capture], place: Concrete, lines: list[Line], i: int) -> Capture | None:
    """The item waiting for the paragraph that starts at line i (removed from `waiting`): of the
    same chapter, its label printed a few lines before among other labels. A sibling of the item
    whose value was on its label's line just before comes first; else the earliest label of the
    latest column."""
    line = lines[i]
    if line.cells or (i > 0 and lines[i - 1].text.strip()):
        return None  # a PDF line, or not the first line of a paragraph
    found: list[tuple[int, Capture]] = []
    for capture in waiting:
        if capture.path[:1] != place[:1] or capture.item.kind not in ("text", "date"):
            continue
        at = _position(lines, i, capture.at)
        if at is None or (capture.item.kind == "date" and not _is_date(capture.item, line.text)):
            continue
        if _in_column(index, lines, i, at):
            found.append((at, capture))
    if not found:
        return None
    capture = _first(index, found, lines, i)
    waiting.remove(capture)
    return Capture(capture.item, capture.path, capture.at, [line])


def _is_date(item: Item, text: str) -> bool:
    """A paragraph that is a date (「令和４年１２月予定」), not one that mentions a date."""
    value = values.value_of(item, text)
    return value is not None and len(text.strip()) <= len(str(value)) + _DATE_NOTE


def _position(lines: list[Line], i: int, at: Line) -> int | None:
    return next((k for k in range(i - 1, max(-1, i - _FAR), -1) if lines[k] is at), None)


def _first(index: Index, found: list[tuple[int, Capture]], lines: list[Line], i: int) -> Capture:
    before = _previous(lines, i)
    inline = index.match(lines, before) if before is not None else None
    if inline and inline[2]:
        parents = {item.path[:-1] for item in inline[0]}
        siblings = [c for _, c in found if c.item.path[:-1] in parents]
        if siblings:
            return siblings[0]
    found.sort(key=lambda f: f[0])
    column = [found[-1]]
    for at, capture in reversed(found[:-1]):
        if not _only_labels(index, lines, at, column[0][0]):
            break
        column.insert(0, (at, capture))
    return column[0][1]


def _previous(lines: list[Line], i: int) -> int | None:
    k = i - 1
    while k >= 0 and not lines[k].text.strip():
        k -= 1
    return k if k >= 0 else None


def _only_labels(index: Index, lines: list[Line], start: int, end: int) -> bool:
    """Whether lines start..end hold nothing but labels (and blank lines)."""
    k = start
    while k < end:
        if not lines[k].text.strip():
            k += 1
            continue
        found = index.match(lines, k)
        if found is None:
            return False
        k += found[1]
    return True


def _in_column(index: Index, lines: list[Line], i: int, start: int) -> bool:
    """Whether the label on line `start` (before line i) has another label right before or right
    after it (blank lines between): one of a column of labels."""
    found = index.match(lines, start)
    after = start + (found[1] if found else 1)
    while after < i and not lines[after].text.strip():
        after += 1
    before = start - 1
    while before >= 0 and not lines[before].text.strip():
        before -= 1
    return any(0 <= k < i and index.match(lines, k) is not None for k in (before, after))


def ends_here(current: Capture | None, waiting: list[Capture], line: Line) -> bool:
    """A blank line ends a value given on its label's line while an earlier sibling waits, or when
    the item is a field of a 提供先/移転先 entry (①法令上の根拠 …: one short cell each, the next
    paragraph is another cell's; a システム's ②システムの機能 may hold blank lines)."""
    if current is None or line.text.strip() or line.cells or not current.pieces:
        return False
    if current.pieces[0].number != current.at.number or current.item.kind != "text":
        return False
    parent = current.path[:-1]
    if parent[2:3] == ("provision",) and any(isinstance(step, int) for step in parent[3:]):
        return True
    return any(w.path[:-1] == parent and w.item.order < current.item.order for w in waiting)


def behind(index: Index, current: Capture | None, waiting: list[Capture], lines: list[Line], i: int) -> bool:
    """The paragraph at line i comes under a label left without value, in a run of three or more
    labels whose earlier ones still wait: it is the earliest one's value, not this one's."""
    if current is None or current.item.kind not in ("text", "date"):
        return False
    if any(p.text.strip() for p in current.pieces):
        return False
    if lines[i].cells or not lines[i].text.strip() or (i > 0 and lines[i - 1].text.strip()):
        return False
    run: set[int] = set()  # the labels of values right before line i (blank lines between)
    for k in range(i - 1, max(-1, i - _REACH), -1):
        if not lines[k].text.strip():
            continue
        found = index.match(lines, k)
        if found is None or all(item.kind == "heading" for item in found[0]):
            break
        run.add(lines[k].number)
    if len(run) < _COLUMN:
        return False  # one label left empty before another is no column: its value is the last one's
    return any(
        w.path[:1] == current.path[:1] and w.path != current.path and w.at.number in run for w in waiting
    )
