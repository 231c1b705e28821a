"""Where a free-text value ends when extracted text puts a checkbox grid's own text right after it.

A grid's ticked 「その他（…）」 prints its text inside the grid (「[ ○ ] その他 （ ＶＲＳ ）」); text
extracted from a PDF often moves that text out of its brackets, to just after the free-text item
printed before the grid, set apart by a blank line:

    ④入手に係る妥当性 住民に関する記録は、…によるものとされている。
    (blank)
    住民基本台帳ネットワークシステム
    (blank)
    ] 情報提供ネットワークシステム

Two shapes are read as the grid's text and kept out of the value before them (for a PDF, whose
lines come in reading order, neither applies):
- `grid_tail`: when a checkbox piece comes next, the value's last paragraph, after a blank line,
  when it does not end a sentence (「。」: an option's text is a name, 「…システム」, 「…※新型コロナ
  のみ」, as is an entry's title printed beside its rows, 「…接種記録登録業務」) while the paragraph
  before it does (the paragraphs of one answer end alike; a list of names, or the words of a
  figure, stays whole), or when it ends with an open bracket (「ＬＧ－ＷＡＮ回線を用いた提供（」:
  the start of a grid's 「その他 （ … ）」);
- `is_option_close`: a line after a blank line that ends with the grid's own closing 「 ）」
  (a space, then the bracket) with more closing brackets than opening ones, 「既存住基システム ）」:
  the end of 「（ 既存住基システム ）」, a checkbox piece wherever it lands.
"""

from __future__ import annotations

import re

from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete

_SENTENCE_END = ("。", "．")
_OPTION_CLOSE = re.compile(r"\S[ 　]+[）)]$")


def grid_tail(capture: Capture) -> list[tuple[Line, Concrete]]:
    """Cut from the lines of a text item being read (blank ones included), a checkbox piece met
    after them, the last paragraph when it is no part of the value: the lines cut, each with the
    item's place, to be kept as unplaced (none when the value keeps all). See the module's
    docstring."""
    pieces = capture.pieces
    if any(p.x1 > 0 for p in pieces):
        return []  # a PDF's lines: in reading order
    end = len(pieces)
    while end and not pieces[end - 1].text.strip():
        end -= 1
    start = end
    while start and pieces[start - 1].text.strip():
        start -= 1
    before = [p.text.rstrip() for p in pieces[:start] if p.text.strip()]
    if start == end or not before or pieces[end - 1].text.rstrip().endswith(_SENTENCE_END):
        return []  # one paragraph (the whole value), or a tail that ends a sentence
    opened = pieces[end - 1].text.rstrip().endswith(("（", "("))  # 「…提供（」: a grid's その他 text
    if not (opened or before[-1].endswith(_SENTENCE_END)):
        return []  # paragraphs alike (a list of names, the words of a figure): one value
    tail = pieces[start:end]
    del pieces[start:]
    return [(line, capture.path) for line in tail]


def is_option_close(lines: list[Line], i: int) -> bool:
    """Whether line i is the end of a grid's 「（ その他の内容 ）」 printed apart from its box."""
    text = lines[i].text.strip()
    if lines[i].x1 > 0 or not _OPTION_CLOSE.search(text) or i == 0 or lines[i - 1].text.strip():
        return False
    closes = text.count("）") + text.count(")")
    return closes > text.count("（") + text.count("(")


def residue(printed: tuple[str, ...], text: str) -> str:
    """What a checkbox line says besides brackets, ticks and the form's own option texts."""
    plain = norm(text)
    for option in printed:
        plain = plain.replace(option, "")
    return re.sub(r"[\[\]［］○〇◯()（）件]", "", plain)
