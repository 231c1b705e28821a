"""The text of a ticked option's （…） printed apart from its box.

A grid prints 「[ ○ ] その他 （ 住民基本台帳ネットワークシステム ）」 in cells: extraction may give
「[ ○ ] その他 （」 on one line, the text on a line of its own and 「）」 on another, the text between
two other pieces of the grid (「[ ] 雇用・労働関係情報 [」, 「接種回数、接種日、…」, 「] 災害関係情報」).
When no item took that line, it is the text of the grid's one ticked option that takes a text and
showed none: a line of text no item took, printed next to (at most one blank line from) a piece of
that grid and of no other grid, with the lines wrapped right under it; it opens with 「（」 when the
box printed none, and does not when the box's 「（」 was printed. A grid with two such options, or
two such texts, is left as it is (the lines stay unplaced). A text begun after an opened 「（」 on
the box's line whose rest is not found beside the grid is taken as printed."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from piagen.importers import grid, labels
from piagen.importers.labels import Template, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Parsed
from piagen.model import form

_NEAR = 2  # the next run of extracted text: one line on, or two across a blank line
_PIECE = re.compile(r"[\[\]［］○〇◯]")
_EDGES = " 　（(）)"
# 「（ 2」 of a checkbox's 「（ 2 ）件」; 「（ 市民生活部　市民課」: a （ opened, text after a space, never
# closed on the line (the cell of an option's text, its 「）」 printed apart); 「既存住基システム ）」: the
# text of a box whose 「（」 was printed apart, closed after a space
_APART = re.compile(r"[（(]\s*[0-9０-９]+\s*[)）]?\s*件?|[（(][ 　]+[^（()）]+|[^（()）\[\]［］]+[ 　]+[）)]")
# how a ticked option was printed: 「（」 closed, 「（」 opened (with the text begun), no 「（」, not seen
Shape = tuple[Literal["closed", "open", "bare", "unseen"], str]


def attach(out: Parsed, read: list[tuple[Capture, list[Line]]]) -> None:
    """Give each grid that needs one the text printed apart from its box (see module)."""
    loose = [(n, line) for n, (line, _) in enumerate(out.unplaced) if _is_text(line, _tails(out.kind))]
    claims: dict[int, list[tuple[Capture, dict[str, Shape], int]]] = {}
    begun: list[tuple[dict[str, Any], str, str]] = []
    for capture, lines in read:
        value = out.values.get(capture.path)
        if value is None or value[1] is not capture or not isinstance(value[0], dict):
            continue
        wanting = options_wanting(capture.item.path, value[0], lines)
        begun.extend((value[0], o, text) for o, (shape, text) in wanting.items() if shape == "open" and text)
        blocks = [b for b in _blocks(loose, lines) if any(_fits(b, s) for s in wanting.values())]
        for block in blocks:
            claims.setdefault(block[0][0], []).append((capture, wanting, len(blocks)))
    used: set[int] = set()
    for first, takers in claims.items():
        if len(takers) != 1 or len(takers[0][1]) != 1 or takers[0][2] != 1:
            continue  # next to two grids, or two options or texts: whose text it is cannot be told
        capture, wanting, _ = takers[0]
        (option, (_, before)), block = next(iter(wanting.items())), _block_from(loose, first)
        text = _clean(before + "".join(line.text.strip() for _, line in block))
        if text:
            out.values[capture.path][0][option] = text
            used.update(n for n, _ in block)
    out.unplaced[:] = [entry for n, entry in enumerate(out.unplaced) if n not in used]
    for ticks, option, text in begun:
        if ticks.get(option) is True and _clean(text):
            ticks[option] = _clean(text)  # no rest found beside the grid: the text as printed


def apart(text: str) -> bool:
    """Whether a line is a piece of a grid's （…） printed apart from its box: a count 「（ 2」 or
    the text of an option left open 「（ 市民生活部　市民課」 (see _APART)."""
    return bool(_APART.fullmatch(text.strip()))


def _fits(block: list[tuple[int, Line]], shape: Shape) -> bool:
    """A text opening with 「（」 for a box printed without one; without, after an opened 「（」."""
    opens = block[0][1].text.strip().startswith(("（", "("))
    return shape[0] == "unseen" or opens == (shape[0] == "bare")


def _clean(text: str) -> str:
    """The text without the 「（」 printed before it and the 「）」 that closes it (a 「）」 of a
    nested （…） stays)."""
    text = text.strip(" 　")
    if text.startswith(("（", "(")):
        text = text[1:].strip(" 　")
    if text.endswith(("（", "(")):
        text = text[:-1].strip(" 　")  # 「…直接操作（」: the 「（」 of the cell run into the text
    while text.endswith(("）", ")")) and _depth(text) < 0:
        text = text[:-1].strip(" 　")
    return text


def _depth(text: str) -> int:
    return sum(c in "（(" for c in text) - sum(c in "）)" for c in text)


def _is_text(line: Line, tails: frozenset[str]) -> bool:
    """A line of text: not a piece of a box, not 「件」 of 「（ ）件」, not the wrapped end of an
    option's label (「] フラッシュメモ」「リ」)."""
    text = line.text.strip()
    plain = norm(text.strip(_EDGES))
    return len(plain) > 1 and not _PIECE.search(text) and plain not in tails


