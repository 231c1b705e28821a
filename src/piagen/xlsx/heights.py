"""Row heights from the text and the column widths, so every wrapped line prints.

Neither Excel nor LibreOffice grows a row to fit its wrapped text when printing a file whose rows
carry no height (LibreOffice then writes its 15 pt default back on a save): the writer must say it.
The measure is deliberately simple and errs on the tall side: a full-width character takes FULL
width units, a half-width one HALF, each line is LINE points high."""

from __future__ import annotations

import math
import unicodedata

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

LINE = 11.5  # points per line of the 9 pt font (LibreOffice sets 9 pt, Excel about 11)
PADDING = 3.0  # points above and below the text inside the cell border
MAX_HEIGHT = 409.0  # Excel's largest row height
# Width units one character of the 9 pt font takes. The unit is one digit of the workbook's
# default font (11 pt IPAex: 6.9 pt); a full-width 9 pt glyph is 9 pt, 1.30 units, measured in
# LibreOffice (30 units hold 23 characters); a little more covers rounding.
FULL = 1.36
HALF = 0.8


def text_units(text: str) -> float:
    """The width of one line of text in column-width units (full-width characters count double)."""
    return sum(FULL if unicodedata.east_asian_width(ch) in "WFA" else HALF for ch in text)


def line_count(text: str, width: float) -> int:
    """The lines `text` wraps to in a cell `width` units wide (each paragraph at least one line)."""
    room = max(width - 0.6, 1.0)  # the cell's inner margins
    return sum(max(1, math.ceil(text_units(part) / room)) for part in text.split("\n"))


def row_height(lines: int) -> float:
    """The height in points of a row of `lines` lines, within Excel's limit."""
    return min(round(lines * LINE + PADDING, 1), MAX_HEIGHT)


def fit_rows(ws: Worksheet) -> int:
    """Give every row of `ws` the height its tallest cell needs; return the rows still too tall."""
    widths = _widths(ws)
    spans = {(m.min_row, m.min_col): (m.min_col, m.max_col) for m in ws.merged_cells.ranges}
    lines: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            col = cell.column
            if cell.value is None or not isinstance(col, int) or widths.get(col) is None:
                continue
            first, last = spans.get((cell.row, col), (col, col))
            width = sum(widths.get(c) or 0.0 for c in range(first, last + 1))
            count = line_count(str(cell.value), width)
            lines[cell.row] = max(lines.get(cell.row, 1), count)
    for r, count in lines.items():
        ws.row_dimensions[r].height = row_height(count)
    return sum(1 for count in lines.values() if count * LINE + PADDING > MAX_HEIGHT)


def _widths(ws: Worksheet) -> dict[int, float | None]:
    """Each used column's width (None for a hidden column, which prints nothing)."""
    out: dict[int, float | None] = {}
    for col in range(1, ws.max_column + 1):
        dim = ws.column_dimensions[get_column_letter(col)]
        out[col] = None if dim.hidden else float(dim.width or 8.43)
    return out


MAX_LINES = int((MAX_HEIGHT - PADDING) // LINE)


def split_text(text: str, width: float) -> list[tuple[str, str]]:
    """`text` cut into pieces that each fit one row (Excel clips a row at 409 pt), each with the
    separator that joins it to the piece before ("\\n" between paragraphs, "" inside one)."""
    room = max(width - 0.6, 1.0)
    pieces: list[tuple[str, str]] = []
    lines = 0
    for para in text.split("\n"):
        need = line_count(para, width)
        if pieces and lines + need <= MAX_LINES:
            pieces[-1] = (pieces[-1][0] + "\n" + para, pieces[-1][1])
            lines += need
            continue
        for i, part in enumerate(_cut(para, room * (MAX_LINES - 2))):
            pieces.append((part, "" if i else "\n"))
            lines = line_count(part, width)
    return pieces or [(text, "")]


def _cut(para: str, units: float) -> list[str]:
    """A paragraph in parts of at most `units` width (wrapping wastes the ends of lines: 2 spare)."""
    parts, start, used = [], 0, 0.0
    for i, ch in enumerate(para):
        w = text_units(ch)
        if used + w > units:
            parts.append(para[start:i])
            start, used = i, 0.0
        used += w
    parts.append(para[start:])
    return parts
