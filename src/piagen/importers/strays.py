"""Paragraphs left unplaced after the pass, given where the form leaves room for them (extracted
text only: a PDF line has cells). Entry names printed apart from their markers: names.py. Then a
value printed before its block (seeds 003, 004: 「該当なし」 or 「検診対象者であるかの決定を行う。」
among the checkbox pieces of 「②主な記録項目」, then 「⑨使用開始日」「⑧使用方法」 … 「権利利益に
影響を与え得る決定」 left empty): an unplaced paragraph met in another section, followed past
checkbox pieces only by a run of labels of one section, goes to the one text item of that run
whose label was met with no value; with none or several such items it stays unplaced (reported)."""

from __future__ import annotations

import re

from piagen.importers import names
from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Concrete, Index, Parsed

_REACH = 100  # lines: about one printed page of extracted text
_PIECE = re.compile(r"^[\[\]［］○〇◯()（）\s　]*$|^[\[\]［］]|[\[\]［］]$|^[0-9０-９]+[)）]|＜選択肢＞")


def place(index: Index, out: Parsed, lines: list[Line]) -> None:
    """Entry names first (names.py), then values printed before their block (see above)."""
    names.place(index, out)
    at = {line.number: n for n, line in enumerate(lines)}
    read = {capture.at.number: path for path, (_, capture) in out.values.items()}
    for near, para in names.paragraphs(index, out):
        start = at.get(para[-1].number)
        if start is None:
            continue
        target = _empty_after(index, out, lines, start + 1, read)
        # only a paragraph extraction moved among another section's items (met under 「主な記録項目」,
        # it belongs to 「３．特定個人情報の入手・使用」): one met in its own section is its text
        if target is not None and _section(target[1]) != _section(near):
            names.give(out, target[1], target[0], para)


def _empty_after(
    index: Index, out: Parsed, lines: list[Line], start: int, read: dict[int, Concrete]
) -> tuple[Item, Concrete] | None:
    """The one text item left empty among the labels of one section that follow line `start`
    (past checkbox pieces and option lists only)."""
    section: Concrete | None = None
    empty: list[tuple[Item, Concrete]] = []
    j = start
    while j < min(len(lines), start + _REACH):
        text = lines[j].text.strip()
        found = index.match(lines, j) if text else None
        if found is None:
            if text and section is None and not _PIECE.search(text):
                return None  # more text before the block: the paragraph is not the block's
            j += 1
            continue
        if all(item.kind == "heading" for item in found[0]):
            pass  # 「３．特定個人情報の入手・使用」, 「⑦使用の主体」: the block goes on
        elif lines[j].number in read:  # a label whose value was read
            if section is None:
                section = _section(read[lines[j].number])
            elif _section(read[lines[j].number]) != section:
                break
        else:
            mine = [(i, p) for i in found[0] if section is not None and (p := _concrete(i, section))]
            if not mine:
                break  # a label of another section (or the block starts with an empty label)
            empty += [(i, p) for i, p in mine if i.kind == "text" and not found[2] and p not in out.values]
        j += found[1]
    return empty[0] if len(empty) == 1 else None


def _section(path: Concrete) -> Concrete:
    """The section a value lies in: Ⅱ's 「３．特定個人情報の入手・使用」 of a file, or a chapter."""
    return path[:3] if path[:1] == ("files",) else path[:1]


def _concrete(item: Item, section: Concrete) -> Concrete | None:
    """The item's path in `section`, when it lies there and has no entry of its own."""
    template = tuple("*" if isinstance(s, int) else s for s in section)
    if item.path[: len(section)] != template or "*" in item.path[len(section) :]:
        return None
    return (*section, *item.path[len(section) :])