@lru_cache(maxsize=4)
def _tails(kind: form.FormType) -> frozenset[str]:
    """The last characters of every checkbox option's label (what a wrapped label leaves)."""
    grids = [item.path for item in labels.items(kind) if item.kind == "checks"]
    options = {norm(o) for path in grids for o in labels.check_options(path)}
    return frozenset(o[k:] for o in options for k in range(1, len(o)))


def options_wanting(template: Template, value: dict[str, Any], lines: list[Line]) -> dict[str, Shape]:
    """The ticked options that take a text and show none, with how their box was printed."""
    out = {}
    for option, got in value.items():
        if got is not True or not _takes_text(template, option):
            continue
        shapes = [s for line in lines if (s := _shape(template, option, line.text)) is not None]
        if any(s[0] == "closed" for s in shapes):
            continue  # 「[ ○ ] その他 （ ）」: printed empty
        out[option] = shapes[0] if len(shapes) == 1 else ("unseen", "")
    return out


def _takes_text(template: Template, option: str) -> bool:
    raw = labels.option_spec(template, option).get("type")
    return "string" in (raw if isinstance(raw, list) else [raw])


def _shape(template: Template, option: str, text: str) -> Shape | None:
    """How a line prints the option: its （ closed, opened (with the text begun), or bare."""
    tokens = grid.tokens(text, labels.check_options(template))
    for k, token in enumerate(tokens):
        if token.kind != "label" or token.text != option:
            continue
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if after is None or after.kind != "paren":
            return ("bare", "")
        return ("closed", "") if after.closed else ("open", after.text)
    return None


def _blocks(loose: list[tuple[int, Line]], lines: list[Line]) -> list[list[tuple[int, Line]]]:
    """The runs of loose text lines whose first or last line is next to one of `lines` or is one of
    them (a piece of the grid's （…） given to it as the grid nearest to it, see `apart`), after the
    grid's first piece (a text met before it belongs to what was printed before the grid)."""
    numbers = [line.number for line in lines if line.text.strip()]
    own = set(numbers)
    out = []
    for k, (n, line) in enumerate(loose):
        if k and loose[k - 1][1].number == line.number - 1:
            continue  # inside a run: the run is found from its first line
        block = _block_from(loose, n)
        ends = (block[0][1].number, block[-1][1].number)
        if own.intersection(ends) or any(abs(e - m) <= _NEAR for m in numbers for e in ends):
            out.append(block)
    return out


def _block_from(loose: list[tuple[int, Line]], first: int) -> list[tuple[int, Line]]:
    """The loose line with index `first` and the loose lines right under it (a wrapped text)."""
    at = next(k for k, (n, _) in enumerate(loose) if n == first)
    block = [loose[at]]
    for n, line in loose[at + 1 :]:
        if line.number != block[-1][1].number + 1:
            break
        block.append((n, line))
    return block
