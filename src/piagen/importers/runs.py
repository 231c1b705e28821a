"""Text values printed apart from their labels, in the shapes some extractions give a table (only
for extracted text: a PDF's lines come in reading order, so none of this fires on a line with cells):
- a run of two or more labels with no value between them, then the values (「③法令による特別の手続」
  「④個人情報ファイル簿への不記載等」, then 「―」「―」): the paragraphs that follow go to the labels
  in the form's order, only when there are exactly as many paragraphs as labels and each reads as
  its label's kind (`adopt`, `fill`);
- a paragraph set apart by a blank line from a value printed on its label's line, while labels left
  empty just before wait (「…におけるその他のリスク」 then 「その他の措置の内容 ―」 then the paragraph):
  it goes to them by the same rule (`place`);
- paragraphs met while a choice or checkbox list is open, after several text labels left empty
  within a page: one each, in the form's order, when as many (`spread`); a single one goes to the
  latest empty label (`redirect`);
- text right after a heading, before any label of its group (「リスク：…」 then its 措置): it is
  the value of the heading's first item when that item is a text whose label was met, or comes
  within NEAR lines, with no value of its own (`adopt`);
- an entry's marker printed after the entry's name on its row (「市町村長 提供先1」, `trailing_marker`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from piagen.importers import values
from piagen.importers.labels import Item, Template, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place, group_marker

# Labels of a run and the values after them sit in one table of one page.
NEAR = 40
REACH = 100  # about one printed page of extracted text (as early.REACH)


def paragraphs(lines: list[Line], start: int, stop: Callable[[int], bool]) -> tuple[list[list[Line]], int]:
    """The paragraphs (runs of non-blank lines) from `start` up to the first line where `stop` is
    true, and the number of lines they take (trailing blank lines included)."""
    out: list[list[Line]] = []
    j = start
    blank = True
    end = min(len(lines), start + 3 * NEAR)  # a run's values are on its page: no need to read on
    while j < end and not (j > start and lines[j].text.strip() and stop(j)):
        if lines[j].text.strip():
            if blank:
                out.append([])
            out[-1].append(lines[j])
            blank = False
        else:
            blank = True
        j += 1
    return out, j - start


def fill(out: Parsed, run: list[Capture], paras: list[list[Line]], first: int = 0) -> bool:
    """Each label of the run takes the paragraph of its rank, when the counts agree and the first
    value comes within NEAR lines of the first label (line `first` when given); False (nothing
    placed) otherwise."""
    if not run or len(paras) != len(run) or paras[0][0].number - (first or run[0].at.number) > NEAR:
        return False
    if any(capture.path in out.values for capture in run):
        return False
    read = [_shaped(capture.item, values.text_of(para)) for capture, para in zip(run, paras, strict=True)]
    if any(value is None for value in read):
        return False  # a paragraph that does not read as its label's kind (a date …): no run here
    for capture, para, value in zip(run, paras, read, strict=True):
        out.values[capture.path] = (value, Capture(capture.item, capture.path, capture.at, para))
    return True


def _shaped(item: Item, text: str | None) -> object:
    """The value of `text` for the item's kind, when the whole paragraph is that value (a date
    paragraph is the date, give or take 「時点」); None otherwise."""
    value = values.value_of(item, text)
    if value is None or item.kind == "text":
        return value
    return value if len(norm(text or "")) <= len(norm(str(value))) + 4 else None


def first_text(index: Index, place: Place, out: Parsed) -> tuple[Item, Concrete] | None:
    """The first item of the heading at `place` when it is a text item still empty."""
    heading = next(
        (i for i in index.items if i.kind == "heading" and place.concrete(i.path) == place.path), None
    )
    if heading is None:
        return None
    first = next((i for i in index.items if i.path[:-1] == heading.path and i.kind != "flag"), None)
    if first is None or first.kind != "text":
        return None
    path = place.concrete(first.path)
    return None if path in out.values else (first, path)


class Reading(Protocol):
    """What `adopt` reads of the parser's state."""

    index: Index
    place: Place
    out: Parsed
    run: list[Capture]  # text labels in a row with no value between them
    empty: list[Capture]  # recent text labels left without a value
    lines: list[Line]
    awaiting: set[Concrete]  # items whose text was read before their label
    current: Capture | None  # the item being read


