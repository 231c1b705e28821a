"""Import: a workbook written by piagen (and edited in Excel) back into model data, with its problems."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from piagen import dates, edition, form, pages
from piagen.errors import Severity
from piagen.layout import Walker, text_of
from piagen.source import json_path
from piagen.xlsx import KEYS_COLUMN, PATH_COLUMN, entry_of

Path = tuple[str | int, ...]
Rows = list[tuple[Any, ...]]
MAX_BYTES = 50 * 1024 * 1024
TICKS = frozenset({"○", "〇", "◯"})
WITHHELD_LABEL = "［公表版では非公表："
_STEP = re.compile(r"\.([^.\[#]+)|\[(\d+)\]")
_INT = re.compile(r"0|[1-9][0-9]*")
_COUNT = re.compile(r"（\s*(.*?)\s*）件$")
# Display-only rows: the list of file names in Ⅰ３ is derived from the files' own names.
SKIPPED = frozenset({("files",)})
# Sheet titles that carry a value after a fixed heading: (list, key) → heading.
TITLE_PREFIX = {"annex_flow": "（別添1） 事務の内容", "attachments": "別紙"}
ID_STEMS = {"systems": "system", "files": "file", "annex_flow": "page", "attachments": "attachment"}
NEW_ROW = 100_000  # index base of table rows added in Excel (they go after the listed ones)


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


@dataclass
class _Reader:
    """Collects cell values by model path, then assembles the model."""

    kind: form.FormType
    tree: dict[Any, Any] = field(default_factory=dict)
    got: dict[Path, tuple[Any, str, str]] = field(default_factory=dict)  # path → (value, sheet, cell)
    fallback: dict[Path, Any] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)
    withheld: bool = False

    def problem(self, sheet: str, cell: str, message: str, severity: Severity = "error") -> None:
        self.problems.append(CellProblem(sheet, cell, severity, message))

    def put(self, path: Path, value: Any, sheet: str, cell: str) -> None:
        """Set a value (None: left empty); the same item printed twice must agree."""
        if path in self.got:
            before, other, at = self.got[path]
            if before != value:
                self.problem(
                    sheet,
                    cell,
                    f"同じ項目が {other} シートの {at} にもあり、値が違います。どちらかに揃えてください。",
                )
            return
        self.got[path] = (value, sheet, cell)
        if value is not None:
            _set(self.tree, path, value)

    def touch(self, path: Path) -> None:
        """Make the list entries along `path` exist (an entry may have no values)."""
        last = max((i for i, step in enumerate(path) if isinstance(step, int)), default=-1)
        node = self.tree
        for step in path[: last + 1]:
            node = node.setdefault(step, {})

    def hidden(self, raw: Any, entry: Path, sheet: str, cell: str) -> None:
        if raw in (None, "") or not entry:
            return
        try:
            keys = json.loads(str(raw))
        except ValueError:
            keys = None
        if not isinstance(keys, dict):
            self.problem(sheet, cell, "隠し列の識別子（id など）を読めません。この列は編集しないでください。")
            return
        for key, value in keys.items():
            self.put((*entry, key), value, sheet, cell)


def read(content: bytes) -> Imported:
    """The model in a piagen workbook (.xlsx bytes), with problems named by sheet and cell."""
    if len(content) > MAX_BYTES:
        return _failed(f"ファイルが大きすぎます（{len(content):,} バイト、上限 {MAX_BYTES:,} バイト）。")
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        return _failed("Excel ブック（.xlsx）として読めません。piagen が出力した Excel を指定してください。")
    try:
        sheets = [(ws.title, [tuple(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    finally:
        wb.close()
    kind, version = _stamp(sheets)
    if kind is None:
        return _failed("piagen が出力した評価書の Excel ではありません（表紙 A1 に様式の表示がありません）。")
    if any(r and r[0] == edition.MARKER_NOTE for r in sheets[0][1]):
        return _failed(
            "公表版の Excel からは取り込めません（非公表部分が【非公表】に置き換わっています）。提出版を使ってください。"
        )
    reader = _Reader(kind)
    for name, rows in sheets:
        if _is_table(rows):
            _table(reader, name, rows)
        else:
            for r, row in enumerate(rows, start=1):
                _form_row(reader, name, r, row)
    data = _assemble(reader, version)
    return Imported(data, kind, tuple(reader.problems))


def _failed(message: str) -> Imported:
    return Imported({}, None, (CellProblem("", "", "error", message),))


def _stamp(sheets: list[tuple[str, Rows]]) -> tuple[form.FormType | None, str]:
    """The form and its version, from the cover's 「[令和６年10月　様式４]　…」."""
    first = sheets[0][1] if sheets and sheets[0][1] else [()]
    head = str(first[0][0]) if first[0] and first[0][0] else ""
    for (kind, version), stamp in form.STAMPS.items():
        if head == f"{stamp}　{pages.TITLES[kind]}":
            return kind, version  # type: ignore[return-value]
    return None, ""


