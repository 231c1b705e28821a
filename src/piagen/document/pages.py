"""The whole printed document of each form: cover, 項目一覧, sections, annexes and 別紙, in form order."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from piagen.document.annex import RECIPIENT_KEYS as RECIPIENT_KEYS  # (read by the Excel import)
from piagen.document.annex import annexes
from piagen.document.layout import Block, Cell, Row, Table, Walker, cell, numbered_name, text_of, with_flags
from piagen.model import form
from piagen.model.fields import entries, get
from piagen.model.form import form_type
from piagen.model.source import json_path

Path = tuple[str | int, ...]

TOC: dict[str, tuple[str, ...]] = {
    "full": (
        "Ⅰ　基本情報",
        "　（別添１） 事務の内容",
        "Ⅱ　特定個人情報ファイルの概要",
        "　（別添２） 特定個人情報ファイル記録項目",
        "Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策",
        "Ⅳ　その他のリスク対策",
        "Ⅴ　開示請求、問合せ",
        "Ⅵ　評価実施手続",
        "　（別添３）　変更箇所",
    ),
    "focused": (
        "Ⅰ　基本情報",
        "Ⅱ　特定個人情報ファイルの概要",
        "Ⅲ　リスク対策",
        "Ⅳ　開示請求、問合せ",
        "Ⅴ　評価実施手続",
        "（別添１） 特定個人情報ファイル記録項目",
        "（別添２）　変更箇所",
    ),
}
TITLES = {
    "full": "特定個人情報保護評価書（全項目評価書）",
    "focused": "特定個人情報保護評価書（重点項目評価書）",
    "basic": "特定個人情報保護評価書（基礎項目評価書）",
}
CHANGE_COLUMNS = ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明")
CHANGE_WIDTHS = (14, 14, 22, 22, 8, 20)


@dataclass(frozen=True)
class Document:
    """One printed assessment: what the templates and the Excel writer display (`edition_mark`: the 提出版's)."""

    form: form.FormType
    heading: str
    stamp: str
    title: str
    organization: str
    published: str
    cover: tuple[Row, ...]
    toc: tuple[str, ...]
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()
    watermark: str = ""
    edition_mark: str = ""

    def toc_links(self) -> tuple[tuple[str, str], ...]:
        """Each 項目一覧 entry with the id of the block it names ("" when none is printed)."""
        return tuple((entry, self._block_id(entry)) for entry in self.toc)

    def _block_id(self, entry: str) -> str:
        wanted = _plain_title(entry)
        return next((b.id for b in self.blocks if _plain_title(b.title).startswith(wanted)), "")


def _plain_title(title: str) -> str:
    """A title compared without spacing or the width of its digits."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", title))


def build(data: dict[str, Any], kind: form.FormType) -> Document:
    """Lay out the model `data` as the official `kind` form."""
    return _Builder(data, kind).document()


# Rows of the 基礎項目評価書 that print another item's value when `basic:` does not state their own.
DERIVED_FROM = {
    "$.basic.task_summary": "$.basic_info.task.description",
    "$.basic.system_names": "$.basic_info.systems",
    "$.basic.file_names": "$.files",
}


def _covers(row_path: str, withheld: str) -> bool:
    """True when the withheld item is this row's item, lies within it, or contains it."""
    if not row_path:
        return False
    paths = {row_path, DERIVED_FROM.get(row_path, row_path)}
    return any(
        p == withheld
        or p.startswith((withheld + ".", withheld + "["))
        or withheld.startswith((p + ".", p + "["))
        for p in paths
    )


def mark_withheld(doc: Document, marked: dict[str, str]) -> Document:
    """The 提出版: label every row (and 別紙 table row) that the 公表版 withholds (json path → reason)."""

    def note(path: str) -> str:
        return "".join(
            f"\n［公表版では非公表：{reason}］" for w, reason in marked.items() if _covers(path, w)
        )

    def mark(row: Row) -> Row:
        extra = note(row.path)
        return replace(row, label=row.label + extra) if extra else row

    def mark_table(table: Table | None) -> Table | None:
        if table is None or not table.paths:
            return table
        rows = tuple(
            (cells[0] + note(path), *cells[1:]) if note(path) else cells
            for cells, path in zip(table.rows, table.paths, strict=True)
        )
        return replace(table, rows=rows)

    blocks = tuple(
        replace(
            b, rows=tuple(mark(r) for r in b.rows), table=mark_table(b.table), text=b.text + note(b.text_path)
        )
        for b in doc.blocks
    )
    return replace(doc, cover=tuple(mark(r) for r in doc.cover), blocks=blocks)


class _Builder:
    """Assembles the blocks of one form from one model."""

    def __init__(self, data: dict[str, Any], kind: form.FormType) -> None:
        self.data = data
        self.kind = kind
        self.walker = Walker(kind)
        self.walker.hooks.update(
            {
                ("basic_info", "task"): self._task,
                ("basic_info", "reasons"): self._file_names_then,
                ("files", -1, "entrustment", "count"): lambda v, p, lvl: [],
                ("files", -1, "entrustment", "status"): self._entrust_status,
                ("files", -1, "provision", "recipients"): self._recipients,
                ("files", -1, "provision", "transferees"): self._recipients,
                ("files", -1, "risks", "entrustment"): self._risk_entrustment,
            }
        )

    def document(self) -> Document:
        version = get(self.data, "form", "basic_version" if self.kind == "basic" else "version")
        if self.kind == "basic" and version is None:  # the 様式2 edition that goes with the model's form
            main = get(self.data, "form", "version")
            version = main if form_type(self.data) == "basic" else form.BASIC_WITH.get(str(main))
        if (self.kind, str(version)) not in form.STAMPS or (
            self.kind != "basic" and get(self.data, "form", "type") != self.kind
        ):
            version = form.DEFAULT_VERSION[self.kind]
        blocks = {"full": self._full, "focused": self._focused, "basic": self._basic}[self.kind]()
        return Document(
            form=self.kind,
            heading=TITLES[self.kind],
            stamp=form.STAMPS[(self.kind, str(version))],
            title=self._title(),
            organization=text_of(get(self.data, "cover", "organization")),
            published=text_of(get(self.data, "cover", "published")),
            cover=self._cover(),
            toc=TOC.get(self.kind, ()),
            blocks=tuple(blocks),
        )

    # ---- shared pieces ----
    def _cover(self) -> tuple[Row, ...]:
        keys = ["number", "title", "declaration", "remarks", "organization", "published"]
        if self.kind == "full":
            keys.append("approved")
        rows = [self._leaf(("cover", k), 0) for k in keys]
        # The 宣言 and 特記事項 are full-width boxes under their label, as in the official cover.
        rows[2:4] = [replace(r, kind="wide") for r in rows[2:4]]
        if self.kind == "basic":
            rows[0] = self._leaf(
                ("basic", "number"),
                0,
                "評価書番号",
                get(self.data, "basic", "number") or get(self.data, "cover", "number"),
                True,
            )
            rows[1] = self._leaf(("basic", "title"), 0, "評価書名", self._title(), True)
        return tuple(rows)

    def _title(self) -> str:
        title = text_of(get(self.data, "cover", "title"))
        if self.kind != "basic":
            return title
        stated = get(self.data, "basic", "title")
        if isinstance(stated, str) and stated.strip():
            return stated
        return title.replace("全項目評価書", "基礎項目評価書").replace("重点項目評価書", "基礎項目評価書")

    def _leaf(
        self, path: Path, level: int, label: str | None = None, value: Any = None, use_value: bool = False
    ) -> Row:
        shown = value if use_value else get(self.data, *path)
        return Row(
            "item", label or form.label(path, self.kind), level, cell(shown, path, self.kind), json_path(path)
        )

    def _section(self, key: str, block_id: str) -> Block:
        path = (key,)
        rows = self.walker.rows(self.data.get(key), path)
        return Block(block_id, form.label(path, self.kind), tuple(rows))

    def _task(self, value: Any, path: Path, level: int) -> list[Row]:
        rows = [Row("heading", form.label(path, self.kind), level, path=json_path(path))]
        rows += self.walker.rows(value, path, level + 1)
        rows.append(self._leaf(("threshold", "people", "band"), level + 1))
        return rows

    def _file_names(self, level: int) -> Row:
        names = [text_of(f.get("name")) for _, f in entries(self.data, "files")]
        shown = (
            names[0]
            if len(names) == 1
            else "\n".join(numbered_name(i, n) for i, n in enumerate(names, start=1))
        )
        label = str((form.node_at(("files",)) or {}).get("x-names-title", ""))
        return Row("item", label, level, Cell("text", shown), "$.files")

    def _file_names_then(self, value: Any, path: Path, level: int) -> list[Row]:
        return [self._file_names(level), *self.walker.object(value, path, level)]

    def _entrust_status(self, value: Any, path: Path, level: int) -> list[Row]:
        count = get(self.data, *path[:-1], "count")
        row = self.walker.leaf(value, path, level)
        suffix = f"（ {text_of(count)} ）件"
        assert row.cell is not None
        return [
            Row(
                row.kind,
                row.label,
                level,
                Cell("choice", row.cell.text, row.cell.options, suffix=suffix, choices=row.cell.choices),
                row.path,
            )
        ]

    def _recipients(self, value: Any, path: Path, level: int) -> list[Row]:
        note = get(
            self.data, *path[:-1], "annex_note", "recipients" if path[-1] == "recipients" else "transferees"
        )
        if isinstance(note, str) and note.strip():
            group = "提供先" if path[-1] == "recipients" else "移転先"
            # The whole list is in a 別紙: 提供先1 carries the reference and the ①～⑦ the form states
            # for the whole list (annex_entry); the other ranges stay collapsed.
            entry: Path = (*path[:-1], "annex_entry", path[-1])
            return [
                Row("group", f"{group}1 {note}", level, path=json_path(path)),
                *self.walker.rows(get(self.data, *entry), entry, level + 1, header="name"),
                *(r for r in self.walker.group([], path, level) if r.label != f"{group}1"),
            ]
        return self.walker.group(value, path, level)

    def _risk_entrustment(self, value: Any, path: Path, level: int) -> list[Row]:
        node = form.node_at(path) or {}
        children = self.walker.rows(value, path, level + 1)
        flags = [r for r in children if r.cell is not None and r.cell.flag]
        heading = Row("heading", form.label(path, self.kind), level, path=json_path(path))
        rows = with_flags(heading, flags)
        for risk in node.get("x-risk-titles", {}).get(self.kind, []):
            rows.append(Row("heading", risk, level + 1, path=json_path(path)))
        return rows + [r for r in children if r not in flags]

    def _file_blocks(self, part: str, block_id: str, title: str) -> list[Block]:
        out = []
        for i, f in entries(self.data, "files"):
            path: Path = ("files", i)
            name_row = Row(
                "item",
                form.title(("files", i, "name"), self.kind),
                0,
                Cell("text", text_of(f.get("name"))),
                json_path((*path, "name")),
            )
            if part == "overview":
                self.walker.skip = frozenset({"name", "record_items", "risks"})
                rows = [name_row, *self.walker.rows(f, path)]
            else:
                self.walker.skip = frozenset()
                rows = [name_row, *self.walker.rows(f.get("risks"), (*path, "risks"))]
            out.append(Block(f"{block_id}-{i + 1}", title, tuple(rows)))
        self.walker.skip = frozenset()
        return out

    def _record_items(self, title: str, block_id: str = "annex2") -> Block:
        rows = []
        for i, f in entries(self.data, "files"):
            label = (
                text_of(f.get("name"))
                if len(self.data.get("files", [])) == 1
                else numbered_name(i + 1, text_of(f.get("name")))
            )
            rows.append(
                Row(
                    "item",
                    label,
                    0,
                    Cell("text", text_of(f.get("record_items"))),
                    json_path(("files", i, "record_items")),
                )
            )
        return Block(block_id, title, tuple(rows))

    def _changes(self, path: Path, title: str, block_id: str) -> Block:
        rows, paths = [], []
        for j, row in entries(self.data, *path):
            rows.append(
                tuple(
                    text_of(row.get(k)) for k in ("date", "item", "before", "after", "timing", "explanation")
                )
            )
            paths.append(json_path((*path, j)))
        return Block(block_id, title, table=Table(CHANGE_COLUMNS, CHANGE_WIDTHS, tuple(rows), tuple(paths)))

    def _flow_pages(self) -> list[Block]:
        out = []
        for i, page in entries(self.data, "annex_flow"):
            path = ("annex_flow", i)
            out.append(
                Block(
                    f"annex1-{i + 1}",
                    "（別添1） 事務の内容",
                    subtitle=text_of(page.get("title")),
                    figure=text_of(page.get("figure")),
                    text=text_of(page.get("figure_text")),
                    text_path=json_path((*path, "figure_text")),
                    note=text_of(page.get("notes")),
                    rows=(
                        Row(
                            "item",
                            form.title(("annex_flow", i, "notes"), "full"),
                            0,
                            Cell("text", text_of(page.get("notes"))),
                            json_path((*path, "notes")),
                        ),
                    ),
                )
            )
        return out or [Block("annex1-1", "（別添1） 事務の内容")]

    # ---- the three forms ----
    def _full(self) -> list[Block]:
        blocks = [self._section("basic_info", "s1"), *self._flow_pages()]
        blocks += self._file_blocks("overview", "s2", "Ⅱ　特定個人情報ファイルの概要")
        blocks.append(self._record_items("（別添２） 特定個人情報ファイル記録項目"))
        blocks += self._file_blocks("risks", "s3", form.label(("files", 0, "risks"), "full"))
        blocks += [
            self._section(k, f"s{n}") for k, n in (("other_measures", 4), ("disclosure", 5), ("procedure", 6))
        ]
        blocks.append(self._changes(("changes",), "（別添３）変更箇所", "annex3"))
        return blocks + annexes(self.data)

    def _focused(self) -> list[Block]:
        blocks = [self._section("basic_info", "s1")]
        blocks += self._file_blocks("overview", "s2", "Ⅱ　特定個人情報ファイルの概要")
        blocks += self._file_blocks("risks", "s3", form.label(("files", 0, "risks"), "focused"))
        other = self.walker.rows(self.data.get("other_measures"), ("other_measures",))
        last = blocks[-1]
        blocks[-1] = Block(last.id, last.title, (*last.rows, *other))
        blocks += [self._section(k, f"s{n}") for k, n in (("disclosure", 4), ("procedure", 5))]
        blocks.append(self._record_items("（別添１） 特定個人情報ファイル記録項目", "annex1"))
        blocks.append(self._changes(("changes",), "（別添２）変更箇所", "annex2"))
        return blocks + annexes(self.data)

    def _basic(self) -> list[Block]:
        from piagen.document.basic import basic_blocks

        return basic_blocks(self.data, self._changes(("basic", "changes"), "変更箇所", "changes"))
