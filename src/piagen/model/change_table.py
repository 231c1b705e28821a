"""The 変更箇所 table ((別添３) of the 全項目評価書, (別添２) of the 重点項目評価書, Ⅳ of the
基礎項目評価書): the model keys of its printed columns and their official headings, in order, read
from the form definition (the schema's `changes` row). The printed document, the Excel workbook and
its import, the PDF/text import, diff and its redline all take the table from here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from piagen.model import form


@lru_cache(maxsize=1)
def _columns() -> tuple[tuple[str, str], ...]:
    row = form.resolve(form.schema()["$defs"]["changes"]["items"])
    return tuple(
        (key, str(node["title"]))
        for key, node in row["properties"].items()
        if form.resolve(node).get("x-forms") != []  # recorded by piagen diff, not printed
    )


def fields() -> tuple[str, ...]:
    """The model keys of the printed columns: date, item, before, after, timing, explanation."""
    return tuple(key for key, _ in _columns())


def headings() -> tuple[str, ...]:
    """The official column headings: 変更日, 項目, 変更前の記載, 変更後の記載, 提出時期, 提出時期に係る説明."""
    return tuple(heading for _, heading in _columns())


def cells(row: Mapping[str, Any], text: Callable[[Any], str]) -> tuple[str, ...]:
    """A row's printed cells, each value shown by `text`."""
    return tuple(text(row.get(key)) for key in fields())
