"""Excel rendering (openpyxl): the form as label/value sheets with drop-downs, ready to edit and import."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from piagen.document.layout import Block, Cell, Row
from piagen.document.pages import Document
from piagen.model import change_table, form
from piagen.model.source import json_path
from piagen.xlsx.heights import fit_rows, split_text
from piagen.xlsx.lists import SHEET as LISTS_SHEET
from piagen.xlsx.lists import ChoiceLists, validation

FONT = "IPAexゴシック"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {
    "heading": PatternFill("solid", fgColor="E7ECF6"),
    "group": PatternFill("solid", fgColor="FBF3DE"),
    "label": PatternFill("solid", fgColor="F2F2F2"),
    "title": PatternFill("solid", fgColor="D9E2F3"),
}
WRAP = Alignment(wrap_text=True, vertical="top")
# Column widths in Excel units (one digit of the default font, 11 pt IPAex: 6.9 pt): a form sheet
# is 76 units (524 pt), inside an A4 portrait page with 1 cm margins (537 pt) at 100 %; a table
# is 110 units (759 pt), A4 landscape (784 pt).
FORM_WIDTHS = (22.0, 36.0, 18.0)
TABLE_WIDTH = 110.0
MARGIN = 0.4  # inches, left and right
# The default font (styles.xml's first font) sets the width unit; openpyxl's Calibri is missing on
# most Linux machines and the unit then depended on LibreOffice's fallback font.
DEFAULT_FONT = f'<font><name val="{FONT}" /><family val="3" /><sz val="11" /></font>'.encode()
PATH_COLUMN = 4  # hidden column D: the model path of each value, read back by `piagen import`
KEYS_COLUMN = 5  # hidden column E: on an entry's first row, the keys no sheet prints (its id) as JSON
CHECKED = "○"
# The path-column mark of a row continuing the texts of the row above, where one row (409 pt at
# most) cannot hold them: "+" and, per printed column, "n" (continues after a line break), "c"
# (continues inside a paragraph) or "-" (nothing more).
CONTINUED = "+"
JOINS = {"\n": "n", "": "c"}
# Sheets whose title and text carry no row path: the list entry they show, and the key of their text.
ENTRY_BLOCKS = {"annex1": ("annex_flow", "figure_text"), "attachment": ("attachments", "text")}
UNPRINTED = frozenset({"id", "figure"})  # with every x-forms: [] key (a 変更箇所 row's path …)

Keys = Mapping[str, Mapping[str, Any]]


def hidden_keys(data: Any) -> dict[str, dict[str, Any]]:
    """Every list entry's scalar keys that no sheet prints (id, figure, a 変更箇所 row's path …), by json path."""
    out: dict[str, dict[str, Any]] = {}

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if form.forms_of((*path, key)):
                    walk(child, (*path, key))
        elif isinstance(value, list):
            for i, entry in enumerate(value):
                if isinstance(entry, dict):
                    keys = {k: v for k, v in entry.items() if unprinted((*path, i, k), v)}
                    if keys:
                        out[json_path((*path, i))] = keys
                walk(entry, (*path, i))

    walk(data, ())
    return out


def unprinted(path: tuple[str | int, ...], value: Any) -> bool:
    """True for an entry key whose value the workbook carries hidden: an id, a figure, x-forms: [] keys."""
    if value is None or not isinstance(value, str | int):  # bool is an int
        return False
    return path[-1] in UNPRINTED or (form.node_at(path) is not None and not form.forms_of(path))


def entry_of(path: str) -> str:
    """The innermost list entry a row path belongs to (`$.files[0]` for `$.files[0].name`), or ""."""
    m = re.match(r"^(.*\])", path.split("#", 1)[0])
    return m.group(1) if m else ""


@dataclass
class _Hidden:
    """The hidden keys still to write: each entry's go on the first row that belongs to it."""

    keys: Keys
    written: set[str] = field(default_factory=set)

    def take(self, path: str) -> str | None:
        entry = entry_of(path)
        if not entry or entry in self.written or entry not in self.keys:
            return None
        self.written.add(entry)
        return json.dumps(dict(self.keys[entry]), ensure_ascii=False, separators=(",", ":"))


def _put(ws: Worksheet, row: int, col: int, value: Any, **style: Any) -> None:
    """Write a cell; user text is always stored as text (a leading = + - @ never becomes a formula)."""
    c = ws.cell(row=row, column=col)
    c.value = value
    if isinstance(value, str):
        c.data_type = "s"
        if value[:1] in "=+-@":
            c.quotePrefix = True
    c.font = Font(name=FONT, size=9, bold=style.get("bold", False))
    c.alignment = WRAP
    c.border = BORDER
    if "fill" in style:
        c.fill = FILLS[style["fill"]]


