"""Opening an edited workbook within bounds: every part's uncompressed size is checked before
openpyxl reads it (a 2 MB zip can expand to gigabytes), rows, columns and sheets are capped, a
malformed sheet is a message instead of a crash, and openpyxl's own warnings never reach the user
raw. Also: the sheets a workbook of each form must have, so a deleted sheet is reported, not dropped."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

from piagen.document import pages
from piagen.model import form

MAX_PART = 20 * 1024 * 1024  # uncompressed bytes of one part (a 住基 full form's largest is ~0.1 MB)
MAX_TOTAL = 60 * 1024 * 1024  # uncompressed bytes of all parts
MAX_SHEETS = 300
MAX_ROWS = 10_000  # rows of one sheet (a 住基 full form's longest has 148)
MAX_COLUMNS = 64  # columns read (piagen writes at most a dozen)
PRINTED_ROOTS = frozenset(form.node_at(()).get("properties", {})) - set(form.unprinted_roots())  # type: ignore[union-attr]


class Unreadable(Exception):  # noqa: N818 - a refusal reported as the workbook's one problem
    """The workbook cannot be read within bounds; `reason` is the Japanese message."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Sheet:
    """One sheet's title and its rows of values (column A first), as read."""

    title: str
    rows: list[tuple[Any, ...]]


def check_zip(content: bytes) -> None:
    """Refuse a workbook whose parts would expand beyond the caps (sizes from the zip directory;
    Python's zip reader never returns more than a part declares)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise Unreadable(
            "Excel ブック（.xlsx）として読めません。piagen が出力した Excel を指定してください。"
        ) from None
    for info in infos:
        if info.file_size > MAX_PART:
            raise Unreadable(
                f"ブックの部品「{info.filename[:80]}」が展開すると大きすぎます（{info.file_size:,} バイト、"
                f"上限 {MAX_PART:,} バイト）。"
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL:
        raise Unreadable(f"ブックを展開すると大きすぎます（{total:,} バイト、上限 {MAX_TOTAL:,} バイト）。")


def read_sheets(content: bytes) -> tuple[list[Sheet], bool]:
    """Every sheet's rows within the caps, and whether openpyxl warned (parts it skipped)."""
    from openpyxl import load_workbook

    check_zip(content)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            wb = load_workbook(io.BytesIO(content), read_only=True)
        except Exception:  # noqa: BLE001 - any failure of the parser on a foreign file is "unreadable"
            raise Unreadable(
                "Excel ブック（.xlsx）として読めません。piagen が出力した Excel を指定してください。"
            ) from None
        try:
            if len(wb.worksheets) > MAX_SHEETS:
                raise Unreadable(f"シートが多すぎます（{len(wb.worksheets)}枚、上限 {MAX_SHEETS}枚）。")
            sheets = [Sheet(ws.title, _rows(ws)) for ws in wb.worksheets]
        finally:
            wb.close()
    return sheets, bool(caught)


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    try:
        ws.reset_dimensions()  # the stored dimension may claim a million rows: read what is there
        rows = list(ws.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True))
    except Unreadable:
        raise
    except Exception:  # noqa: BLE001 - a malformed sheet XML raises anything from the parser
        raise Unreadable(f"シート「{ws.title}」を読めません（中身の XML が壊れています）。") from None
    if len(rows) > MAX_ROWS:
        raise Unreadable(f"シート「{ws.title}」の行が多すぎます（上限 {MAX_ROWS:,} 行）。")
    return [tuple(r) for r in rows]


def expected_sheets(kind: form.FormType) -> list[str]:
    """The titles (A1) of the sections every workbook of `kind` has, whatever the model holds."""
    doc = pages.build({"piagen": 1, "form": {"type": kind}}, kind)
    return [block.title for block in doc.blocks]


def missing_sheets(kind: form.FormType, firsts: list[str]) -> list[str]:
    """The section titles of `kind` that no sheet starts with (a sheet deleted in Excel)."""
    squashed = [re.sub(r"\s", "", str(first)) for first in firsts]
    return [
        title
        for title in expected_sheets(kind)
        if not any(first.startswith(re.sub(r"\s", "", title)) for first in squashed)
    ]


_FILE_PART = re.compile(r"\$\.files\[(\d{1,6})\]\.(\w+)")
FILE_SHEETS = {"basic": "Ⅱ　特定個人情報ファイルの概要", "risks": "Ⅲ　リスク対策"}  # by a key each prints


def missing_file_sheets(kind: form.FormType, sheets: list[Sheet]) -> list[str]:
    """The Ⅱ and Ⅲ sheets (「ファイル（1）のⅢ　リスク対策」) of each 特定個人情報ファイル that a full or focused workbook lacks (each file
    has both; any other sheet naming the file, such as （別添）記録項目, shows it existed)."""
    if kind == "basic":
        return []
    seen: dict[int, set[str]] = {}
    for sheet in sheets:
        for row in sheet.rows:
            for value in row:
                if isinstance(value, str) and (m := _FILE_PART.match(value)):
                    seen.setdefault(int(m.group(1)), set()).add(m.group(2))
    return [
        f"ファイル（{i + 1}）の{title}"
        for i, keys in sorted(seen.items())
        for key, title in FILE_SHEETS.items()
        if key not in keys
    ]


def printed(path: tuple[str | int, ...]) -> bool:
    """Whether a hidden row path names an item a sheet prints (never withheld, revision … which piagen
    does not write into a workbook: such a path was edited)."""
    return bool(path) and path[0] in PRINTED_ROOTS
