"""Shapes of real published documents (docs/model.md): printed entry numbers, a copy without a 様式
stamp, a （　） text without a tick, parts absent from the original, recorded deviations."""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from typing import Any

from piagen import checks
from piagen.diff import compare
from piagen.document import pages
from piagen.document.layout import Row, iter_leaves
from piagen.model import source
from piagen.review import kit
from tests.shared import EXAMPLES

TODAY = dt.date(2025, 2, 1)


@cache
def _kawasaki() -> dict[str, Any]:
    data: dict[str, Any] = source.load(EXAMPLES / "kawasaki-kenko-zoshin.yaml").data
    return data


def kawasaki() -> dict[str, Any]:
    return copy.deepcopy(_kawasaki())


def problems(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [
        (p.path, p.label, p.severity, p.message) for p in checks.validate(source.Document(data, {}, "m.yaml"))
    ]


def rows(data: dict[str, Any], kind: Any = "full") -> list[Row]:
    return [r for b in pages.build(data, kind).blocks for r in b.rows]


def review_ids(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    found = kit.run(source.Document(data, {}, "m.yaml"), None, TODAY)
    return [(f.rule, f.severity, f.label) for f in found if f.rule.startswith("K")]


def test_printed_entry_numbers_label_everything() -> None:
    data = kawasaki()
    systems = data["basic_info"]["systems"]
    systems.append({**systems[0], "id": "second", "name": "第二のシステム"})
    systems[1]["number"] = 6  # the original prints システム1 and システム6 (2–5 were removed)
    groups = [r.label for r in rows(data) if r.kind == "group" and r.label.startswith("システム")]
    assert groups[:3] == ["システム1", "システム6～10", "システム6"]
    assert "システム5" not in groups and "システム2" not in groups
    systems[1]["name"] = None
    (blank,) = [p for p in problems(data) if p[0] == "$.basic_info.systems[1].name"]
    assert blank[1] == "Ⅰ ２．システム6 ①システムの名称"
    old = copy.deepcopy(data)
    old["basic_info"]["systems"][1]["name"] = "第二のシステム"
    new = copy.deepcopy(old)
    new["basic_info"]["systems"][1]["function"] = "変更後の機能"
    (row,) = compare.compare(old, new).changes
    assert row.item.endswith("システム6 ②システムの機能")


def test_a_copy_without_a_stamp() -> None:
    data = kawasaki()
    data["form"] = {"type": "full", "stamp": False}
    assert pages.build(data, "full").stamp == ""
    (warning,) = [p for p in problems(data) if p[0] == "$.form.stamp"]
    assert warning[2:] == (
        "warning",
        "原本に様式の版の印字がありません。R6.10 の様式として検証しました（分かれば form.version に書いてください）。",
    )
    data["cover"]["published"] = "令和3年10月4日"
    assert "H30.5 の様式" in next(p[3] for p in problems(data) if p[0] == "$.form.stamp")
    assert pages.build(kawasaki(), "full").stamp == "[令和６年10月　様式４]"


def test_a_bracket_text_without_a_tick() -> None:
    data = kawasaki()
    data["basic_info"]["systems"][0]["connections"] = {"その他": {"text": "中間サーバー", "ticked": False}}
    assert not [p for p in problems(data) if "connections" in p[0]]
    (cell,) = [r.cell for r in iter_leaves(rows(data)) if r.path == "$.basic_info.systems[0].connections"]
    assert cell is not None
    other = next(c for c in cell.checks if c.text == "その他")
    assert (other.checked, other.detail) == (False, "中間サーバー")
    data["basic_info"]["systems"][0]["connections"] = {"その他": {"text": "x", "ticked": True}}
    assert [p[0] for p in problems(data) if p[2] == "error"] == [
        "$.basic_info.systems[0].connections.その他.ticked"
    ]


def test_parts_absent_from_the_original() -> None:
    data = kawasaki()
    del data["files"][0]["storage"]
    data["original"] = {"absent": ["files.0.storage"]}
    found = problems(data)
    assert not [p for p in found if p[0].startswith("$.files[0].storage")]  # no blank errors: faithful
    assert next(p[:1] + p[2:3] for p in found if "original" in p[0]) == ("$.original.absent[0]", "warning")
    assert not [r for r in rows(data) if r.path.startswith("$.files[0].storage")]
    assert [r for r in rows(kawasaki()) if r.path.startswith("$.files[0].storage")]
    assert review_ids(data) == [("K3", "error", "Ⅱ （１） ６．特定個人情報の保管・消去")]
    data["original"] = {"absent": ["files.0.storage_place"]}
    assert [p[2] for p in problems(data) if p[0] == "$.original.absent[0]"] == ["error"]


def test_recorded_deviations_are_printed_and_reported() -> None:
    data = kawasaki()
    printed = ["1） 1万人未満", "2） 10万人以上100万人未満", "3） 1万人以上10万人未満"]
    data["original"] = {
        "deviations": [
            {"path": "basic_info.reasons", "heading": "４．特定個人情報ファイルを取扱う理由"},
            {"path": "files.0.basic.people", "options": printed},
        ]
    }
    shown = rows(data)
    assert "４．特定個人情報ファイルを取扱う理由" in [
        r.label for r in shown if r.path == "$.basic_info.reasons"
    ]
    (cell,) = [r.cell for r in shown if r.path == "$.files[0].basic.people"]
    assert cell is not None and list(cell.options) == printed
    assert [k[:2] for k in review_ids(data)] == [("K4", "warning"), ("K4", "warning")]