class _Sheet:
    """Writes rows of one block into a worksheet laid out like the official workbook."""

    def __init__(
        self, ws: Worksheet, hidden: _Hidden, lists: ChoiceLists, widths: tuple[float, ...] = FORM_WIDTHS
    ) -> None:
        self.ws = ws
        self.hidden = hidden
        self.choice_lists = lists
        self.widths = widths
        self.row = 1
        self.lists: dict[tuple[str, ...], DataValidation] = {}
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[chr(64 + i)].width = width
        ws.column_dimensions["D"].hidden = True
        ws.column_dimensions["E"].hidden = True
        ws.sheet_view.showGridLines = False

    def title(self, text: str, path: str = "") -> None:
        _put(self.ws, self.row, 1, text, bold=True, fill="title")
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=3)
        self._path(path)
        self.row += 1

    def band(self, text: str, fill: str, path: str = "") -> None:
        _put(self.ws, self.row, 1, text, bold=True, fill=fill)
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=3)
        self._path(path)
        self.row += 1

    def item(self, r: Row) -> None:
        assert r.cell is not None
        indent = "　" * r.level
        if r.cell.kind == "checks":
            self._checks(indent + r.label, r.cell, r.path)
            return
        _put(self.ws, self.row, 1, indent + r.label, fill="label")
        if r.cell.kind != "choice":
            self._long(r.cell.text, r.path, merged=False)
            return
        _put(self.ws, self.row, 2, form.as_printed(r.cell.text, r.cell.choices) or None)
        options = "＜選択肢＞\n" + "\n".join(r.cell.options) + (f"\n{r.cell.suffix}" if r.cell.suffix else "")
        _put(self.ws, self.row, 3, options)
        self._validate(r.cell.choices, f"B{self.row}")
        self._path(r.path)
        self.row += 1

    def wide(self, r: Row) -> None:
        assert r.cell is not None
        self.band(("　" * r.level) + r.label, "label")
        self._long(r.cell.text, r.path, merged=True)

    def _long(self, text: str, path: str, merged: bool) -> None:
        """A text value (column B, or A:C merged), continued on rows marked 「（続き）」 where one
        row cannot hold it."""
        col = 1 if merged else 2
        width = sum(self.widths) if merged else self.widths[1]
        for i, (part, sep) in enumerate(split_text(text, width) if text else [("", "")]):
            if merged:
                self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=3)
            elif i:
                _put(self.ws, self.row, 1, "　（続き）", fill="label")
            _put(self.ws, self.row, col, part or None)
            if not merged:
                _put(self.ws, self.row, 3, None)
            if i:
                self.ws.cell(row=self.row, column=PATH_COLUMN).value = CONTINUED + JOINS[sep]
            else:
                self._path(path)
            self.row += 1

    def _checks(self, label: str, cell: Cell, path: str) -> None:
        _put(self.ws, self.row, 1, label, fill="label")
        _put(self.ws, self.row, 2, None)
        _put(self.ws, self.row, 3, "○ を付けた項目が該当。（　）内は C 列に記入")
        self.row += 1
        for check in cell.checks:
            _put(self.ws, self.row, 1, "　　" + check.text)
            _put(self.ws, self.row, 2, CHECKED if check.checked else None)
            _put(self.ws, self.row, 3, (check.detail or None) if check.has_slot else None)
            self._validate((CHECKED,), f"B{self.row}")
            self._path(f"{path}#{check.text}" if len(cell.checks) > 1 or check.has_slot else path)
            self.row += 1

    def _validate(self, choices: tuple[str, ...], ref: str) -> None:
        if not choices:
            return
        dv = self.lists.get(choices)
        if dv is None:
            dv = validation(self.choice_lists.formula(choices))
            self.ws.add_data_validation(dv)
            self.lists[choices] = dv
        dv.add(ref)

    def _path(self, path: str) -> None:
        if path:
            self.ws.cell(row=self.row, column=PATH_COLUMN).value = path
            self.ws.cell(row=self.row, column=KEYS_COLUMN).value = self.hidden.take(path)

    def finish(self, title_rows: str | None = None, landscape: bool = False) -> None:
        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_margins.left = ws.page_margins.right = MARGIN
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_area = f"A1:C{max(self.row - 1, 1)}"
        if title_rows:
            ws.print_title_rows = title_rows
        fit_rows(ws)


def _entry_block(block: Block) -> tuple[str, str]:
    """For an annex page or a 別紙, the entry it shows and its text key ("" when it shows none)."""
    kind, _, number = block.id.rpartition("-")
    if kind not in ENTRY_BLOCKS or not number.isdigit() or (kind == "annex1" and not block.rows):
        return "", ""
    key, text = ENTRY_BLOCKS[kind]
    return f"$.{key}[{int(number) - 1}]", text


