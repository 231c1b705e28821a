"""Completion passes over the 変更箇所 rows that the positional reading (importers/changes.py) built
from extracted text: they place cells still unplaced, or placed where the form says they cannot
stand, using what holds for every 変更箇所 table rather than where the text layer set them.

- a row has one cell of each column: a row without its 項目 and a 項目 without its cells are one row
  when each is the only one of its kind in the whole table (a page's cells extracted apart from it);
- a 変更前 cell that is printed elsewhere in the table as a 説明 (after a 提出時期) is that 説明
  again, never a 変更前;
- a cell printed before a 提出時期 on its line stands left of the 提出時期 column: never a 説明;
- a 変更後 restates its 変更前 with a change (「番号法第19条第7号」 / 「番号法第19条第8号」);
- dates and 提出時期 that stood apart go to the rows lacking one when they all say the same and
  there are as many as rows lacking one (elimination);
- rows with the same 変更前 and 変更後 were changed for the same reason: a 説明 read where no
  提出時期 had come yet goes to the row whose cells equal those of the rows that carry that 説明.

Nothing is guessed: a cell that no rule places stays unplaced (a `# 未配置` comment)."""

from __future__ import annotations

import re
from dataclasses import replace

from piagen.importers import change_cells
from piagen.importers.change_cells import Piece
from piagen.importers.labels import norm

Row = dict[str, Piece]

_CELLS = ("before", "after")
_WORDS = 8  # letters a 変更前 needs before it is read as a 説明 printed again (「―」 is no 説明)


def fill(rows: list[Row], loose: list[Piece]) -> tuple[list[Row], list[Piece]]:
    """The rows with the completion passes run, and the cells still unplaced."""
    loose = list(loose)
    early = [r for r in rows if "explanation" in r and "after" not in r and "timing" not in r]
    _demote(rows, loose)
    rows = _join(rows, loose)
    _untie(rows, loose)
    _tied(rows, loose)
    for slot in ("date", "timing"):
        _eliminate(rows, loose, slot)
    _explained(rows, early, loose)
    return rows, loose


def _text(piece: Piece | None) -> str:
    return norm(piece.text) if piece is not None else ""


def _demote(rows: list[Row], loose: list[Piece]) -> None:
    """A 変更前 of a row without its 変更後 that is, word for word, the 説明 of a row that has its
    提出時期 (「特定個人情報の漏えい等のリスクを…重要な変更に該当しない」, extracted after a 項目 whose
    cells stood elsewhere): a 説明 printed again, not known to be this row's; it is unplaced."""
    said = {_text(r["explanation"]) for r in rows if "explanation" in r and "timing" in r}
    for row in rows:
        before = row.get("before")
        if before is None or "after" in row or _text(before) not in said:
            continue
        if len(re.findall(r"\w", _text(before))) >= _WORDS:
            loose.append(row.pop("before"))


def _join(rows: list[Row], loose: list[Piece]) -> list[Row]:
    """A row without its 項目 (「令和3年9月15日 令和3年3月8日 令和3年9月15日 事後」) and a 項目 without
    its 変更前/変更後 (「Ⅴ－１①実施日」) on different pages, each the only one of its kind in the
    table, are one row. The row without its 項目 must have all its other cells, its 提出時期 too, so
    that the 項目 is all it lacks (a date with cells and no 提出時期 may be the start of a row whose
    other parts the text set elsewhere, not known to be this 項目's). A cell both have alike (the date, the 提出時期) is kept once, from the line
    that held the row's cells; the other copy is unplaced (and may be another row's)."""
    headless = [
        r for r in rows if "item" not in r and r.keys() & set(_CELLS) and {"date", "timing"} <= r.keys()
    ]
    bare = [r for r in rows if "item" in r and not r.keys() & set(_CELLS)]
    if len(headless) != 1 or len(bare) != 1:
        return rows
    tail, head = headless[0], bare[0]
    both = tail.keys() & head.keys()
    if any(_text(tail[k]) != _text(head[k]) for k in both):
        return rows
    loose.extend(head[k] for k in both)
    head.update(tail)
    return [r for r in rows if r is not tail]


def _groups(loose: list[Piece]) -> list[list[Piece]]:
    """The unplaced cells printed on one line up to a 提出時期 (「番号法第19条第8号 事後」): one free
    cell, its 提出時期 and perhaps the 説明 after it."""
    out: list[list[Piece]] = []
    for piece in loose:
        last = out[-1] if out else None
        if last and piece.tied and last[0].tied and last[0].lines[0].number == piece.lines[0].number:
            last.append(piece)
        else:
            out.append([piece])
    return [
        g
        for g in out
        if [p.kind for p in g][:2] == ["free", "timing"] and len(g) <= 2 + (g[-1].kind == "expl")
    ]


def _untie(rows: list[Row], loose: list[Piece]) -> None:
    """A cell printed before a 提出時期 on its line (「株式会社　日立システムズ　関西支社 事後 委託契約先
    変更のため。」) stands left of the 提出時期 column: a 変更前 or 変更後, never a 説明. A row that took
    such a cell as its 説明 (its 変更前 and 変更後 were read already) took another row's cells: they
    are unplaced again, with the 提出時期 and the 説明 of their line. Unless that line holds two such
    cells (「番号法第19条第7号 番号法第19条第8号 事後 法改正に伴う修正」): they are the row's 変更前 and
    変更後, and what was read as its 変更前/変更後 before that line can only be the column left of
    them — the rest of its 項目 (「Ⅰ－５②法令上の」 / 「根拠」, wrapped in its narrow column)."""
    for row in rows:
        said = row.get("explanation")
        if said is None or not said.tied or said.kind != "free":
            continue
        number = said.lines[0].number
        rest = [p for p in loose if p.tied and p.lines[0].number == number]
        mine = [p for p in (row.get("before"), row.get("after")) if p is not None and _on_line(p, number)]
        frees = [*mine, said, *(p for p in rest if p.kind == "free")]
        if len(frees) == 2 and "item" in row:
            _item_ends(row, frees, rest, loose)
            continue
        line = [row.pop("explanation")]
        if _on_line(row.get("timing"), number):
            line.append(row.pop("timing"))
        loose[:] = [p for p in loose if all(p is not r for r in rest)]
        loose.extend(line + rest)


