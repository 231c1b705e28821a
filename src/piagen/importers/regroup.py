"""Entries of a repeating group (委託事項, 提供先 …) whose markers were extracted apart from their items.

A page of a 重点項目評価書 printed from the PPC's Excel 様式 can come out of the PDF with its cells
out of reading order: on 北九州's 委託 page the markers 「委託事項2」「委託事項3」「委託事項1」 are
extracted side by side, after the items they number, so the one-pass reader gives every item to the
wrong entry. When the markers of a list are met that way (two markers with none of the list's item
labels between them, or numbers going back), the list is read again here by blocks: each run of the
item labels (①委託内容 … ⑥再委託事項) in which no label repeats is one entry.

A block is numbered by the marker it holds (the smallest when several are clumped in it); a block
holding none takes the free numbers by its distance in the text from the first entry's block, nearest
first, since extraction keeps a page's cells in reading order or in its reverse.

Values kept are only those the text ties to a block: a value printed on its label's line, the
paragraph right under a text label, and an option of the block's ＜選択肢＞ item printed alone inside
the block (or in the gap beside it, when this block is the nearest one). Any other line of the list
is reported, never guessed into an entry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from piagen.importers import fixed, labels, values
from piagen.importers.labels import Item, Template, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, group_marker

_PIECE = re.compile(r"[\[\]［］○〇◯]")
_TICKS = "[]［］○〇◯ 　"
_DIGIT = re.compile(r"\d")


@dataclass
class _Label:
    at: int  # index into lines
    item: Item
    rest: str
    used: int  # lines the label took


@dataclass
class _Block:
    labels: list[_Label] = field(default_factory=list)
    markers: list[int] = field(default_factory=list)  # entry indices (0-based) of markers inside
    number: int | None = None

    @property
    def first(self) -> int:
        return self.labels[0].at

    @property
    def last(self) -> int:
        return self.labels[-1].at


_INDEXES: dict[str, Index] = {}


def apply(parsed: Parsed, lines: list[Line]) -> None:
    """Re-read the entries of every list of `parsed` whose markers were extracted in a clump."""
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    markers: dict[Template, list[tuple[int, int]]] = {}
    for i, line in enumerate(lines):
        marker = group_marker(index, line.text) if _DIGIT.search(line.text) else None
        if marker and marker[1] >= 0:
            markers.setdefault(marker[0], []).append((i, marker[1]))
    for template, met in markers.items():
        near = [(a, b) for (a, _), (b, _) in zip(met, met[1:], strict=False) if b - a <= _CLUMP]
        fields = [i for i in index.items if i.path[:-1] == (*template, "*") and i.kind in ("text", "choice")]
        if not near or not fields:
            continue
        found = _scan(index, lines, fields)
        at = [f.at for f in found]
        clumps = sorted({a for a, b in near if not any(a < k < b for k in at)})
        blocks = _blocks(found, met)
        done: set[int] = set()
        for clump in clumps:
            region = _region(blocks, clump)
            if region and not done.intersection(id(b) for b in region) and _number(region):
                done.update(id(b) for b in region)
                _regroup(parsed, index, lines, template, region)


_CLUMP = 4  # lines: markers this close, with no item label between, were extracted side by side


def _region(blocks: list[_Block], at: int) -> list[_Block]:
    """The blocks around the one holding line `at`, as long as they follow each other closely."""
    home = next((k for k, b in enumerate(blocks) if b.first <= at <= b.last), None)
    if home is None:
        return []
    lo = hi = home
    while lo > 0 and blocks[lo].first - blocks[lo - 1].last <= _REACH:
        lo -= 1
    while hi + 1 < len(blocks) and blocks[hi + 1].first - blocks[hi].last <= _REACH:
        hi += 1
    return blocks[lo : hi + 1]


def _regroup(
    parsed: Parsed, index: Index, lines: list[Line], template: Template, blocks: list[_Block]
) -> None:
    span = range(lines[blocks[0].first].number, lines[blocks[-1].last].number + 1)
    list_path = _list_path(parsed, template, span)
    if list_path is None:
        return
    numbers = {b.number for b in blocks}
    old_values, old_unplaced = _drop(parsed, list_path, numbers, span)
    used: set[int] = set()
    read: dict[Concrete, tuple[object, Capture]] = {}
    for block in blocks:
        for label in block.labels:
            _read_label(index, lines, label, (*list_path, block.number or 0), read, used)
    _choices(lines, blocks, list_path, read, used)
    parsed.values.update(read)
    taken = {lines[k].number for k in used}
    labels_at = {lines[label.at].number for block in blocks for label in block.labels}
    for line in old_unplaced + old_values:
        if line.number in taken or line.number in labels_at or not line.text.strip(_TICKS):
            continue
        taken.add(line.number)
        parsed.unplaced.append((line, list_path))


def _scan(index: Index, lines: list[Line], fields: list[Item]) -> list[_Label]:
    """The list's item labels, in text order."""
    keys = {f.path for f in fields}
    firsts = {f.key[0] for f in fields}
    found: list[_Label] = []
    for i, line in enumerate(lines):
        if norm(line.text)[:1] not in firsts:
            continue
        match = index.match(lines, i)
        if not match:
            continue
        mine = [c for c in match[0] if c.path in keys]
        if len(mine) == 1:
            found.append(_Label(i, mine[0], match[2], match[1]))
    return found


