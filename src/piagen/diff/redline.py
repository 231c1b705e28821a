"""The reviewer's view of a comparison: character-level redline, grouped by section, as HTML or Excel."""

from __future__ import annotations

import difflib
import io
from typing import Any

from markupsafe import Markup, escape
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from piagen.diff.compare import Change, Result
from piagen.model import change_table
from piagen.render.html import environment, stylesheet


def marks(before: str, after: str) -> tuple[Markup, Markup]:
    """Both texts with the characters that differ wrapped in <del>/<ins> (Japanese has no spaces)."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    old: list[str] = []
    new: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            old.append(str(escape(before[a1:a2])))
            new.append(str(escape(after[b1:b2])))
            continue
        if a2 > a1:
            old.append(f"<del>{escape(before[a1:a2])}</del>")
        if b2 > b1:
            new.append(f"<ins>{escape(after[b1:b2])}</ins>")
    return Markup("".join(old)), Markup("".join(new))


def sections(result: Result) -> list[tuple[str, list[tuple[Change, Markup, Markup]]]]:
    """Rows grouped by the form section they change, in form order."""
    groups: dict[str, list[tuple[Change, Markup, Markup]]] = {}
    for change in result.changes:
        groups.setdefault(change.section(), []).append((change, *marks(change.before, change.after)))
    return list(groups.items())


def render_html(result: Result, old_name: str, new_name: str, title: str) -> str:
    """A self-contained side-by-side report for reviewers."""
    template = environment().get_template("diff.html")
    return template.render(
        title=title,
        old_name=old_name,
        new_name=new_name,
        counts=result.counts(),
        requirements=result.requirements,
        groups=sections(result),
        css=Markup(stylesheet()),
    )


def render_xlsx(result: Result) -> bytes:
    """The rows as a 変更箇所 sheet, plus a sheet of open judgments."""
    wb = Workbook()
    ws = wb.active
    ws.title = "変更箇所"
    cells = [list(change_table.cells(c.as_row(), _shown)) for c in result.changes]
    _sheet(ws, change_table.headings(), cells, (10, 28, 40, 40, 7, 30))
    ws.print_title_rows = "1:1"
    todo = wb.create_sheet("判断が必要な点")
    rows = [[c.item, "\n".join(c.open_points)] for c in result.changes if c.open_points]
    rows += [["（手続）", r] for r in result.requirements]
    _sheet(todo, ("項目", "判断が必要な点"), rows, (40, 80))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def _sheet(ws: Any, columns: tuple[str, ...], rows: list[list[str]], widths: tuple[int, ...]) -> None:
    for col, (name, width) in enumerate(zip(columns, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E2F3")
        ws.column_dimensions[chr(64 + col)].width = width
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=value or None)
            if isinstance(value, str):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
