"""The 基礎項目評価書 (様式2): its sections, with values stated in `basic:` or derived from the model."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from piagen import threshold
from piagen.document.layout import Block, Cell, Row, cell, numbered_name, text_of, with_flags
from piagen.model import basic_facts as facts
from piagen.model import form
from piagen.model.basic_facts import FLAG_SOURCES, derived_flag, derived_rating, stated_or
from piagen.model.fields import entries, get
from piagen.model.source import json_path

Path = tuple[str | int, ...]
SUBMITTED = {
    "full": "基礎項目評価書及び全項目評価書",
    "focused": "基礎項目評価書及び重点項目評価書",
    "basic": "基礎項目評価書",
}
NOTE = "2)又は3)を選択した評価実施機関については、それぞれ重点項目評価書又は全項目評価書において、リスク対策の詳細が記載されている。"


def _row(
    data: dict[str, Any],
    path: Path,
    level: int,
    label: str | None = None,
    value: Any = None,
    derived: bool = False,
) -> Row:
    shown = value if derived else get(data, *path)
    return Row("item", label or form.label(path, "basic"), level, cell(shown, path, "basic"), json_path(path))


def _text_row(label: str, text: str, level: int, path: str) -> Row:
    return Row("item", label, level, Cell("text", text), path)


def related(data: dict[str, Any]) -> Block:
    """Ⅰ　関連情報."""
    systems = "、".join(text_of(s.get("name")) for _, s in entries(data, "basic_info", "systems"))
    names = [text_of(f.get("name")) for _, f in entries(data, "files")]
    files = (
        names[0] if len(names) == 1 else "\n".join(numbered_name(i, n) for i, n in enumerate(names, start=1))
    )
    summary = stated_or(data, ("basic", "task_summary"), get(data, "basic_info", "task", "description"))
    rows = [
        Row("heading", form.label(("basic_info", "task"), "basic"), 0),
        _row(data, ("basic_info", "task", "name"), 1),
        _text_row(
            form.title(("basic", "task_summary"), "basic"), text_of(summary), 1, "$.basic.task_summary"
        ),
        _text_row(
            form.title(("basic", "system_names"), "basic"),
            text_of(stated_or(data, ("basic", "system_names"), systems)),
            1,
            "$.basic.system_names",
        ),
        _text_row(
            form.title(("basic", "file_names"), "basic"),
            text_of(stated_or(data, ("basic", "file_names"), files)),
            0,
            "$.basic.file_names",
        ),
        Row("heading", form.label(("basic_info", "mynumber_use"), "basic"), 0),
        _row(data, ("basic_info", "mynumber_use", "legal_basis"), 1),
        Row("heading", form.label(("basic_info", "linkage"), "basic"), 0),
        _row(data, ("basic_info", "linkage", "status"), 1),
        _row(data, ("basic_info", "linkage", "legal_basis"), 1),
        Row("heading", form.label(("basic_info", "department"), "basic"), 0),
        _row(data, ("basic_info", "department", "name"), 1),
        _row(data, ("basic_info", "department", "head_title"), 1),
        _row(data, ("basic_info", "other_bodies"), 0),
        Row("heading", form.label(("disclosure", "request"), "basic"), 0),
        _row(data, ("disclosure", "request", "to"), 1),
        Row("heading", form.label(("disclosure", "inquiry"), "basic"), 0),
        _row(data, ("disclosure", "inquiry", "contact"), 1),
    ]
    return Block("b1", "Ⅰ　関連情報", tuple(rows))


def threshold_items(data: dict[str, Any]) -> Block:
    """Ⅱ　しきい値判断項目."""
    rows = []
    for key in ("people", "handlers"):
        base = ("threshold", key)
        as_of = _row(data, (*base, "as_of"), 1)
        assert as_of.cell is not None
        rows += [
            Row("heading", form.title(base, "basic"), 0),
            _row(data, (*base, "band"), 1, value=facts.value(data, (*base, "band")), derived=True),
            replace(as_of, cell=replace(as_of.cell, suffix="時点")),  # 「令和3年12月31日 時点」
        ]
    incident = ("threshold", "incident", "status")
    rows += [
        Row("heading", form.title(("threshold", "incident"), "basic"), 0),
        _row(data, incident, 1, value=facts.value(data, incident), derived=True),
    ]
    return Block("b2", "Ⅱ　しきい値判断項目", tuple(rows))


def threshold_result(data: dict[str, Any]) -> Block:
    """Ⅲ　しきい値判断結果: as stated, else as decided when the items decide it."""
    value = threshold.basic_result(data)
    row = _text_row("しきい値判断結果", text_of(value), 0, "$.basic.threshold_result")
    return Block(
        "b3", "Ⅲ　しきい値判断結果", (Row("item", row.label, 0, Cell("value", text_of(value)), row.path),)
    )


def risk(data: dict[str, Any]) -> Block:
    """Ⅳ　リスク対策: ratings, flags, 監査 and 教育."""
    base: Path = ("basic", "risk")
    kind = get(data, "form", "type") or "basic"
    rows = [
        _row(
            data,
            (*base, "forms_submitted"),
            0,
            value=stated_or(data, (*base, "forms_submitted"), SUBMITTED.get(kind)),
            derived=True,
        )
    ]
    rows.append(Row("note", NOTE, 0))
    for section in ("acquisition", "use", "entrustment", "provision", "network", "storage"):
        node = form.node_at((*base, section)) or {}
        items = []
        for key in node.get("properties", {}):
            path = (*base, section, key)
            derive = derived_flag if (section, key) in FLAG_SOURCES else derived_rating
            items.append(
                _row(data, path, 1, value=stated_or(data, path, derive(data, (section, key))), derived=True)
            )
        rows += with_flags(Row("heading", form.title((*base, section), "basic"), 0), items)
    rows.append(Row("heading", form.title(("other_measures", "audit_checks"), "basic"), 0))
    audit = ("other_measures", "audit_checks", "done")
    rows.append(_row(data, audit, 1, value=facts.value(data, audit), derived=True))
    rows.append(Row("heading", form.title(("other_measures", "training"), "basic"), 0))
    rows.append(_row(data, ("other_measures", "training", "status"), 1))
    return Block("b4", "Ⅳ　リスク対策", tuple(rows))


def basic_blocks(data: dict[str, Any], changes: Block) -> list[Block]:
    """Every block of the 基礎項目評価書, in printed order."""
    return [related(data), threshold_items(data), threshold_result(data), risk(data), changes]
