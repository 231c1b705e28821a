"""Which of the items sharing a label (「その妥当性」 is printed under ③対象となる本人の範囲, ②保管期間,
the 委託事項 …) a label opens, told by the ＜選択肢＞ list printed around it.

Extracted text often keeps a label printed alone (its value on the next lines) with the option
list of its row's choice but moves the row's other labels away:

    9） 20年以上
    10） 定められていない
     その妥当性
    ・住民票の記載の修正後の本人確認情報は、…保管する。
    [ 20年以上 ] 4） 3年 5） 4年 6） 5年

The options 「20年以上」「定められていない」 are those of ②保管期間's 期間, so this 「その妥当性」 is
②保管期間's, not that of a 委託事項 that happens to be empty. Only options numbered 「N）」 or
shown in 「[ … ]」 count, only those of one candidate's row (「十分である」 of every risk's rating
tells nothing), and only when printed both above and below the label (a list above it alone may
be the previous row's); otherwise every candidate stays (parse._choose then decides as before)."""

from __future__ import annotations

import re

from piagen.importers import labels
from piagen.importers.labels import Item, Template, norm
from piagen.importers.lines import Line

SPAN = 6  # lines either side of the label: the option list sits in the same row
_NUMBERED = re.compile(r"[0-9０-９]+\s*[)）]\s*([^\s\[\]［］]+)")
_SHOWN = re.compile(r"[\[［]\s*([^\[\]［］]+?)\s*[\]］]")


def prefer(candidates: list[Item], items: list[Item], lines: list[Line], at: int) -> list[Item]:
    """Of `candidates` (items sharing the label on line `at`), those whose row has a choice (among
    the form's `items`) whose options are printed within SPAN lines above and below it; all when
    none or all do."""
    if len(candidates) < 2 or lines[at].x1 > 0 or any(c.kind != "text" for c in candidates):
        return candidates  # one item, a PDF (its lines are in reading order), or not free text
    if len(norm(lines[at].text)) > len(candidates[0].key):
        return candidates  # its value beside it: the label kept its row, the options may be others'
    above, below = (
        _printed_options(lines[max(0, at - SPAN) : at]),
        _printed_options(lines[at + 1 : at + SPAN + 1]),
    )
    rows = [_row_options(c.path[:-1], items) for c in candidates]
    # only options no other candidate's row has tell them apart (「十分である」 is every risk's)
    own = [row.difference(*(r for r in rows if r is not row)) for row in rows]
    # on both sides of the label: a list only above it may be the row before's (「4） 再委託していない」)
    scores = [min(len(above & mine), len(below & mine)) for mine in own]
    best = max(scores)
    if best == 0 or all(s == best for s in scores):
        return candidates
    return [c for c, s in zip(candidates, scores, strict=True) if s == best]


def _printed_options(lines: list[Line]) -> set[str]:
    found: set[str] = set()
    for line in lines:
        text = line.text
        found.update(norm(m) for m in _NUMBERED.findall(text))
        found.update(norm(m) for m in _SHOWN.findall(text))
    found.discard("")
    return found


_ROWS: dict[Template, frozenset[str]] = {}


def _row_options(parent: Template, items: list[Item]) -> frozenset[str]:
    """The options of the choice items that are siblings under `parent`."""
    if parent not in _ROWS:
        _ROWS[parent] = frozenset(
            norm(o)
            for i in items
            if i.kind == "choice" and i.path[:-1] == parent
            for o in labels.choices(i.path)
        )
    return _ROWS[parent]
