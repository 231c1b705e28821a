"""Import: a workbook written by piagen (and edited in Excel) back into model data, with its problems."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from piagen.document import pages
from piagen.document.layout import Walker
from piagen.findings import Severity
from piagen.model import change_table, edition, form, source
from piagen.xlsx import assemble, bounds, cells
from piagen.xlsx.lists import SHEET as LISTS_SHEET
from piagen.xlsx.write import CONTINUED, JOINS, KEYS_COLUMN, PATH_COLUMN, entry_of

Path = tuple[str | int, ...]
MAX_BYTES = 50 * 1024 * 1024
TICKS = frozenset({"○", "〇", "◯"})
SKIPPED = frozenset({("files",)})  # Ⅰ３．特定個人情報ファイル名: derived from the files' names
TITLE_PREFIX = {"annex_flow": "（別添1） 事務の内容", "attachments": "別紙"}  # sheet title, then the value
NEW_ROW = 100_000  # index base of 別紙 rows added in Excel: they go after the listed ones
JOINED = {mark: sep for sep, mark in JOINS.items()}
_INT = re.compile(r"0|[1-9][0-9]*")
_COUNT = re.compile(r"（\s*(.*?)\s*）件$")


@dataclass(frozen=True)
class CellProblem:
    """A problem in one cell of the workbook, reported as 「シート名 シートの B14: …」."""

    sheet: str
    cell: str
    severity: Severity
    message: str

    def format(self) -> str:
        where = f"{self.sheet} シートの {self.cell}: " if self.sheet else ""
        return where + ("警告: " if self.severity == "warning" else "") + self.message


@dataclass(frozen=True)
class Imported:
    """The model data read from a workbook, the form it was printed as, and every problem found."""

    data: dict[str, Any]
    kind: form.FormType | None
    problems: tuple[CellProblem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class _Line:
    """One row of a sheet: its values (column 1 first) and where it is."""

    sheet: str
    r: int
    values: tuple[Any, ...]

    def __getitem__(self, col: int) -> Any:
        return self.values[col - 1] if len(self.values) >= col else None

    def ref(self, col: int) -> tuple[str, str]:
        return self.sheet, f"{get_column_letter(col)}{self.r}"


@dataclass
class _Reader:
    """Collects cell values by model path; the same item printed twice must agree."""

    kind: form.FormType
    tree: dict[Any, Any] = field(default_factory=dict)
    got: dict[Path, tuple[Any, tuple[str, str]]] = field(default_factory=dict)
    fallback: dict[Path, Any] = field(default_factory=dict)  # used when no row of its own says otherwise
    problems: list[CellProblem] = field(default_factory=list)
    withheld: bool = False
    last: tuple[Path, int] | None = None  # the text a continuation row adds to, and its column

    def problem(self, at: tuple[str, str], message: str, severity: Severity = "error") -> None:
        self.problems.append(CellProblem(*at, severity, message))

    def put(self, path: Path, value: Any, at: tuple[str, str]) -> None:
        if path in self.got:
            if self.got[path][0] != value:
                other = "{} シートの {}".format(*self.got[path][1])
                self.problem(at, f"同じ項目が {other} にもあり、値が違います。どちらかに揃えてください。")
            return
        self.got[path] = (value, at)
        if value is not None:
            assemble.set_at(self.tree, path, value)

    def extend(self, path: Path, mark: str, raw: Any, at: tuple[str, str]) -> None:
        """A continuation row (mark "n" after a line break, "c" inside a paragraph) adds to `path`."""
        text = cells.text(raw)
        if (
            text is None
            or mark not in "nc"
            or path not in self.got
            or not isinstance(self.got[path][0], str | None)
        ):
            return
        before, where = self.got[path]
        value = f"{before}{JOINED[mark]}{text}" if before is not None else text
        self.got[path] = (value, where)
        assemble.set_at(self.tree, path, value)

    def touch(self, path: Path) -> None:
        """Make the list entries along `path` exist (an entry may hold no values)."""
        last = max((i for i, step in enumerate(path) if isinstance(step, int)), default=-1)
        node = self.tree
        for step in path[: last + 1]:
            node = node.setdefault(step, {})

    def hidden(self, line: _Line, col: int, entry: Path) -> None:
        """The entry's unprinted keys (id …), written by piagen as JSON in a hidden column."""
        if line[col] in (None, "") or not entry:
            return
        try:
            keys = json.loads(str(line[col]))
        except ValueError:
            keys = None
        if not isinstance(keys, dict):
            self.problem(
                line.ref(col), "隠し列の識別子（id など）を読めません。この列は編集しないでください。"
            )
            return
        for key, value in keys.items():
            self.put((*entry, key), value, line.ref(col))


