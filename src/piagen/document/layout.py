"""The printed layout of a form section as rows of label and value, shared by HTML, PDF and Excel."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Row:
    """One printed line of a form: a heading, a group header, or a label with its value."""

    kind: RowKind
    label: str
    level: int = 0
    cell: Cell | None = None
    path: str = ""


@dataclass(frozen=True)
class Table:
    """A ruled table (変更箇所, 別紙 lists): column headers, relative widths and text rows."""

    columns: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[tuple[str, ...], ...]
    paths: tuple[str, ...] = ()


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
        return [Row("heading", title, level, path=json_path(path)), *self.rows(value, path, level + 1)]

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
            "choice",
            text_of(value),
            tuple(form.options(path, kind)),
            choices=tuple(form.printed_choices(path, kind)),
        )
    if layout == "checks":
        return checks_cell(value, path)
    if layout == "flag":
        title = str(node.get("title", ""))
        return Cell("checks", checks=(Check(title, bool(value)),), columns=1)
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
