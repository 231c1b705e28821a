"""Completion passes for the texts of Ⅳ その他のリスク対策 (８～１０ of 様式3) by the words of their
headings. Extraction may print the value cells of Ⅳ apart from their labels and in another order
(高槻住基: ③'s text, then ①自己点検's, both read under 「具体的なチェック方法」; 高槻予防接種:
①'s text among the option lists of ②監査, read by no label). Each ＜…＞ headed block of these texts
names the words of its own heading (text_slots.VOCABULARY: 自己点検/点検/チェック, 監査, 研修/教育/啓発)
and no other's; the text of 「その他のリスク対策」 names none (true of every block of the five examples).

- **A text holding another cell's blocks** (`_split`). When a text read under one of these items is
  made of blocks naming its own words and a run of blocks (at its start or its end) naming none, and
  exactly one text item is left empty with its label printed after the text (within about half a
  page), that run is the empty item's value. A block repeated word for word in another item of Ⅳ
  (a note the document adds to every cell) stays where it is, and so does everything then.
- **Unplaced paragraphs** (`_runs`). A run of unplaced text lines met in Ⅳ whose first block names
  the words of exactly one item, left empty, and whose other blocks name no other item's, is that
  item's value.

Only the words of the form's headings decide; a text that names several items' words is left alone."""

from __future__ import annotations

import re

from piagen.importers import text_slots
from piagen.importers.labels import Item, Template, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Concrete, Index, Parsed

_CHAPTER = "other_measures"
_PIECE = re.compile(r"^[\[\]［］○〇◯\s　]*$|^[\[\]［］]|[\[\]［］]$|^[0-9０-９]+\s*[)）]|＜選択肢＞")
_GAP = 3  # lines between two unplaced lines of one run (the blank lines of extracted text)


def place(index: Index, out: Parsed, lines: list[Line]) -> None:
    """Run both passes on the chapter's texts."""
    for shape in text_slots.VOCABULARY:
        _split(index, out, lines, shape)
    _runs(index, out, lines)


def _split(index: Index, out: Parsed, lines: list[Line], shape: Template) -> None:
    path: Concrete = shape  # the chapter has no lists
    if path not in out.values or not isinstance(out.values[path][0], str):
        return
    capture = out.values[path][1]
    kept = [p for p in capture.pieces if p.text.strip()]
    blocks = text_slots.blocks(kept)
    words = [text_slots.named(b) for b in blocks]
    if any(w not in (set(), {shape}) for w in words) or {shape} not in words or set() not in words:
        return
    own = [n for n, w in enumerate(words) if w]
    rest = [n for n, w in enumerate(words) if not w]
    if rest != list(range(rest[0], rest[-1] + 1)) or not (rest[0] == 0 or rest[-1] == len(blocks) - 1):
        return  # the blocks naming nothing are no run at either end
    if any(_repeated(out, path, blocks[n]) for n in rest):
        return
    at = {id(line): n for n, line in enumerate(lines)}
    last = max((at[id(p)] for p in kept if id(p) in at), default=None)
    if last is None:
        return
    targets = text_slots.empty_labels(index, out, lines, path, last, capture.item.order)
    if len(targets) != 1 or targets[0][0].path in text_slots.VOCABULARY:
        return
    del out.values[path]
    text_slots.give(out, capture.item, path, [line for n in own for line in blocks[n]])
    text_slots.give(out, *targets[0], [line for n in rest for line in blocks[n]])


def _repeated(out: Parsed, path: Concrete, block: list[Line]) -> bool:
    """The block is printed in another item of the chapter too."""
    mine = norm(" ".join(line.text for line in block))
    return any(
        isinstance(value, str) and mine in norm(value)
        for other, (value, _) in out.values.items()
        if other[:1] == (_CHAPTER,) and other != path
    )


def _runs(index: Index, out: Parsed, lines: list[Line]) -> None:
    for run in _unplaced_runs(out, lines):
        blocks = text_slots.blocks(run)
        words = [text_slots.named(b) for b in blocks]
        if len(words[0]) != 1 or any(w not in (set(), words[0]) for w in words):
            continue
        shape = next(iter(words[0]))
        item = _item(index, shape)
        if item is None or shape in out.values:
            continue
        if text_slots.give(out, item, shape, run):
            ids = {id(line) for line in run}
            out.unplaced[:] = [(line, near) for line, near in out.unplaced if id(line) not in ids]


def _unplaced_runs(out: Parsed, lines: list[Line]) -> list[list[Line]]:
    """Unplaced text lines of the chapter, in runs of neighbouring lines with no piece of a grid."""
    at = {id(line): n for n, line in enumerate(lines)}
    mine = sorted(
        (at[id(line)], line)
        for line, near in out.unplaced
        if near[:1] == (_CHAPTER,) and id(line) in at and line.text.strip()
    )
    runs: list[list[Line]] = []
    previous = -_GAP - 1
    for n, line in mine:
        if _PIECE.search(line.text.strip()):
            previous = -_GAP - 1
            continue
        if n - previous > _GAP or any(lines[k].text.strip() for k in range(previous + 1, n)):
            runs.append([])
        runs[-1].append(line)
        previous = n
    return runs


def _item(index: Index, shape: Template) -> Item | None:
    return next((i for i in index.items if i.path == shape), None)