def _at(row: tuple[Any, ...], col: int) -> Any:
    return row[col - 1] if len(row) >= col else None


def _parse_path(raw: str) -> tuple[Path, str | None] | None:
    """`$.files[0].sources#その他` → (("files", 0, "sources"), "その他"); None when malformed."""
    body, _, option = raw.partition("#")
    steps = _STEP.findall(body[1:])
    if not body.startswith("$") or "".join(f".{k}" if k else f"[{i}]" for k, i in steps) != body[1:]:
        return None
    path: Path = tuple(k if k else int(i) for k, i in steps)
    return path, (option or None)


def _text(raw: Any) -> str | None:
    """A cell's value as model text (None when empty); numbers and dates typed in Excel become text."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime | dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        era, year = dates.to_era(day)
        return f"{dates.era_text(era, year)}{day.month}月{day.day}日"
    return str(raw)


def _label(raw: Any) -> str:
    """A printed label without its indent and the 提出版's 「［公表版では非公表：…］」 line."""
    return str(raw or "").split("\n" + WITHHELD_LABEL)[0].lstrip("　")


# ---- label/value sheets ----
def _form_row(reader: _Reader, sheet: str, r: int, row: tuple[Any, ...]) -> None:
    raw = _at(row, PATH_COLUMN)
    if not isinstance(raw, str) or not raw.startswith("$"):
        return
    if WITHHELD_LABEL in str(_at(row, 1) or ""):
        reader.withheld = True
    parsed = _parse_path(raw)
    node = form.node_at(parsed[0]) if parsed else None
    if parsed is None or node is None:
        reader.problem(sheet, f"D{r}", _bad_path(raw))
        return
    path, option = parsed
    entry = _entry(raw)
    if path in SKIPPED:
        return
    reader.touch(path)
    reader.hidden(_at(row, KEYS_COLUMN), entry, sheet, f"E{r}")
    if isinstance(path[-1], int):
        _header(reader, path, row)
    elif node.get("type") == "array":
        _list_header(reader, path, node, row)
    elif option is not None or node.get("x-layout") in ("checks", "flag"):
        _check(reader, sheet, r, row, path, option, node)
    elif "properties" not in node:
        _leaf(reader, sheet, r, row, path, node)


def _entry(raw: str) -> Path:
    parsed = _parse_path(entry_of(raw)) if entry_of(raw) else None
    return parsed[0] if parsed else ()


def _bad_path(raw: str) -> str:
    return f"隠し列 D の項目のパス「{raw}」は様式にありません。行を追加・削除・移動せず、値の列だけを編集してください。"


def _header(reader: _Reader, path: Path, row: tuple[Any, ...]) -> None:
    """An entry's header 「提供先3 市町村長」 carries its title or name (a row of its own, if any, wins)."""
    group = (form.node_at(path[:-1]) or {}).get("x-group")
    label = _label(_at(row, 1))
    prefix = f"{group}{int(path[-1]) + 1} "
    keys = (form.node_at(path) or {}).get("properties", {})
    key = "title" if "title" in keys else "name"
    if group and label.startswith(prefix) and key in keys:
        reader.fallback[(*path, key)] = label[len(prefix) :]


