"""The 変更箇所 table is defined once (model/change_table.py, read from the schema) and every output
and reader uses that definition."""

from __future__ import annotations

import ast

from piagen.model import change_table
from tests.shared import ROOT


def test_columns_are_the_official_headings_in_form_order() -> None:
    assert change_table.headings() == (
        "変更日",
        "項目",
        "変更前の記載",
        "変更後の記載",
        "提出時期",
        "提出時期に係る説明",
    )
    assert change_table.fields() == ("date", "item", "before", "after", "timing", "explanation")


def test_cells_follow_the_columns() -> None:
    row = {"timing": "事前", "date": "令和7年1月20日", "item": "Ⅰ", "before": "a", "after": "b", "path": "x"}
    assert change_table.cells(row, lambda v: "" if v is None else str(v)) == (
        "令和7年1月20日",
        "Ⅰ",
        "a",
        "b",
        "事前",
        "",
    )


def test_no_module_spells_the_headings_again() -> None:
    """A heading tuple written out in a module (not in docstrings or messages) is a second definition."""
    offenders = []
    for path in (ROOT / "src" / "piagen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple) and {"変更前の記載", "変更後の記載"} <= {
                e.value for e in node.elts if isinstance(e, ast.Constant)
            }:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