def _block(wb: Workbook, block: Block, name: str, hidden: _Hidden, kind: str, lists: ChoiceLists) -> None:
    if block.table is not None:
        _table(wb, block, name, hidden, kind, lists)
        return
    sheet = _Sheet(wb.create_sheet(name), hidden, lists)
    entry, text_key = _entry_block(block)
    sheet.title(block.title + (f"　{block.subtitle}" if block.subtitle else ""), entry and f"{entry}.title")
    if block.text:
        label = "図の内容" if block.rows else "本文"
        sheet.wide(Row("wide", label, 0, Cell("text", block.text), entry and f"{entry}.{text_key}"))
    for r in block.rows:
        if r.kind in ("heading", "group"):
            sheet.band(("　" * r.level) + r.label, r.kind, r.path)
        elif r.kind == "note":
            sheet.band(r.label, "label")
        elif r.kind == "wide":
            sheet.wide(r)
        else:
            sheet.item(r)
    sheet.finish()


def _list_path(block: Block, kind: str) -> str:
    """The model list a table's rows belong to, also when it has no rows yet."""
    assert block.table is not None
    if block.table.paths:
        return re.sub(r"\[\d+\]$", "", block.table.paths[0])
    if block.table.columns == change_table.headings():
        return "$.basic.changes" if kind == "basic" else "$.changes"
    return ""


def _table(wb: Workbook, block: Block, name: str, hidden: _Hidden, kind: str, lists: ChoiceLists) -> None:
    assert block.table is not None
    table = block.table
    ws = wb.create_sheet(name)
    ws.sheet_view.showGridLines = False
    _put(ws, 1, 1, block.title, bold=True, fill="title")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(table.columns))
    for col, (head, width) in enumerate(zip(table.columns, table.widths, strict=True), start=1):
        _put(ws, 2, col, head, bold=True, fill="heading")
        ws.column_dimensions[chr(64 + col)].width = round(width * TABLE_WIDTH / sum(table.widths), 1)
    path_col = len(table.columns) + 1
    ws.column_dimensions[chr(64 + path_col)].hidden = True
    ws.column_dimensions[chr(65 + path_col)].hidden = True
    ws.cell(row=2, column=path_col).value = _list_path(block, kind) or None
    r = 3
    for i, cells in enumerate(table.rows):
        widths = [ws.column_dimensions[chr(65 + col)].width for col in range(len(cells))]
        pieces = [split_text(text, w) if text else [] for text, w in zip(cells, widths, strict=True)]
        for j in range(max(1, *(len(p) for p in pieces))):
            for col, parts in enumerate(pieces, start=1):
                _put(ws, r, col, parts[j][0] if j < len(parts) else None)
            if j:
                marks = "".join(JOINS[p[j][1]] if j < len(p) else "-" for p in pieces)
                ws.cell(row=r, column=path_col).value = CONTINUED + marks
            elif table.paths:
                ws.cell(row=r, column=path_col).value = table.paths[i]
                ws.cell(row=r, column=path_col + 1).value = hidden.take(table.paths[i])
            r += 1
    sheet = _Sheet.__new__(_Sheet)
    sheet.ws, sheet.row, sheet.choice_lists = ws, r, lists
    sheet.finish(title_rows="2:2", landscape=True)
    ws.print_area = f"A1:{chr(64 + len(table.columns))}{max(r - 1, 2)}"


def _sheet_name(block: Block, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", block.title.replace("　", "").replace(" ", ""))[:28] or block.id
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]}_{n}", n + 1
    used.add(name)
    return name


def render_xlsx(doc: Document, *, date: dt.datetime | None = None, keys: Keys | None = None) -> bytes:
    """The workbook bytes; metadata and zip timestamps come from `date` so output is reproducible.

    `keys` (from `hidden_keys(model)`) are the entries' unprinted keys, written so `piagen import`
    gets the ids back."""
    wb = Workbook()
    hidden = _Hidden(keys or {})
    lists = ChoiceLists(wb)
    cover = _Sheet(wb.active, hidden, lists)
    wb.active.title = "表紙"
    cover.title(f"{doc.stamp}　{doc.heading}")
    for r in doc.cover:
        cover.item(r)
    for note in doc.notes:
        cover.band(note, "label")
    cover.finish()
    used = {"表紙", LISTS_SHEET}
    for block in doc.blocks:
        _block(wb, block, _sheet_name(block, used), hidden, doc.form, lists)
    lists.finish()
    for ws in wb.worksheets if doc.edition_mark else ():  # 「提出版（非公表部分を含む）」 on every page
        ws.oddHeader.right.text = doc.edition_mark
    stamp = (date or dt.datetime(2000, 1, 1)).replace(tzinfo=None)
    wb.properties.title = doc.title
    wb.properties.creator = doc.organization or "piagen"
    wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue(), stamp)


def _reproducible(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite zip entry times and the core `modified` date (openpyxl stamps the clock) with `stamp`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "xl/styles.xml":
                content = re.sub(rb"<font>.*?</font>", DEFAULT_FONT, content, count=1)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + iso.encode() + rb"\g<2>",
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, content)
    return out.getvalue()
