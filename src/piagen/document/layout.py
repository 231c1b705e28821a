"""The printed layout of a form section as rows of label and value, shared by HTML, PDF and Excel."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from piagen.model import form
from piagen.model.source import json_path

RowKind = Literal["section", "heading", "group", "item", "wide", "note"]
CellKind = Literal["text", "choice", "checks", "value"]
Path = tuple[str | int, ...]

# Repetition ranges printed as group headers (システム2～5 …); entries beyond 20 go to a 別紙.
RANGES: tuple[tuple[int, int], ...] = ((2, 5), (6, 10), (11, 15), (16, 20))
MAX_IN_FORM = 20


@dataclass(frozen=True)
class Check:
    """One checkbox as printed: its text, whether it is ticked, and the text in its （　）."""

    text: str
    checked: bool
    detail: str = ""
    has_slot: bool = False
    count: bool = False


@dataclass(frozen=True)
class Cell:
    """A printed value: text, a choice with its ＜選択肢＞, or a grid of checkboxes."""

    kind: CellKind
    text: str = ""
    options: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    columns: int = 1
    subgroups: tuple[tuple[str, int], ...] = ()
    suffix: str = ""
    choices: tuple[str, ...] = ()
    flag: bool = False


@dataclass(frozen=True)
class Row:
    """One printed line of a form: a heading, a group header, or a label with its value."""

    kind: RowKind
    label: str
    level: int = 0
    cell: Cell | None = None
    path: str = ""
    inline: bool = False  # a flag printed on its heading's line (PDF/HTML); the Excel keeps the row

    def short(self) -> bool:
        """Whether the row is a few lines at most: kept whole on one page (a longer value may break,
        leaving at least its first line beside the label)."""
        text = self.cell.text if self.cell is not None else ""
        return (
            len(_wrapped(text, VALUE_CHARS)) <= SHORT_LINES and len(_wrapped(self.label, 14)) <= SHORT_LINES
        )


@dataclass(frozen=True)
class Table:
    """A ruled table (変更箇所, 別紙 lists): column headers, relative widths and text rows."""

    columns: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]
    paths: tuple[str, ...] = ()
    drop_empty: bool = False

    def shown(self) -> tuple[int, ...]:
        """The columns printed on the page: all, or for a 別紙 list those some row fills (a list whose
        原本 states ④～⑦ once for all, in 提供先1, prints no empty columns). The Excel keeps all."""
        every = range(len(self.columns))
        if not self.drop_empty or not self.rows:
            return tuple(every)
        return tuple(i for i in every if i < 2 or any(row[i].strip() for row in self.rows))

    def shown_widths(self) -> tuple[float, ...]:
        """The printed columns' widths in per cent of the table."""
        kept = [self.widths[i] for i in self.shown()]
        return tuple(round(100 * w / sum(kept), 2) for w in kept)

    def printed_rows(self) -> tuple[tuple[str, ...], ...]:
        """The rows as printed: a row too tall for a page is cut into pieces that each fit one (the
        pages keep every piece whole); each continuation repeats its first two cells (変更日 and
        項目, 番号 and 提供先) with 「（続き）」, so no piece reads as a row of its own."""
        shown = self.shown()
        widths = dict(zip(shown, self.shown_widths(), strict=True))
        columns = {i: max(4, int(widths[i] * LIST_CHARS_PER_WIDTH) - 1) for i in shown}
        out: list[tuple[str, ...]] = []
        for cells in self.rows:
            out.extend(_pieces(cells, columns))
        return tuple(out)


@dataclass(frozen=True)
class Block:
    """A part of the document that starts on a new page: a section, an annex or an attachment."""

    id: str
    title: str
    rows: tuple[Row, ...] = ()
    table: Table | None = None
    text: str = ""
    figure: str = ""
    subtitle: str = ""
    note: str = ""
    text_path: str = ""