def _list_header(reader: _Reader, path: Path, node: dict[str, Any], row: tuple[Any, ...]) -> None:
    """「提供先1 （別紙１参照）」: the whole list is in a 別紙 and this is the form's note."""
    prefix = f"{node.get('x-group')}1 "
    label = _label(_at(row, 1))
    note: Path = (*path[:-1], "annex_note", str(path[-1]))
    if label.startswith(prefix) and form.node_at(note) is not None:
        reader.fallback[note] = label[len(prefix) :]


def _leaf(
    reader: _Reader, sheet: str, r: int, row: tuple[Any, ...], path: Path, node: dict[str, Any]
) -> None:
    column = 1 if _is_wide(path, reader.kind) or r == 1 else 2
    raw = _at(row, column)
    if r == 1 and path[0] in TITLE_PREFIX:  # 「（別添1） 事務の内容　頁の表題」
        raw = _strip_title(str(raw or ""), TITLE_PREFIX[str(path[0])])
    where = f"{get_column_letter(column)}{r}"
    reader.put(path, _value(reader, sheet, where, raw, path, node), sheet, where)
    count = _COUNT.search(str(_at(row, 3) or ""))
    parent = form.node_at(path[:-1]) or {}
    if count and "count" in parent.get("properties", {}):  # 委託の有無 「（ 3 ）件」
        number = count.group(1)
        if number and not _INT.fullmatch(number):
            reader.problem(sheet, f"C{r}", f"「（ {number} ）件」の件数は数字で書いてください。")
            number = ""
        reader.put((*path[:-1], "count"), int(number) if number else None, sheet, f"C{r}")


def _strip_title(text: str, prefix: str) -> str:
    return text[len(prefix) :].lstrip("　 ") if text.startswith(prefix) else text


def _is_wide(path: Path, kind: form.FormType) -> bool:
    """Rows printed across the sheet (value in column A): リスクに対する措置, an annex's text."""
    if path[0] in TITLE_PREFIX and path[-1] in ("figure_text", "text"):
        return True
    return Walker(kind).leaf(None, path, 0).kind == "wide"


def _value(reader: _Reader, sheet: str, where: str, raw: Any, path: Path, node: dict[str, Any]) -> Any:
    """A cell's text as the model value: an allowed option, an integer where the schema says so."""
    text = _text(raw)
    if text is None:
        return None
    allowed = [v for v in node.get("enum", []) if v is not None]
    name = form.title(path, reader.kind) or str(path[-1])
    if allowed and text not in allowed:
        shown = "、".join(f"{i}) {v}" for i, v in enumerate(allowed, start=1))
        reader.problem(
            sheet, where, f"「{name}」の「{text}」は選択肢にありません。選択肢から選んでください: {shown}"
        )
        return None
    types = node.get("type", [])
    types = types if isinstance(types, list) else [types]
    if "integer" in types and _INT.fullmatch(text):
        return int(text)
    if "integer" in types and "string" not in types:
        reader.problem(sheet, where, f"「{name}」には数字を書いてください（いまは「{text}」）。")
        return None
    return text


def _check(
    reader: _Reader,
    sheet: str,
    r: int,
    row: tuple[Any, ...],
    path: Path,
    option: str | None,
    node: dict[str, Any],
) -> None:
    """One checkbox row: ○ in column B, the text or count of its （　） in column C."""
    tick = _text(_at(row, 2))
    detail = _text(_at(row, 3))
    if tick is not None and tick.strip() not in TICKS:
        reader.problem(sheet, f"B{r}", f"○ を付けるか空欄にしてください（いまは「{tick}」）。")
        return
    if node.get("x-layout") == "flag" and option is None:
        reader.put(path, True if tick else None, sheet, f"B{r}")
        return
    options = node.get("properties", {})
    option = option if option is not None else (next(iter(options)) if len(options) == 1 else None)
    if option not in options:
        reader.problem(sheet, f"D{r}", _bad_path(str(_at(row, PATH_COLUMN))))
        return
    spec = form.resolve(options[option])
    if detail is not None and not tick:
        reader.problem(sheet, f"C{r}", f"「{option}」に記入がありますが、B 列に ○ がありません。")
        return
    reader.put(
        (*path, option),
        _ticked(reader, sheet, f"C{r}", option, spec, detail) if tick else None,
        sheet,
        f"B{r}",
    )