def _blocks(found: list[_Label], markers: list[tuple[int, int]]) -> list[_Block]:
    blocks: list[_Block] = [_Block()]
    for label in found:
        if any(other.item.path == label.item.path for other in blocks[-1].labels):
            blocks.append(_Block())
        blocks[-1].labels.append(label)
    for at, n in markers:
        inside = [b for b in blocks if b.first <= at <= b.last]
        if inside:
            inside[0].markers.append(n)
    return blocks


def _number(blocks: list[_Block]) -> bool:
    """Give each block its entry index; False when no block holds a marker (nothing to go by)."""
    taken: set[int] = set()
    for block in sorted(blocks, key=lambda b: len(b.markers)):
        free = [n for n in sorted(block.markers) if n not in taken]
        if free:
            block.number = free[0]
            taken.add(free[0])
    numbered = [k for k, b in enumerate(blocks) if b.number is not None]
    if not numbered:
        return False
    first = min(numbered, key=lambda k: blocks[k].number or 0)
    rest = sorted((k for k, b in enumerate(blocks) if b.number is None), key=lambda k: (abs(k - first), -k))
    spare = (n for n in range(len(blocks) + len(taken)) if n not in taken)
    for k in rest:
        blocks[k].number = next(spare)
    return True


def _list_path(parsed: Parsed, template: Template, span: range) -> Concrete | None:
    """The concrete list: the entry of the outer list (the file) its labels were read into."""
    if "*" not in template:
        return template
    at = template.index("*")
    if template.count("*") != 1:
        return None
    seen = [int(p[at]) for p, (_, c) in parsed.values.items() if _under(p, template) and c.at.number in span]
    if not seen:
        return None
    return tuple(max(set(seen), key=seen.count) if s == "*" else s for s in template)


def _under(path: Concrete, template: Template) -> bool:
    if len(path) <= len(template):
        return False
    return all(t == p or (t == "*" and isinstance(p, int)) for t, p in zip(template, path, strict=False))


def _drop(
    parsed: Parsed, list_path: Concrete, numbers: set[int | None], span: range
) -> tuple[list[Line], list[Line]]:
    """Remove what the one-pass reader put in the region's entries (or read in the region): the
    lines of those values, and the lines it reported near them."""
    n = len(list_path)

    def mine(path: Concrete, line: Line) -> bool:
        return path[:n] == list_path and len(path) > n and (path[n] in numbers or line.number in span)

    read: list[Line] = []
    for path in [p for p, (_, c) in parsed.values.items() if mine(p, c.at)]:
        _, capture = parsed.values.pop(path)
        read.extend(piece for piece in [capture.at, *capture.pieces] if piece.number != capture.at.number)
    kept: list[tuple[Line, Concrete]] = []
    reported: list[tuple[Line, Concrete]] = []
    for line, near in parsed.unplaced:
        (reported if mine(near, line) or near == list_path else kept).append((line, near))
    parsed.unplaced[:] = kept
    return read, [line for line, _ in reported]