@dataclass
class Walker:
    """Turns model data under a schema path into rows, as printed in one form."""

    form: form.FormType
    hooks: dict[Path, Callable[[Any, Path, int], list[Row]]] = field(default_factory=dict)
    skip: frozenset[str] = frozenset()

    def rows(self, data: Any, path: Path, level: int = 0, header: str = "") -> list[Row]:
        node = form.node_at(path) or {}
        out: list[Row] = []
        for key in node.get("properties", {}):
            child = (*path, key)
            if key in self.skip or key in ("id", header) or self.form not in form.forms_of(child):
                continue
            value = data.get(key) if isinstance(data, dict) else None
            out.extend(self.item(value, child, level))
        return out

    def item(self, value: Any, path: Path, level: int) -> list[Row]:
        hook = self.hooks.get(_generic(path))
        if hook is not None:
            return hook(value, path, level)
        node = form.node_at(path) or {}
        if node.get("type") == "array" and node.get("x-group"):
            return self.group(value, path, level)
        if "properties" in node and node.get("x-layout") != "checks":
            return self.object(value, path, level)
        return [self.leaf(value, path, level)]

    def object(self, value: Any, path: Path, level: int) -> list[Row]:
        title = form.label(path, self.form)
        status_title = form.title((*path, "status"), self.form)
        if status_title and status_title == form.title(path, self.form):
            return self.rows(value, path, level)  # the status row carries the label
        children = self.rows(value, path, level + 1)
        if children and children[0].label == title and children[0].cell is not None:
            # An item titled like its group (⑧使用方法 › ⑧使用方法) is the group's own row.
            return [replace(children[0], level=level), *children[1:]]
        return with_flags(Row("heading", title, level, path=json_path(path)), children)

    def leaf(self, value: Any, path: Path, level: int) -> Row:
        node = form.node_at(path) or {}
        kind: RowKind = "wide" if str(node.get("title", "")).endswith("リスクに対する措置") else "item"
        return Row(kind, form.label(path, self.form), level, cell(value, path, self.form), json_path(path))

    def group(self, value: Any, path: Path, level: int) -> list[Row]:
        node = form.node_at(path) or {}
        name = str(node.get("x-group"))
        items = value if isinstance(value, list) else []
        out: list[Row] = []
        heading = form.label(path, self.form)
        if heading and heading[0] in "０１２３４５６７８９":
            out.append(Row("heading", heading, level, path=json_path(path)))
        for i, entry in enumerate(items[:MAX_IN_FORM]):
            n = i + 1
            for low, high in RANGES:
                if n == low:
                    out.append(Row("group", f"{name}{low}～{high}", level, path=json_path(path)))
            out.append(Row("group", _entry_title(name, n, entry), level, path=json_path((*path, i))))
            # The header row carries the entry's title (委託事項1 …, 提供先1 …): not printed again.
            out.extend(
                self.rows(
                    entry, (*path, i), level + 1, header="" if name == "システム" else _HEADER.get(name, "")
                )
            )
        if not items:  # the first entry's header is printed even when the list is empty
            out.append(Row("group", f"{name}1", level, path=json_path(path)))
        for low, high in RANGES:
            if low > len(items) and low <= MAX_IN_FORM:
                out.append(Row("group", f"{name}{low}～{high}", level, path=json_path(path)))
        return out


_HEADER = {"委託事項": "title", "提供先": "name", "移転先": "name"}


def _entry_title(name: str, n: int, entry: Any) -> str:
    own = entry.get("title") or entry.get("name") if isinstance(entry, dict) and name != "システム" else None
    return f"{name}{n} {own}" if isinstance(own, str) and own.strip() else f"{name}{n}"


# The 変更箇所 and 別紙 tables print 7.6pt text on an A4 page 186mm wide: a column of w per cent holds
# about w × 0.9 full-width characters a line, and a piece of at most 44 lines (of ~68 a page holds)
# always fits on a page, with room left for the rows before it.
VALUE_CHARS = 41  # full-width characters a line of the value column holds (8.6pt, 69% of 186mm)
SHORT_LINES = 6
LIST_CHARS_PER_WIDTH = 186 / 100 / (7.6 * 0.3528) - 0.02
PIECE_LINES = 44
CONTINUED = "（続き）"


def _pieces(cells: tuple[str, ...], columns: dict[int, int]) -> list[tuple[str, ...]]:
    """One table row, cut into pieces of at most PIECE_LINES printed lines."""
    lines = {i: _wrapped(cells[i], width) for i, width in columns.items()}
    if max((len(v) for v in lines.values()), default=0) <= PIECE_LINES + 8:
        return [cells]
    count = max(len(v) for v in lines.values())
    out = []
    for start in range(0, count, PIECE_LINES):
        piece = list(cells) if start == 0 else ["" for _ in cells]
        for i in lines:
            if start or i >= 2:
                piece[i] = "".join(lines[i][start : start + PIECE_LINES]).rstrip("\n")
        if start:
            piece[0], piece[1] = cells[0], cells[1] + CONTINUED
        out.append(tuple(piece))
    return out