def read(content: bytes) -> Imported:
    """The model in a piagen workbook (.xlsx bytes), with problems named by sheet and cell."""
    if len(content) > MAX_BYTES:
        return _failed(f"ファイルが大きすぎます（{len(content):,} バイト、上限 {MAX_BYTES:,} バイト）。")
    try:
        read_in, warned = bounds.read_sheets(content)
    except bounds.Unreadable as exc:
        return _failed(exc.reason)
    sheets = [
        [_Line(sh.title, r, v) for r, v in enumerate(sh.rows, start=1)]
        for sh in read_in
        if sh.title != LISTS_SHEET
    ]
    kind, version = cells.stamp_of(sheets[0][0] if sheets and sheets[0] else _Line("", 1, ()))
    if kind is None:
        return _failed("piagen が出力した評価書の Excel ではありません（表紙 A1 に様式の表示がありません）。")
    if any(line[1] == edition.MARKER_NOTE for line in sheets[0]):
        return _failed(
            "公表版の Excel からは取り込めません（非公表部分が【非公表】に置き換わっています）。提出版を使ってください。"
        )
    reader = _Reader(kind)
    if warned:
        reader.problem(
            ("", ""), "ブックの一部（piagen が書かない拡張機能など）は読み飛ばしました。", "warning"
        )
    firsts = [str(lines[0][1] or "") for lines in sheets[1:] if lines]
    for title in bounds.missing_sheets(kind, firsts) + bounds.missing_file_sheets(kind, read_in):
        reader.problem(
            ("", ""),
            f"「{title}」のシートがありません（削除されたようです）。元の Excel からシートを戻してください。",
        )
    for lines in sheets:
        if len(lines) > 1 and _table_keys(lines[1]):
            _table(reader, lines)
        else:
            for line in lines:
                _form_row(reader, line)
    data = _assemble(reader, version)
    size = len(source.dump(data).encode("utf-8"))
    if size > source.MAX_BYTES:
        return _failed(
            f"取り込んだモデルが大きすぎます（{size:,} バイト、上限 {source.MAX_BYTES:,} バイト）。"
        )
    return Imported(data, kind, tuple(reader.problems))


def _failed(message: str) -> Imported:
    return Imported({}, None, (CellProblem("", "", "error", message),))


# ---- label/value sheets ----
def _form_row(reader: _Reader, line: _Line) -> None:
    raw = line[PATH_COLUMN]
    if isinstance(raw, str) and raw.startswith(CONTINUED) and reader.last:
        path, col = reader.last
        reader.extend(path, raw[len(CONTINUED) :], line[col], line.ref(col))
        return
    if not isinstance(raw, str) or not raw.startswith("$"):
        return
    reader.withheld |= cells.WITHHELD_LABEL in str(line[1] or "")
    parsed = cells.parse_path(raw)
    node = form.node_at(parsed[0]) if parsed and bounds.printed(parsed[0]) else None
    if parsed is None or node is None:
        reader.problem(line.ref(PATH_COLUMN), cells.bad_path(raw))
        return
    path, option = parsed
    if path in SKIPPED:
        return
    reader.touch(path)
    entry = cells.parse_path(entry_of(raw))
    reader.hidden(line, KEYS_COLUMN, entry[0] if entry else ())
    if isinstance(path[-1], int):
        _header(reader, path, line, (form.node_at(path[:-1]) or {}).get("x-group"))
    elif node.get("type") == "array":
        _list_note(reader, path, line, node.get("x-group"))
    elif option is not None or node.get("x-layout") in ("checks", "flag"):
        _check(reader, line, path, option, node)
    elif "properties" not in node:
        _leaf(reader, line, path, node)


