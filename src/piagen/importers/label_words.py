"""A text value the text does not tie to its label, given to the label of its section whose head word
it repeats (extracted text).

A label's head word is the noun its label ends with (「権利利益に影響を与え得る決定」 → 決定, 「変更の
妥当性」 → 妥当性, 「情報の統計分析」 → 統計分析): what an answer to the item is about, and the word such
an answer tends to repeat (「予防接種健康被害発生時の給付の決定（国）」). On 柏's Ⅱ３ page the one-pass
reader gives that line to ⑥変更の妥当性, whose label is printed 78 lines above it with other labels
between, and gives 権利利益に影響を与え得る決定 a paragraph of the 委託 section met 66 lines below it.

A value met far below its label with other labels between (value_column.untied) moves to the one
other text item of its section, in the same file, that is empty or holds such a value itself and
whose head word the value repeats, when the value does not repeat its own label's head word. What
the target held is reported, not dropped. Only values the text does not tie anywhere move, and only
to a label that has nothing the text ties to it. Lines so freed that sit beside a grid whose ticked
その他 shows no text are given to it as option_texts.py would have (柏: 委託事項1's ④ その他 text)."""

from __future__ import annotations

import re
import unicodedata

from piagen.importers import option_texts, value_column
from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed

_INDEXES: dict[str, Index] = {}
_HEAD = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff]{2,}$")
_WS = re.compile(r"\s+")


def place(parsed: Parsed, lines: list[Line]) -> None:
    """Move each untied text value to the one open label of its section whose head word it repeats."""
    if any(line.x1 for line in lines):
        return  # a PDF: lines in reading order
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    marks = [lines[j].number for j, _, _ in value_column.labels_in(index, lines)]
    loose = {
        path
        for path, (value, capture) in parsed.values.items()
        if capture.item.kind == "text" and isinstance(value, str) and value_column.untied(capture, marks)
    }
    freed: list[tuple[Line, Concrete]] = []
    for path in sorted(loose, key=str):
        if path not in parsed.values:
            continue
        value, capture = parsed.values[path]
        targets = [
            (item, there)
            for item, there in _section(index, path)
            if there != path and (there not in parsed.values or there in loose) and _repeats(value, item)
        ]
        if len(targets) == 1 and not _repeats(value, capture.item):
            freed.extend(_move(parsed, path, *targets[0]))
            loose.discard(targets[0][1])
    _regrid(parsed, freed)


def _section(index: Index, path: Concrete) -> list[tuple[Item, Concrete]]:
    """The text items of the path's section (Ⅱ３, …), concrete in the same file; none in lists."""
    if path[:1] != ("files",) or len(path) < 3:
        return []
    out: list[tuple[Item, Concrete]] = []
    for item in index.items:
        if item.kind == "text" and item.path[:3] == ("files", "*", path[2]) and "*" not in item.path[2:]:
            out.append((item, (path[0], path[1], *item.path[2:])))
    return out


def _repeats(value: str, item: Item) -> bool:
    head = _HEAD.search(unicodedata.normalize("NFKC", item.label).replace("※", "").strip())
    return bool(head) and head.group(0) in _WS.sub("", unicodedata.normalize("NFKC", value))  # type: ignore[union-attr]


def _move(parsed: Parsed, path: Concrete, item: Item, there: Concrete) -> list[tuple[Line, Concrete]]:
    """Move the value; what the target held is reported (and returned)."""
    value, capture = parsed.values.pop(path)
    freed: list[tuple[Line, Concrete]] = []
    if there in parsed.values:
        _, taken = parsed.values.pop(there)
        freed = [(piece, there) for piece in taken.pieces if piece.text.strip()]
        parsed.unplaced.extend(freed)
    parsed.values[there] = (value, Capture(item, there, capture.at, capture.pieces))
    return freed


def _regrid(parsed: Parsed, freed: list[tuple[Line, Concrete]]) -> None:
    """Lines freed here may be the text of a ticked option printed apart from its box, which the
    one-pass reader could not give it while a label held them (option_texts.attach, on them alone)."""
    if not freed:
        return
    grids = [(c, c.pieces) for _, c in parsed.values.values() if c.item.kind == "checks"]
    alone = Parsed(parsed.kind, parsed.values, list(freed))
    option_texts.attach(alone, grids)
    used = [pair for pair in freed if pair not in alone.unplaced]
    parsed.unplaced[:] = [pair for pair in parsed.unplaced if pair not in used]