def _ticked(
    reader: _Reader, sheet: str, cell: str, option: str, spec: dict[str, Any], detail: str | None
) -> Any:
    """A ticked option's value: true, or what its （　） holds (a count where the form asks for one)."""
    types = spec.get("type", [])
    if detail is None:
        return True
    if "integer" in types and _INT.fullmatch(detail):
        return int(detail)
    if "string" in types:
        return detail
    wanted = "件数（数字）" if "integer" in types else "記入"
    reader.problem(sheet, cell, f"「{option}」の（　）には{wanted}だけを書けます（いまは「{detail}」）。")
    return True


# ---- tables: 変更箇所 and the 別紙 lists of 提供先・移転先 ----
def _is_table(rows: Rows) -> bool:
    head = tuple(rows[1]) if len(rows) > 1 else ()
    return head[: len(pages.CHANGE_COLUMNS)] == pages.CHANGE_COLUMNS or (bool(head) and head[0] == "番号")


def _table(reader: _Reader, sheet: str, rows: Rows) -> None:
    head = [h for h in rows[1] if h is not None]
    changes = tuple(head[: len(pages.CHANGE_COLUMNS)]) == pages.CHANGE_COLUMNS
    width = len(pages.CHANGE_COLUMNS) if changes else 1 + len(pages.RECIPIENT_KEYS)
    keys = (
        ("date", "item", "before", "after", "timing", "explanation")
        if changes
        else ("", *pages.RECIPIENT_KEYS)
    )
    listed = _at(rows[1], width + 1)
    parsed = _parse_path(listed) if isinstance(listed, str) else None
    base: Path = parsed[0] if parsed else (("basic", "changes") if reader.kind == "basic" else ("changes",))
    added = 0
    for r, row in enumerate(rows[2:], start=3):
        if all(_text(c) is None for c in row[:width]):
            continue  # a cleared row is a deleted row
        raw = _at(row, width + 1)
        at = _parse_path(raw) if isinstance(raw, str) and raw else None
        if raw and (at is None or at[0][:-1] != base or form.node_at(at[0]) is None):
            reader.problem(sheet, f"{get_column_letter(width + 1)}{r}", _bad_path(str(raw)))
            continue
        index = r if changes else (int(at[0][-1]) if at else NEW_ROW + added)  # changes keep row order
        added += at is None
        entry: Path = (*base, index)
        reader.touch(entry)
        reader.hidden(_at(row, width + 2), entry, sheet, f"{get_column_letter(width + 2)}{r}")
        for col, key in enumerate(keys, start=1):
            if key:
                _table_cell(reader, sheet, r, col, (*entry, key), _at(row, col))


def _table_cell(reader: _Reader, sheet: str, r: int, col: int, path: Path, raw: Any) -> None:
    node = form.node_at(path) or {}
    where = f"{get_column_letter(col)}{r}"
    if node.get("x-layout") != "checks":
        reader.put(path, _value(reader, sheet, where, raw, path, node), sheet, where)
        return
    text = _text(raw)
    ticked = _parse_checks(text, list(node.get("properties", {}))) if text else {}
    if ticked is None:
        options = "、".join(node.get("properties", {}))
        reader.problem(
            sheet,
            where,
            f"「{text}」を読めません。選択肢（{options}）を「、」で区切り、記入は（　）に書いてください。",
        )
        return
    reader.put(path, ticked or None, sheet, where)


def _parse_checks(text: str, options: list[str]) -> dict[str, Any] | None:
    """「専用線、その他（中間サーバー）」 → {専用線: true, その他: 中間サーバー}; None when unreadable."""
    out: dict[str, Any] = {}
    rest = text
    longest = sorted(options, key=len, reverse=True)
    while rest:
        option = next((o for o in longest if rest.startswith(o)), None)
        if option is None:
            return None
        rest = rest[len(option) :]
        out[option] = True
        if rest.startswith("（"):
            depth = 0
            for i, ch in enumerate(rest):
                depth += {"（": 1, "）": -1}.get(ch, 0)
                if depth == 0:
                    out[option], rest = rest[1:i], rest[i + 1 :]
                    break
            else:
                return None
        if rest.startswith("、"):
            rest = rest[1:]
        elif rest:
            return None
    return out


