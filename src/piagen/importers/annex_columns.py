"""別紙 lists of 提供先/移転先 read by the columns of a ruled table, when the lines carry the positions
of their cells (a PDF's text layer): the table's title 「別紙１　特定個人情報の提供（…）」 (or 「別紙１」
above it), its column heads — the form's titles of the entry's fields (提供先, ①法令上の根拠 … ⑦時期・
頻度) and the 番号 column, each head centred in its column and possibly wrapped over several lines —
then one row per entry starting with its 番号 1, 2, 3 …, each cell wrapped within its column.

The columns are found from the heads: the fragments of one head overlap horizontally, the heads of
two columns do not. A cell of a row is left-aligned in its column, so it belongs to the last column
whose head ends before the cell starts. The column heads printed again at the top of each page are
left out; a row cut at a page break continues with the same 番号 and its 提供先 marked 「（続き）」.
Columns a list leaves empty may be missing (a list whose ④～⑦ are stated once, in the form's 提供先1):
only the columns whose heads are printed are read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.model import form

CONTINUED = "（続き）"  # a row's piece after a page break repeats its 番号 and 提供先 with this mark
_NUMBER_HEADS = ("番号", "通し番号", "No", "No.")
_KEYS = ("name", "legal_basis", "purpose", "info", "people", "scope", "methods", "timing")
_TOP = re.compile(r"[、，,](?![^（(]*[）)])")  # a 「、」 outside brackets
_CAPTION = re.compile(r"^(別紙[0-9]*)?(特定個人情報の(提供|移転).*)?$")
_HEAD_ROWS = 12  # lines a column head may wrap over
_TOLERANCE = 1.0  # points


@dataclass
class _Column:
    left: float
    right: float
    parts: list[tuple[int, float, str]]  # (line, left, text) of the head's fragments
    key: str = ""  # the entry's field, "number" for the 番号 column

    def head(self) -> str:
        return "".join(text for _, _, text in sorted(self.parts))


def read(lines: list[Line], start: int, key: str) -> tuple[list[dict[str, Any]], list[int], int, int] | None:
    """The rows of the `key` (recipients/transferees) list whose title is line `start`, the indices of
    the lines they were read from (title and heads included), the index after the table and the 番号
    of the first row (a 別紙 of the entries beyond the form's 20 starts at 21); None when the lines
    after the title are not such a table with positions (extracted text)."""
    seq, origin = _numbers_first(lines, start)
    got = _read(seq, start, key)
    if got is None:
        return None
    rows, taken, _, first = got
    used = sorted({origin[n] for n in taken})
    return rows, used, max(used) + 1, first


def _numbers_first(lines: list[Line], start: int) -> tuple[list[Line], list[int]]:
    """The lines with each row's 番号 read first in its row, and the index each came from. From a
    PDF that draws rules between the rows (the lines' bands), a 番号 centred vertically beside a long
    cell is printed below that cell's first lines: its cell is moved to the top of its band (the
    rest of its line stays where it is). Rows whose 番号 is printed first are left as they are."""
    seq, origin = list(lines[:start]), list(range(start))
    n = start
    while n < len(lines):
        band = (lines[n].page, lines[n].band)
        end = n + 1
        while lines[n].band and end < len(lines) and (lines[end].page, lines[end].band) == band:
            end += 1
        moved = _band_number(lines, n, end)
        if moved is not None:
            k, cell = moved
            seq.append(replace(lines[k], text=cell[2], x0=cell[0], x1=cell[1], cells=(cell,)))
            origin.append(k)
        for k in range(n, end):
            line = lines[k]
            if moved is not None and k == moved[0]:
                rest = tuple(c for c in line.cells if c is not moved[1])
                if not any(c[2].strip() for c in rest):
                    continue
                line = replace(line, text=" ".join(c[2] for c in rest), x0=rest[0][0], cells=rest)
            seq.append(line)
            origin.append(k)
        n = end
    return seq, origin


def _band_number(lines: list[Line], n: int, end: int) -> tuple[int, tuple[float, float, str]] | None:
    """In the band of lines n…end-1, the 番号 printed below its first line: (its line, its cell)."""
    if not lines[n].band or end - n < 2:
        return None
    cells = [(k, c) for k in range(n, end) for c in lines[k].cells if c[2].strip()]
    if not cells:
        return None
    leftmost = min(c[0] for _, c in cells)
    numbers = [(k, c) for k, c in cells if _number(c[2]) and c[0] - leftmost < _TOLERANCE * 3]
    if len(numbers) != 1 or numbers[0][0] == n:
        return None
    return numbers[0]


def _read(lines: list[Line], start: int, key: str) -> tuple[list[dict[str, Any]], list[int], int, int] | None:
    found = _heads(lines, start, key)
    if found is None:
        return None
    columns, at = found
    first = _number(next(c[2] for c in lines[at].cells if c[2].strip()))
    head_texts = {norm(t) for c in columns for _, _, t in c.parts}
    captions = {norm(ln.text) for ln in lines[start:at] if _is_caption(ln.text)}  # this table's own
    rows: list[dict[str, list[str]]] = []
    taken = list(range(start, at))
    repeating = ""  # the 提供先 repeated by a piece after a page break, until its （続き）
    i = at
    while i < len(lines):
        cells = [c for c in lines[i].cells if c[2].strip()]
        if cells and not all(norm(c[2]) in head_texts for c in cells) and norm(lines[i].text) not in captions:
            placed = [(_column_of(columns, c[0]), c[2]) for c in cells]
            number = next((_number(t) - first + 1 for n, t in placed if columns[n].key == "number"), None)
            if number == len(rows) + 1:
                rows.append({})
            elif number is not None and rows and number == len(rows) and _continued(lines, i, columns):
                repeating = "…"  # a piece after a page break: 番号 and 提供先 repeated, marked （続き）
            elif number is not None or not rows:
                break
            for n, text in placed:
                field = columns[n].key
                if field == "name" and repeating:
                    repeating = "" if (repeating + text).endswith(CONTINUED) else repeating + text
                elif field not in ("", "number"):
                    rows[-1].setdefault(field, []).append(text)
        taken.append(i)  # heads and captions repeated on a page, blank lines, cells of the rows
        i += 1
    if not rows:
        return None
    return [_values(row, key) for row in rows], taken, i, first


def _heads(lines: list[Line], start: int, key: str) -> tuple[list[_Column], int] | None:
    """The table's columns and the index of its first row: the lines after the title up to the line
    whose first cell is a 番号 hold the heads."""
    fragments: list[tuple[int, float, float, str]] = []
    for i in range(start, min(len(lines), start + 1 + _HEAD_ROWS)):
        cells = [c for c in lines[i].cells if c[2].strip()]
        if not cells and lines[i].text.strip():
            return None  # extracted text: no positions
        if fragments and cells and _number(cells[0][2]) > 0:
            columns = _columns(fragments, key, cells[0][1])
            return (columns, i) if columns else None
        if not _is_caption(lines[i].text):
            fragments.extend((i, left, right, text.strip()) for left, right, text in cells)
    return None


def _is_caption(text: str) -> bool:
    """「別紙２」 or the table's title 「特定個人情報の移転」, printed above the heads (on each page)."""
    plain = norm(text)
    return bool(_CAPTION.match(plain)) and len(plain) < 60


def _columns(fragments: list[tuple[int, float, float, str]], key: str, number: float) -> list[_Column] | None:
    """Overlapping fragments make one column; each column's head must be the 番号 or a field's title.
    The 番号 column may print no head (the official 別紙): it ends where the first row's 番号 ends."""
    columns: list[_Column] = []
    for line, left, right, text in sorted(fragments, key=lambda f: f[1]):
        if columns and left <= columns[-1].right + _TOLERANCE:
            columns[-1].right = max(columns[-1].right, right)
            columns[-1].parts.append((line, left, text))
        else:
            columns.append(_Column(left, right, [(line, left, text)]))
    titles = {norm(form.title(("files", 0, "provision", key, 0, k))): k for k in _KEYS}
    for column in columns:
        head = norm(column.head())
        column.key = "number" if head in {norm(h) for h in _NUMBER_HEADS} else titles.get(head, "")
    if columns and columns[0].key == "name" and number < columns[0].left:
        columns.insert(0, _Column(number, number, [], "number"))
    keys = [c.key for c in columns]
    if keys[:1] != ["number"] or "name" not in keys or keys.count("") > 0:
        return None
    return columns


def _column_of(columns: list[_Column], left: float) -> int:
    """The column of a left-aligned cell starting at `left`: the last whose head ends before it."""
    return min(len(columns) - 1, sum(1 for c in columns if c.right <= left + _TOLERANCE))


def _continued(lines: list[Line], at: int, columns: list[_Column]) -> bool:
    """Whether the 提供先 printed beside the 番号 at line `at` (on its lines up to the next 番号) ends
    with （続き）: the row goes on after a page break."""
    name = ""
    for k, line in enumerate(lines[at : at + 12]):
        placed = [(columns[_column_of(columns, c[0])].key, c[2]) for c in line.cells if c[2].strip()]
        if k and any(key == "number" for key, _ in placed):
            break
        name += "".join(text for key, text in placed if key == "name")
    return name.endswith(CONTINUED)


def _number(text: str) -> int:
    text = unicodedata.normalize("NFKC", text).strip()
    return int(text) if text.isdigit() and len(text) < 5 else 0


def _values(row: dict[str, list[str]], key: str) -> dict[str, Any]:
    """A row's cells as the entry's values: ④ as its ＜選択肢＞, ⑥ as its ticked options."""
    out: dict[str, Any] = {}
    for field, parts in row.items():
        text = "".join(parts).strip()
        if not text:
            continue
        path = ("files", 0, "provision", key, 0, field)
        if field == "people":
            out[field] = _choice(text, form.choices(path))
        elif field == "methods":
            out[field] = ticked(text, form.check_options(path))
        else:
            out[field] = text
    return out


def _choice(text: str, options: list[str]) -> str:
    return next((o for o in options if norm(o) == norm(text)), text)


def ticked(text: str, options: list[str]) -> dict[str, Any] | str:
    """「庁内連携システム、その他（住基ネット）」 as {option: True, option: text}; the text as it is
    when a piece is not one of the options (validate then names it)."""
    out: dict[str, Any] = {}
    for piece in (p.strip() for p in _TOP.split(text)):
        option = next((o for o in options if norm(piece).startswith(norm(o))), None)
        if option is None:
            return text
        rest = piece[len(option) :].strip() if piece.startswith(option) else ""
        if rest and not (rest[:1] in "（(" and rest[-1:] in "）)"):
            return text
        out[option] = rest[1:-1] if rest else True
    return out
