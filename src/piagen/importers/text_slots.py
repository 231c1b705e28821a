"""Shared by the completion passes of Ⅲ/Ⅳ free texts (risk_texts.py, measure_texts.py): the ＜…＞
headed blocks of a text, the words a heading of the form is about, the text items left empty whose
labels follow a line, and whether the form asks for an item given the choices read."""

from __future__ import annotations

import re

from piagen.importers import values
from piagen.importers.labels import Item, Template
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed
from piagen.model import form

REACH = 48  # lines after a text within which its labels may be printed (about half a page)
_HEAD = re.compile(r"^[\s　]*[＜<【〈《]")
# The words a text under a heading of Ⅳ (８～１０ of 様式3) uses: the heading's own (①自己点検 with
# 具体的なチェック方法, ②監査, 従業者に対する教育・啓発) and 研修, the way every 評価書 seen words 教育.
# In the five examples each ＜…＞ block of these items names its own item's words and no other's.
VOCABULARY: dict[Template, tuple[str, ...]] = {
    ("other_measures", "training", "method"): ("研修", "教育", "啓発", "講習", "訓練", "受講"),
    ("other_measures", "audit", "self_check", "method"): ("自己点検", "点検", "チェック"),
    ("other_measures", "audit", "audit", "content"): ("監査",),
}


def named(pieces: list[Line]) -> set[Template]:
    """The items of VOCABULARY whose words the lines name."""
    text = values.text_of(pieces) or ""
    return {path for path, words in VOCABULARY.items() if any(w in text for w in words)}


def unasked(out: Parsed, path: Concrete) -> bool:
    """The form asks for the item only when a choice has a value, and another value was read."""
    node = form.node_at(path)
    need = form.requirement(node) if node else None
    if need is None or not need.when:
        return False
    for cond in need.when:
        if cond.absolute or cond.value is None:
            return False
        holder = path[: len(path) - 1 - cond.up]
        read = out.values.get((*holder, *cond.path), (None,))[0]
        if not isinstance(read, str) or read == cond.value:
            return False
    return True


def empty_labels(
    index: Index, out: Parsed, lines: list[Line], source: Concrete, last: int, after: int
) -> list[tuple[Item, Concrete]]:
    """Text items after form order `after`, empty, asked, whose labels follow line `last` within
    REACH lines (list indices as in `source`; a label that could be several such items makes the
    answer empty)."""
    found: list[tuple[Item, Concrete]] = []
    j = last + 1
    while j < min(len(lines), last + 1 + REACH):
        match = index.match(lines, j) if lines[j].text.strip() else None
        if match is None:
            j += 1
            continue
        empty = [
            (item, path)
            for item in match[0]
            if item.kind == "text" and not match[2] and item.order > after
            for path in [concrete(item.path, source)]
            if path is not None and path not in out.values and path != source and not unasked(out, path)
        ]
        if len(empty) > 1:
            return []
        found += [e for e in empty if e not in found]
        j += match[1]
    return found


def concrete(shape: Template, like: Concrete) -> Concrete | None:
    """The template's path with its list indices taken from `like` (None when they cannot be)."""
    out: list[str | int] = []
    for n, step in enumerate(shape):
        if step != "*":
            out.append(step)
        elif n < len(like) and isinstance(like[n], int) and shape[:n] == template(like[:n]):
            out.append(like[n])
        else:
            return None
    return tuple(out)


def template(path: Concrete) -> Template:
    """The path with its list indices as `*`."""
    return tuple("*" if isinstance(s, int) else s for s in path)


def blocks(kept: list[Line]) -> list[list[Line]]:
    """The text cut at its ＜…＞ (【…】) headings."""
    out: list[list[Line]] = []
    for line in kept:
        if _HEAD.match(line.text) or not out:
            out.append([])
        out[-1].append(line)
    return out


def give(out: Parsed, item: Item, path: Concrete, pieces: list[Line]) -> bool:
    """Set an empty item to the text of `pieces` (False when it is not empty or the text is)."""
    text = values.text_of(pieces)
    if not text or path in out.values:
        return False
    out.values[path] = (text, Capture(item, path, pieces[0], pieces))
    return True
