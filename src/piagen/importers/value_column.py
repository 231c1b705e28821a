"""A page's value column extracted before its label column, with other lines between (extracted text).

北九州's Ⅱ３ page (seed 002 lines 400–500) comes out of the PDF as its value cells first (⑤使用方法's
text, the 使用者数 ＜選択肢＞, ③使用目的's text, scattered among the grids' brackets and ticks), then its
labels, each alone on its line, mixed with the rows whose value sits on the label's line:

    ・対象者の資格（住所、年齢）確認 …          ← ⑤使用方法
    5） 500人以上1,000人未満 …
    予防接種の実施にあたり、本人の資格確認 …    ← ③使用目的
     ①入手元　※
     ⑥使用開始日 平成28年4月1日
     ⑤使用方法
     ③使用目的　※

The one-pass reader leaves such paragraphs unplaced (their label was not yet met) and gives the
labels nothing, or a paragraph met far below them with other labels between (which the text does not
tie to the label). Extraction keeps one page's cells in one order for both columns, in reading order
or its reverse, so the paragraphs left unplaced between the previous section's last label and a
section's first label go, in order, to that section's text labels printed alone in its label column
that hold nothing the text ties to them — only when there are as many of each (a lone paragraph and a
lone label are never paired: its value may simply be missing). What such a label held is reported.
Not for a PDF, whose lines come in reading order (a line with a position is never taken)."""

from __future__ import annotations

from piagen.importers import values
from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed

_INDEXES: dict[str, Index] = {}
_FAR = 6  # lines after its label within which a value is the label's own
_GLYPHS = set("[]［］○〇◯（）() 　")


def place(parsed: Parsed, lines: list[Line]) -> None:
    """Give the paragraphs left before each section's label column to its open text labels."""
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    found = labels_in(index, lines)
    at = {line.number: k for k, line in enumerate(lines)}
    for start, end in _columns(found):
        paras = _paragraphs(parsed, at, found, start)
        file = _file(paras)
        marks = [lines[j].number for j, _, _ in found]
        open_ = [_open(parsed, found[k], file, marks) for k in range(start, end)]
        targets = [t for t in open_ if t is not None]
        if len(paras) >= 2 and len(paras) == len(targets):
            for para, (item, path) in zip(paras, targets, strict=True):
                _give(parsed, item, path, para)


_Found = tuple[int, Item, str]  # line index, item, text after the label


def labels_in(index: Index, lines: list[Line]) -> list[_Found]:
    """Every label printed in the lines: its line index, its item (the text item when a label heads
    its group and is its text) and the text after it."""
    out: list[_Found] = []
    j = 0
    while j < len(lines):
        match = index.match(lines, j) if lines[j].text.strip() else None
        if match:
            items, used, rest = match
            text = [i for i in items if i.kind == "text"]  # 「⑤使用方法」 heads its group and is its text
            out.append((j, (text or items)[0], rest))
            j += used
        else:
            j += 1
    return out


def _section(item: Item) -> tuple[str, ...]:
    return item.path[:3] if item.path[:1] == ("files",) else item.path[:1]


def _columns(found: list[_Found]) -> list[tuple[int, int]]:
    """Runs of labels of one section (indices into `found`), each a candidate label column."""
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(found):
        end = k + 1
        while end < len(found) and _section(found[end][1]) == _section(found[k][1]):
            end += 1
        out.append((k, end))
        k = end
    return out


def _paragraphs(
    parsed: Parsed, at: dict[int, int], found: list[_Found], start: int
) -> list[list[tuple[Line, Concrete]]]:
    """The unplaced paragraphs between the label before the column and the column's first label."""
    low = found[start - 1][0] if start else -1
    high = found[start][0]
    mine = sorted(
        (
            (line, near)
            for line, near in parsed.unplaced
            if low < at.get(line.number, -1) < high and _prose(line.text) and not line.x1
        ),
        key=lambda pair: pair[0].number,
    )
    out: list[list[tuple[Line, Concrete]]] = []
    for line, near in mine:
        if out and line.number == out[-1][-1][0].number + 1:
            out[-1].append((line, near))
        else:
            out.append([(line, near)])
    return out


def _prose(text: str) -> bool:
    """A line of free text: not a piece of a checkbox grid, not a bare number."""
    plain = text.strip()
    return (
        bool(plain)
        and not set(plain) <= _GLYPHS | set("0123456789")
        and not any(c in plain for c in "[]［］")
    )


def _file(paras: list[list[tuple[Line, Concrete]]]) -> int:
    """The file the reader was in when it met the paragraphs (Ⅱ is printed once per file)."""
    near = paras[0][0][1] if paras else ()
    return near[1] if near[:1] == ("files",) and len(near) > 1 and isinstance(near[1], int) else 0


def _open(parsed: Parsed, found: _Found, file: int, marks: list[int]) -> tuple[Item, Concrete] | None:
    """The text label printed alone whose item holds nothing the text ties to it (`marks`: the
    source lines of every label)."""
    j, item, rest = found
    if item.kind != "text" or rest or "*" in item.path[3:]:
        return None
    path: Concrete = tuple(file if step == "*" else step for step in item.path)
    held = parsed.values.get(path)
    if held is None:
        return item, path
    capture = held[1]
    return (item, path) if untied(capture, marks) else None


def untied_values(parsed: Parsed, lines: list[Line]) -> list[Concrete]:
    """The text values the text does not tie to their labels (see `untied`)."""
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    marks = [lines[j].number for j, _, _ in labels_in(index, lines)]
    return [
        path
        for path, (value, capture) in parsed.values.items()
        if capture.item.kind == "text" and isinstance(value, str) and untied(capture, marks)
    ]


def untied(capture: Capture, marks: list[int]) -> bool:
    """Whether a text value was met far below its label with other labels between (`marks`: the
    source lines of every label): the text does not tie it to that label."""
    first = next((p for p in capture.pieces if p.text.strip()), None)
    if first is None or first.number - capture.at.number <= _FAR:
        return False
    return any(capture.at.number < n < first.number for n in marks)


def _give(parsed: Parsed, item: Item, path: Concrete, para: list[tuple[Line, Concrete]]) -> None:
    if path in parsed.values:
        _, taken = parsed.values.pop(path)
        parsed.unplaced.extend((piece, path) for piece in taken.pieces if piece.text.strip())
    pieces = [line for line, _ in para]
    parsed.values[path] = (values.text_of(pieces), Capture(item, path, pieces[0], pieces))
    for pair in para:
        parsed.unplaced.remove(pair)
