"""Entry names printed apart from their markers (extracted text only: a PDF line has cells).

The form prints an entry's name on its marker's row (「提供先1　市町村長」, 「委託事項1　健康管理
システムの運用・保守」). Extraction may put the marker on a line of its own and the name elsewhere,
as a paragraph no label reads (seed 000: 「提供先2」, 提供先2's items, 「市区町村長」, …, 提供先1's
items with 「市町村長」 among them, then 「提供先1」). After the pass, such a paragraph, left unplaced
while an entry of a list was being read, is that entry's name when the entry has none: first the
paragraphs met inside an entry's items, then those met between entries (after 「提供先2～5」) go to
the entries of that list still without a name, in order. Anything else stays unplaced (reported)."""

from __future__ import annotations

import re

from piagen.importers import entries, values
from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed

_MAX_LINES = 4  # a name is a line or two (a long 委託事項 title wraps); more is some other text
_NOT_PROSE = re.compile(r"[\[\]［］○〇◯]|^[0-9０-９()（）\s　件]*$")


def place(index: Index, out: Parsed) -> None:
    """Give each entry without a name the unplaced paragraph met among its items (see above)."""
    lists = {t: item for t in index.groups.values() if (item := entries.name_item(index, t)) is not None}
    if not lists:
        return
    inside: list[tuple[Concrete, Item, list[Line]]] = []
    between: list[tuple[Concrete, Item, list[Line]]] = []
    for near, para in paragraphs(index, out):
        for template, item in lists.items():
            list_path = _list_of(near, template)
            if list_path is None:
                continue
            if len(near) > len(list_path) and isinstance(near[len(list_path)], int):
                inside.append(((*list_path, near[len(list_path)]), item, para))
            else:
                between.append((list_path, item, para))
    for entry, item, para in inside:
        if sum(e == entry for e, _, _ in inside) == 1:  # two paragraphs there: which is the name?
            give(out, (*entry, item.path[-1]), item, para)
    for list_path, item, para in between:
        count = 1 + max((int(p[len(list_path)]) for p in out.values if _in(p, list_path)), default=-1)
        free = [n for n in range(count) if (*list_path, n, item.path[-1]) not in out.values]
        if free:
            give(out, (*list_path, free[0], item.path[-1]), item, para)


def give(out: Parsed, path: Concrete, item: Item, para: list[Line]) -> None:
    if path in out.values:
        return
    text = values.text_of(para)
    if not text:
        return
    out.values[path] = (text, Capture(item, path, para[0], para))
    ids = {id(line) for line in para}
    out.unplaced[:] = [(line, near) for line, near in out.unplaced if id(line) not in ids]


def _in(path: Concrete, list_path: Concrete) -> bool:
    return (
        path[: len(list_path)] == list_path
        and len(path) > len(list_path)
        and isinstance(path[len(list_path)], int)
    )


def _list_of(near: Concrete, template: tuple[str, ...]) -> Concrete | None:
    """The concrete list of `template` that `near` lies in (at or inside it), or None."""
    if len(near) < len(template):
        return None
    for step, want in zip(near, template, strict=False):
        if step != want and not (want == "*" and isinstance(step, int)):
            return None
    return near[: len(template)]


def paragraphs(index: Index, out: Parsed) -> list[tuple[Concrete, list[Line]]]:
    """Runs of unplaced lines of text on consecutive source lines, with the place they were met:
    neither a label (「③委託先名」 left over), nor a checkbox piece, nor lines an item holds or
    that follow an open 「その他 （」 (the text of a ticked その他, its checkbox item's)."""
    runs: list[tuple[Concrete, list[Line]]] = []
    seen = {
        id(p) for _, capture in out.values.values() if capture.item.kind == "checks" for p in capture.pieces
    }
    other = 0  # the line after an open 「（」
    for line, near in sorted(out.unplaced, key=lambda u: u[0].number):
        text = line.text.strip()
        if _NOT_PROSE.search(text) or len(text) < 2:  # 「リ」: the tail of 「フラッシュメモ」
            other = line.number + 1 if text.endswith(("（", "(")) else other
            continue
        if id(line) in seen or line.cells or index.match([line], 0) or line.number == other:
            continue
        seen.add(id(line))
        if runs and runs[-1][0] == near and runs[-1][1][-1].number + 1 == line.number:
            runs[-1][1].append(line)
        else:
            runs.append((near, [line]))
    return [(near, para) for near, para in runs if len(para) <= _MAX_LINES]