def _header(reader: _Reader, path: Path, line: _Line, group: Any) -> None:
    """An entry's header 「委託事項1 …」「提供先3 市町村長」 carries its title or name."""
    keys = (form.node_at(path) or {}).get("properties", {})
    key = "title" if "title" in keys else "name"
    prefix = f"{group}{int(path[-1]) + 1} "
    if group and key in keys and cells.label(line[1]).startswith(prefix):
        reader.fallback[(*path, key)] = cells.label(line[1])[len(prefix) :]


def _list_note(reader: _Reader, path: Path, line: _Line, group: Any) -> None:
    """「提供先1 番号法別表第２に定める…（別紙１参照）」: the list is all in a 別紙; this is the note."""
    note: Path = (*path[:-1], "annex_note", str(path[-1]))
    if form.node_at(note) is not None and cells.label(line[1]).startswith(f"{group}1 "):
        reader.fallback[note] = cells.label(line[1])[len(f"{group}1 ") :]


def _leaf(reader: _Reader, line: _Line, path: Path, node: dict[str, Any]) -> None:
    col = 1 if line.r == 1 or _is_wide(path, reader.kind) else 2
    raw = line[col]
    if line.r == 1 and path[0] in TITLE_PREFIX:  # 「（別添1） 事務の内容　頁の表題」
        prefix = TITLE_PREFIX[str(path[0])]
        raw = str(raw)[len(prefix) :].lstrip("　 ") if str(raw).startswith(prefix) else raw
    reader.put(path, _value(reader, line.ref(col), raw, path, node), line.ref(col))
    reader.last = (path, col)
    count = _COUNT.search(str(line[3] or ""))
    if count and "count" in (form.node_at(path[:-1]) or {}).get("properties", {}):  # 委託 「（ 3 ）件」
        number = count.group(1)
        if number and not _INT.fullmatch(number):
            reader.problem(line.ref(3), f"「（ {number} ）件」の件数は数字で書いてください。")
            return
        reader.put((*path[:-1], "count"), int(number) if number else None, line.ref(3))


def _is_wide(path: Path, kind: form.FormType) -> bool:
    """Rows printed across the sheet, value in column A: リスクに対する措置, an annex page's text."""
    if path[0] in TITLE_PREFIX and path[-1] in ("figure_text", "text"):
        return True
    return Walker(kind).leaf(None, path, 0).kind == "wide"


def _value(reader: _Reader, at: tuple[str, str], raw: Any, path: Path, node: dict[str, Any]) -> Any:
    """A cell's text as the model value: one of the options, an integer where the schema says so."""
    text = cells.text(raw)
    if text is None:
        return None
    allowed = [v for v in node.get("enum", []) if v is not None]
    text = form.as_value(text, path) if allowed else text
    name = form.title(path, reader.kind) or str(path[-1])
    if allowed and text not in allowed:
        shown = "、".join(f"{i}) {v}" for i, v in enumerate(allowed, start=1))
        reader.problem(at, f"「{name}」の「{text}」は選択肢にありません。選択肢から選んでください: {shown}")
        return None
    types = node.get("type", [])
    if "integer" in types and _INT.fullmatch(text):
        return int(text)
    if "integer" in types and "string" not in types:
        reader.problem(at, f"「{name}」には数字を書いてください（いまは「{text}」）。")
        return None
    return text


def _check(reader: _Reader, line: _Line, path: Path, option: str | None, node: dict[str, Any]) -> None:
    """One checkbox: ○ in column B, the text or count of its （　） in column C."""
    tick, detail = cells.text(line[2]), cells.text(line[3])
    if tick is not None and tick.strip() not in TICKS:
        reader.problem(line.ref(2), f"○ を付けるか空欄にしてください（いまは「{tick}」）。")
        return
    if node.get("x-layout") == "flag" and option is None:
        reader.put(path, True if tick else None, line.ref(2))
        return
    options: dict[str, Any] = node.get("properties", {})
    if option is None and len(options) == 1:
        option = next(iter(options))
    if option is None or option not in options:
        reader.problem(line.ref(PATH_COLUMN), cells.bad_path(line[PATH_COLUMN]))
        return
    if detail is not None and not tick:
        reader.problem(line.ref(3), f"「{option}」に記入がありますが、B 列に ○ がありません。")
        return
    value = _ticked(reader, line, option, form.resolve(options[option]), detail) if tick else None
    reader.put((*path, option), value, line.ref(2))