def _item_ends(row: Row, frees: list[Piece], rest: list[Piece], loose: list[Piece]) -> None:
    """The row's 変更前/変更後 read before the line of its cells put back on its 項目; the line's two
    cells as its 変更前 and 変更後, its 提出時期 and its 説明."""
    number = frees[0].lines[0].number
    ahead = [row.pop(k) for k in ("before", "after") if k in row and not _on_line(row[k], number)]
    row["item"] = replace(row["item"], lines=[ln for p in [row["item"], *ahead] for ln in p.lines])
    row.pop("explanation")
    row["before"], row["after"] = frees
    for piece in rest:
        slot = {"free": "", "timing": "timing", "expl": "explanation"}.get(piece.kind, "")
        if piece.kind == "free" or (slot and slot not in row):
            if slot:
                row[slot] = piece
            loose.remove(piece)


def _on_line(piece: Piece | None, number: int) -> bool:
    """Whether a cell was printed on line `number` beside a 提出時期."""
    return piece is not None and piece.tied and piece.lines[0].number == number


def _tied(rows: list[Row], loose: list[Piece]) -> None:
    """Unplaced 変更後 cells with their 提出時期 go to the rows with a 変更前 but neither a 変更後 nor
    a 提出時期: first the pairs where one such 変更後 alone restates one such row's 変更前, then, when
    one group and one row are left, that group to that row. Last, a 変更後 that restates the 変更前 of
    one row alone, whose own 変更後 does not, displaces that row's 変更後 and 提出時期 (read apart from
    their line: unplaced again)."""
    groups = _groups(loose)
    waiting = [r for r in rows if "item" in r and "before" in r and not r.keys() & {"after", "timing"}]

    def place(group: list[Piece], row: Row) -> None:
        for key, piece in zip(("after", "timing", "explanation"), group, strict=False):
            if key not in row:
                row[key] = piece
                loose.remove(piece)
        groups.remove(group)
        waiting[:] = [r for r in waiting if r is not row]

    for group in list(groups):
        says = [r for r in waiting if _restated(r, group)]
        if len(says) == 1 and sum(_restated(says[0], g) for g in groups) == 1:
            place(group, says[0])
    if len(groups) == 1 and len(waiting) == 1:
        place(groups[0], waiting[0])
    for group in list(groups):
        says = [r for r in rows if "before" in r and _restated(r, group)]
        if len(says) != 1 or any(_restated(says[0], g) for g in groups if g is not group):
            continue
        row = says[0]
        held = [row.get(k) for k in ("after", "timing", "explanation")]
        if any(p is not None and p.tied for p in held) or change_cells.restates(
            row["before"].text, _after(row)
        ):
            continue
        loose.extend(row.pop(k) for k in ("after", "timing") if k in row)
        place(group, row)


def _restated(row: Row, group: list[Piece]) -> bool:
    return change_cells.restates(row["before"].text, group[0].text)


def _after(row: Row) -> str:
    after = row.get("after")
    return after.text if after is not None else ""


def _eliminate(rows: list[Row], loose: list[Piece], slot: str) -> None:
    """Unplaced dates (or 提出時期) that stood alone go to the rows with a 項目 lacking one, when they
    all say the same and there are exactly as many as such rows."""
    pool = [p for p in loose if p.kind == slot and not p.tied]
    lacking = [r for r in rows if "item" in r and slot not in r]
    if not pool or len(pool) != len(lacking) or len({_text(p) for p in pool}) != 1:
        return
    for row, piece in zip(lacking, pool, strict=True):
        row[slot] = piece
        loose.remove(piece)


def _pair(row: Row) -> tuple[str, str]:
    return _text(row.get("before")), _text(row.get("after"))


def _explained(rows: list[Row], early: list[Row], loose: list[Piece]) -> None:
    """A row with its 変更前 and 変更後 but no 説明, whose 変更前 and 変更後 are those of other rows
    that all carry one same 説明 (「番号法第19条第7号」→「番号法第19条第8号」: 「法改正に伴う修正」),
    takes that 説明 from the unplaced cells, or else from the one row that read it before any
    提出時期 came (`early`) and whose own cells are like no row carrying it."""
    for row in rows:
        if "explanation" in row or not {"before", "after"} <= row.keys():
            continue
        twins = [r for r in rows if r is not row and _pair(r) == _pair(row) and "explanation" in r]
        said = {_text(r["explanation"]) for r in twins}
        if len(said) != 1:
            continue
        text = said.pop()
        carriers = {_pair(r) for r in rows if _text(r.get("explanation")) == text and _none_is(r, early)}
        spare = [p for p in loose if _text(p) == text and p.kind in ("free", "expl")]
        taken = [r for r in early if _text(r.get("explanation")) == text and _pair(r) not in carriers]
        if spare:
            row["explanation"] = spare[0]
            loose.remove(spare[0])
        elif len(taken) == 1:
            row["explanation"] = taken[0].pop("explanation")
            early[:] = [r for r in early if r is not taken[0]]


def _none_is(row: Row, rows: list[Row]) -> bool:
    return all(r is not row for r in rows)