def place(state: Reading, i: int, stop: Callable[[int], bool]) -> int:
    """Text at line i set apart from the item being read (none, or one whose value was printed on
    its label's line, a blank line before): the lines it takes as a run's values, or 0 — having
    then perhaps opened the heading's first text item (`adopt`)."""
    current = state.current
    if current is None:
        used, state.current = adopt(state, i, stop)
        return used
    kept = [p for p in current.pieces if p.text.strip()]
    inline = current.item.kind == "text" and len(kept) == 1 and kept[0].number == current.at.number
    if not (inline and state.run and i and not state.lines[i - 1].text.strip()):
        return 0
    paras, used = paragraphs(state.lines, i, stop)
    if not fill(state.out, state.run, paras):
        return 0
    state.run.clear()
    state.empty = [c for c in state.empty if c.path not in state.out.values]
    return used


def spread(state: Reading, i: int, stop: Callable[[int], bool]) -> int:
    """Text met while a choice or checkbox item is open, when several text labels were left empty
    within NEAR lines before it: if the paragraphs up to the next label are as many, each label in
    the form's order takes its paragraph (the lines taken; 0 otherwise)."""
    current = state.current
    if current is None or current.item.kind not in ("choice", "checks"):
        return 0
    at = state.lines[i].number
    near = sorted((c for c in state.empty if 0 <= at - c.at.number <= NEAR), key=lambda c: c.item.order)
    if len(near) < 2:
        return 0
    paras, used = paragraphs(state.lines, i, stop)
    if not fill(state.out, near, paras, first=min(c.at.number for c in near)):
        return 0
    state.empty = [c for c in state.empty if c.path not in state.out.values]
    return used


def redirect(state: Reading, i: int, finish: Callable[[], None]) -> int:
    """Text met while a choice or checkbox item is open cannot be its value: extraction put the
    labels of a column before their values, so it goes to the latest text item left empty within a
    page above (`finish` closes the open item). (Not for a PDF: its lines come in reading order.)"""
    current, line = state.current, state.lines[i]
    texts = [c for c in state.empty if c.item.kind == "text"]
    if current is None or current.item.kind not in ("choice", "checks") or not texts:
        return 0
    target = texts[-1]
    if line.number - target.at.number > REACH:
        return 0  # that label is pages away: not this text's
    state.empty.remove(target)
    finish()
    state.current = target
    target.pieces.append(line)
    return 1


def adopt(state: Reading, i: int, stop: Callable[[int], bool]) -> tuple[int, Capture | None]:
    """Text at line i that no item is reading: the lines it takes as the values of a run of labels
    (0 when it is no such run), or the capture of the heading's first text item that it opens —
    when that item's label was met with no value, or comes within NEAR lines with none (so the
    text is not the value of some earlier label)."""
    index, place, out, lines = state.index, state.place, state.out, state.lines
    run, empty = state.run, state.empty
    if len(run) > 1:  # one label left empty is no run: its value may be missing
        paras, used = paragraphs(lines, i, stop)
        placed = fill(out, run, paras)
        run.clear()  # a run's values come first after it, or it has none here
        if placed:
            state.empty = [c for c in empty if c.path not in out.values]
            return used, None
    first = first_text(index, place, out)
    if first is None:
        return 0, None
    item, path = first
    if path in {c.path for c in empty}:
        return 0, Capture(item, path, lines[i], [])
    if _awaited(index, item, lines, i + 1, stop):
        state.awaiting.add(path)
        return 0, Capture(item, path, lines[i], [])
    return 0, None


def _awaited(index: Index, item: Item, lines: list[Line], start: int, stop: Callable[[int], bool]) -> bool:
    """Whether `item`'s label comes within NEAR lines after `start` with no value of its own."""
    for j in range(start, min(start + NEAR, len(lines))):
        found = index.match(lines, j)
        if not found or item not in found[0]:
            continue
        if found[2]:
            return False
        after = next((k for k in range(j + found[1], len(lines)) if lines[k].text.strip()), None)
        return after is None or stop(after)
    return False


_TRAILING = re.compile(r"^(.*\S)[ 　]+(\S+?[ 　]*[0-9０-９]+)$")


def trailing_marker(index: Index, text: str) -> tuple[Template, int, str] | None:
    """「都道府県知事 提供先1」: an entry's marker printed after the entry's name on its row (the
    cell order of the row reversed): the list, the entry index and the name."""
    found = _TRAILING.match(text.strip())
    if not found:
        return None
    marker = group_marker(index, found.group(2))
    if marker is None or marker[1] < 0 or marker[2]:
        return None
    return marker[0], marker[1], found.group(1)