def _ticked(reader: _Reader, line: _Line, option: str, spec: dict[str, Any], detail: str | None) -> Any:
    """A ticked option: true, or what its （　） holds (a count where the form asks for one)."""
    types = spec.get("type", [])
    if detail is None:
        return True
    if "integer" in types and _INT.fullmatch(detail):
        return int(detail)
    if "string" in types:
        return detail
    wanted = "件数（数字）" if "integer" in types else "記入"
    reader.problem(line.ref(3), f"「{option}」の（　）には{wanted}だけを書けます（いまは「{detail}」）。")
    return True


# ---- tables: 変更箇所 and the 別紙 lists of 提供先・移転先 ----
def _table_keys(head: _Line) -> tuple[str, ...]:
    """The model keys of a table's columns, from its header row ("" for the derived 番号)."""
    if head.values[: len(change_table.headings())] == change_table.headings():
        return change_table.fields()
    return ("", *pages.RECIPIENT_KEYS) if head[1] == "番号" else ()


def _table(reader: _Reader, lines: list[_Line]) -> None:
    """Rows in order; a row added at the end (no hidden path) is a new entry, a cleared row is gone."""
    keys = _table_keys(lines[1])
    width = len(keys)
    listed = cells.parse_path(lines[1][width + 1]) if lines[1][width + 1] else None
    base = listed[0] if listed else (("basic", "changes") if reader.kind == "basic" else ("changes",))
    added = 0
    entry: Path = ()
    for line in lines[2:]:
        if all(cells.text(line[c]) is None for c in range(1, width + 1)):
            continue
        raw = line[width + 1]
        if isinstance(raw, str) and raw.startswith(CONTINUED) and entry:
            for col, (key, mark) in enumerate(zip(keys, raw[len(CONTINUED) :], strict=False), start=1):
                if key:
                    reader.extend((*entry, key), mark, line[col], line.ref(col))
            continue
        at = cells.parse_path(raw) if raw else None
        if raw and (
            at is None or at[0][:-1] != base or form.node_at(at[0]) is None or not bounds.printed(at[0])
        ):
            reader.problem(line.ref(width + 1), cells.bad_path(raw))
            continue
        changes = keys[0] == "date"  # 変更箇所 rows keep the sheet's order
        entry = (*base, line.r if changes or at is None else int(at[0][-1]))
        if at is None and not changes:
            entry, added = (*base, NEW_ROW + added), added + 1
        reader.touch(entry)
        reader.hidden(line, width + 2, entry)
        for col, key in enumerate(keys, start=1):
            if key:
                _table_cell(reader, line, col, (*entry, key))


def _table_cell(reader: _Reader, line: _Line, col: int, path: Path) -> None:
    node = form.node_at(path) or {}
    if node.get("x-layout") != "checks":
        reader.put(path, _value(reader, line.ref(col), line[col], path, node), line.ref(col))
        return
    text = cells.text(line[col])
    ticked = cells.parse_checks(text, list(node.get("properties", {}))) if text else {}
    if ticked is None:
        options = "、".join(node.get("properties", {}))
        reader.problem(
            line.ref(col),
            f"「{text}」を読めません。選択肢（{options}）を「、」で区切り、記入は（　）に書いてください。",
        )
        return
    reader.put(path, ticked or None, line.ref(col))


# ---- assembly ----
def _assemble(reader: _Reader, version: str) -> dict[str, Any]:
    for path, value in reader.fallback.items():
        if path not in reader.got and value:
            assemble.set_at(reader.tree, path, value)
    body = assemble.finish(reader.tree, ())
    ids = assemble.add_ids(body, ())
    if ids:
        reader.problem(
            ("", ""),
            f"識別子（id）が記録されていない項目が{len(ids)}件あり、{ids[0]} などの id を付けました。"
            "前の版と比べる（piagen diff）ときは、元のモデルの id に直してください。",
            "warning",
        )
    if reader.withheld:
        reader.problem(
            ("", ""),
            "非公表とする項目（withheld）は Excel から取り込めません。元のモデルの withheld: を写してください。",
            "warning",
        )
    key = "basic_version" if reader.kind == "basic" else "version"
    data = {"piagen": 1, "form": {"type": reader.kind, key: version}, "cover": {}, **body}
    if reader.kind == "basic":
        assemble.drop_derived(data)
    return data