def _read_label(
    index: Index,
    lines: list[Line],
    label: _Label,
    entry: Concrete,
    read: dict[Concrete, tuple[object, Capture]],
    used: set[int],
) -> None:
    """The value printed on the label's line (and the lines wrapped under it), or for a text item
    with nothing beside it, the paragraph right under it."""
    path = (*entry, label.item.path[-1])
    at = lines[label.at]
    if label.rest and not _PIECE.fullmatch(label.rest.strip(_TICKS) or "["):
        pieces = [Line(label.rest, at.number, at.page)]
        start = label.at + label.used
        if label.item.kind == "text":
            pieces += _paragraph(index, lines, start)
        value = values.value_of(label.item, values.text_of(pieces))
        if value is not None:
            read[path] = (value, Capture(label.item, path, at, pieces))
            used.update(range(label.at, start + len(pieces) - 1))
        return
    if label.item.kind != "text":
        return
    start = label.at + label.used
    while start < len(lines) and not lines[start].text.strip():
        start += 1
    pieces = _paragraph(index, lines, start)
    text = values.text_of(pieces) if pieces else None
    if text:
        read[path] = (text, Capture(label.item, path, at, pieces))
        used.update(range(label.at, start + len(pieces)))


def _paragraph(index: Index, lines: list[Line], start: int) -> list[Line]:
    """Lines from `start` up to a blank line or anything that is not text of a value."""
    out: list[Line] = []
    for k in range(start, len(lines)):
        if not lines[k].text.strip() or not _is_value_text(index, lines, k):
            break
        out.append(lines[k])
    return out


def _is_value_text(index: Index, lines: list[Line], k: int) -> bool:
    text = lines[k].text.strip()
    if not text or _PIECE.search(text) or "＜選択肢＞" in text or re.match(r"^\d[）)]", text):
        return False
    if group_marker(index, text) or index.match(lines, k) or fixed.vertical_label(index, lines, k):
        return False
    return norm(text.strip(_TICKS)) not in _options(index)


def _choices(
    lines: list[Line],
    blocks: list[_Block],
    list_path: Concrete,
    read: dict[Concrete, tuple[object, Capture]],
    used: set[int],
) -> None:
    """Options printed alone (「10人未満」「再委託しない」) to the block's choice item that offers
    them: first those inside a block, then those in a gap, to the nearest block only."""
    loose = [k for k in range(len(lines)) if k not in used and _bare(lines[k].text)]
    inside = [(k, b) for k in loose for b in blocks if b.first <= k <= b.last]
    lo, hi = blocks[0].first, blocks[-1].last
    outside = [
        (k, _nearest(blocks, k))
        for k in loose
        if lo - _REACH <= k <= hi + _REACH and not any(b.first <= k <= b.last for b in blocks)
    ]
    for k, block in inside + sorted(outside, key=lambda kb: abs(kb[0] - _edge(kb[1], kb[0]))):
        for label in block.labels:
            if label.item.kind != "choice":
                continue
            path = (*list_path, block.number or 0, label.item.path[-1])
            value = values.choice_of(label.item, lines[k].text.strip(_TICKS))
            if value is not None and path not in read and k not in used:
                read[path] = (value, Capture(label.item, path, lines[k]))
                used.add(k)


_REACH = 40  # lines: a gap wider than this holds other items' cells
_OPTION_SETS: dict[str, frozenset[str]] = {}


def _options(index: Index) -> frozenset[str]:
    """Every option text of the form's ＜選択肢＞ items (a line that is one is no paragraph)."""
    if index.kind not in _OPTION_SETS:
        _OPTION_SETS[index.kind] = frozenset(
            norm(o) for i in index.items if i.kind == "choice" for o in labels.choices(i.path)
        )
    return _OPTION_SETS[index.kind]


def _bare(text: str) -> bool:
    plain = text.strip(_TICKS)
    return (
        bool(plain)
        and not _PIECE.search(plain)
        and "＜選択肢＞" not in plain
        and not re.match(r"^\d[）)]", plain)
    )


def _edge(block: _Block, k: int) -> int:
    return block.first if k < block.first else block.last


def _nearest(blocks: list[_Block], k: int) -> _Block:
    return min(blocks, key=lambda b: abs(k - _edge(b, k)))