# ---- assembly ----
def _assemble(reader: _Reader, version: str) -> dict[str, Any]:
    for path, value in reader.fallback.items():
        if path not in reader.got and value:
            _set(reader.tree, path, value)
    body = _finish(reader.tree, ())
    assert isinstance(body, dict)
    ids = _add_ids(body, ())
    if ids:
        reader.problem(
            "",
            "",
            f"識別子（id）が記録されていない項目が{len(ids)}件あり、{ids[0]} などの id を付けました。"
            "前の版と比べる（piagen diff）ときは、元のモデルの id に直してください。",
            "warning",
        )
    if reader.withheld:
        reader.problem(
            "",
            "",
            "非公表とする項目（withheld）は Excel から取り込めません。元のモデルの withheld: を写してください。",
            "warning",
        )
    key = "basic_version" if reader.kind == "basic" else "version"
    data = {"piagen": 1, "form": {"type": reader.kind, key: version}, "cover": {}, **body}
    if reader.kind == "basic":
        _drop_derived(data)
    return data


def _set(tree: dict[Any, Any], path: Path, value: Any) -> None:
    node = tree
    for step in path[:-1]:
        node = node.setdefault(step, {})
    node[path[-1]] = value


def _finish(node: Any, path: Path) -> Any:
    """Int-keyed mappings become lists; keys follow the schema's order; empty mappings go."""
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(k, int) for k in node):
        return [_finish(node[k], (*path, i)) for i, k in enumerate(sorted(node))]
    order = list((form.node_at(path) or {}).get("properties", {}))
    out: dict[str, Any] = {}
    for key in sorted(node, key=lambda k: order.index(k) if k in order else len(order)):
        value = _finish(node[key], (*path, key))
        if value != {}:
            out[key] = value
    return out


def _add_ids(node: Any, path: Path) -> list[str]:
    """Give list entries that need an id and have none one like `system-2`; the ids given."""
    given: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            given += _add_ids(value, (*path, key))
    elif isinstance(node, list):
        items = form.node_at((*path, 0)) or {}
        taken = {e.get("id") for e in node if isinstance(e, dict)}
        stem = ID_STEMS.get(str(path[-1]), str(path[-1]).rstrip("s"))
        for i, entry in enumerate(node):
            if isinstance(entry, dict) and "id" in items.get("properties", {}) and "id" not in entry:
                new, n = f"{stem}-{i + 1}", 2
                while new in taken:
                    new, n = f"{stem}-{i + 1}-{n}", n + 1
                taken.add(new)
                node[i] = {"id": new, **entry}
                given.append(new)
            given += _add_ids(node[i], (*path, i))
    return given


def _drop_derived(data: dict[str, Any]) -> None:
    """A 基礎項目評価書 prints `basic.*` as stated or as derived from the rest: keep only what differs."""
    basic = data.get("basic")
    if not isinstance(basic, dict):
        return
    trial = copy.deepcopy(data)
    trial["basic"] = {k: v for k, v in basic.items() if k == "changes"}
    doc = pages.build(trial, "basic")
    shown = {row.path: row for row in (*doc.cover, *(r for b in doc.blocks for r in b.rows)) if row.cell}
    for path, value in _leaves(basic, ("basic",)):
        row = shown.get(json_path(path))
        if row is None or row.cell is None:
            continue
        derived: Any = row.cell.checks[0].checked if row.cell.checks else row.cell.text
        if derived == (bool(value) if row.cell.checks else text_of(value)):
            _remove(data, path)
    if data.get("basic") == {}:
        del data["basic"]


def _leaves(node: dict[str, Any], path: Path) -> list[tuple[Path, Any]]:
    out: list[tuple[Path, Any]] = []
    for key, value in node.items():
        if isinstance(value, dict):
            out += _leaves(value, (*path, key))
        elif key != "changes":
            out.append(((*path, key), value))
    return out


def _remove(data: dict[str, Any], path: Path) -> None:
    """Delete `path` and the mappings it leaves empty."""
    parents = [data]
    for step in path[:-1]:
        parents.append(parents[-1][step])
    del parents[-1][path[-1]]
    for parent, step in zip(reversed(parents[:-1]), reversed(path[:-1]), strict=True):
        if parent[step] == {}:
            del parent[step]