def _wrapped(text: str, width: int) -> list[str]:
    """`text` cut into printed lines of `width` full-width characters (half-width count half); each
    line keeps its own line break, so joining the lines gives the text back."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for char in paragraph:
            size = 0.5 if ord(char) < 0x2000 or 0xFF61 <= ord(char) <= 0xFF9F else 1.0
            if used + size > width:
                out.append(line)
                line, used = "", 0.0
            line, used = line + char, used + size
        out.append(line + "\n")
    if out:
        out[-1] = out[-1][:-1]
    return out


_NUMBERED = re.compile(r"^\s*[（(][0-9０-９]+[）)]\s*")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def bare_name(name: str) -> str:
    """A file's name without the （１） a model may have copied from the printed form."""
    return _NUMBERED.sub("", name)


def numbered_name(n: int, name: str) -> str:
    """A file's name as listed in Ⅰ３ and 別添２: 「（１）住民基本台帳ファイル」, numbered once."""
    return f"（{str(n).translate(_FULLWIDTH)}）{bare_name(name)}"


def with_flags(heading: Row, children: list[Row]) -> list[Row]:
    """The heading and its rows, its leading 「委託しない」「接続しない」 boxes on the heading line as in
    the official form (their own rows stay, marked inline, for the Excel)."""
    flags = children[: _leading_flags(children)]
    if not flags:
        return [heading, *children]
    ticks = tuple(c for r in flags if r.cell is not None for c in r.cell.checks)
    shown = replace(heading, cell=Cell("checks", checks=ticks, columns=len(flags)))
    return [shown, *(replace(r, inline=True) for r in flags), *children[len(flags) :]]


def _leading_flags(rows: list[Row]) -> int:
    """How many rows at the start are single flags (委託しない, 接続しない（入手） …)."""
    n = 0
    while n < len(rows) and rows[n].cell is not None and rows[n].cell.flag:  # type: ignore[union-attr]
        n += 1
    return n


def _generic(path: Path) -> Path:
    """The path with list indexes replaced by -1, so hooks match every entry."""
    return tuple(-1 if isinstance(p, int) else p for p in path)


def text_of(value: Any) -> str:
    """Display text of a scalar value ("" for blank)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "○" if value else ""
    return str(value)


def cell(value: Any, path: Path, kind: form.FormType) -> Cell:
    """The printed cell of a leaf item."""
    node = form.node_at(path) or {}
    layout = node.get("x-layout", "text")
    if layout == "choice":
        return Cell(
            "choice", text_of(value), tuple(form.options(path, kind)), choices=tuple(form.choices(path))
        )
    if layout == "checks":
        return checks_cell(value, path)
    if layout == "flag":
        title = str(node.get("title", ""))
        return Cell("checks", checks=(Check(title, bool(value)),), columns=1, flag=True)
    return Cell("value" if layout == "value" else "text", text_of(value))


def checks_cell(value: Any, path: Path) -> Cell:
    """A checkbox grid, ticked where the model has the option."""
    node = form.node_at(path) or {}
    ticked = value if isinstance(value, dict) else {}
    checks = tuple(
        _check(option, spec, ticked.get(option)) for option, spec in node.get("properties", {}).items()
    )
    groups = tuple((title, len(members)) for title, members in node.get("x-subgroups", {}).items())
    return Cell("checks", checks=checks, columns=int(node.get("x-columns", 2)), subgroups=groups)


def _check(option: str, spec: dict[str, Any], value: Any) -> Check:
    resolved = form.resolve(spec)
    types = resolved.get("type", [])
    counted = "integer" in types
    slot = "string" in types or counted
    detail = "" if value is True or value is None or value is False else str(value)
    checked = value is not None and value is not False
    return Check(option, checked, detail, slot, counted)


def iter_leaves(rows: list[Row]) -> Iterator[Row]:
    """The rows that carry a value."""
    return (r for r in rows if r.cell is not None)
