"""The editor schema (`piagen schema`): a label and guidance on every property, a date pattern that
accepts exactly the dates piagen reads, and `!include` accepted where a list or mapping may be."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from piagen.model import dates, editor, form, source
from tests.shared import example_models


def _properties(node: Any) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            found.extend((k, v) for k, v in props.items() if isinstance(v, dict))
        for key, value in node.items():
            if not str(key).startswith("x-"):
                found.extend(_properties(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_properties(value))
    return found


def test_every_property_has_its_label_and_guidance() -> None:
    schema = json.loads(editor.schema_json())
    props = _properties(schema)
    assert len(props) > 400
    for key, node in props:
        assert node.get("title"), key
        assert node["markdownDescription"].startswith(f"**{node['title']}**"), key
        assert node["description"].startswith(node["title"]), key
    # the validation schema itself is unchanged
    assert "markdownDescription" not in json.dumps(form.schema(), ensure_ascii=False)


def test_a_property_reads_as_the_form_prints_it() -> None:
    node = json.loads(editor.schema_json())["properties"]["cover"]["properties"]["published"]
    assert node["title"] == "公表日"
    assert node["markdownDescription"] == (
        "**公表日**\n\n和暦の日付（例：令和7年1月20日、平成２８年４月、令和4年12月（予定））。\n\n"
        "印字する様式: 全項目評価書・重点項目評価書・基礎項目評価書"
    )


def _date_values(node: Any, path: tuple[str | int, ...] = ()) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_date_values(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_date_values(value, (*path, i)))
    elif isinstance(node, str) and (form.node_at(path) or {}).get("x-layout") == "date":
        found.append(node)
    return found


EXAMPLE_DATES = sorted({d for p in example_models() for d in _date_values(source.load(p).data)})
OTHER_DATES = [
    "令和元年5月1日",
    "令和４年１２月（予定）",
    "令和4年12月予定",
    "平成 28 年 4 月",
    "2024年1月20日",
    "2024-01-20",
    "令和3年12月31日時点",
    "令和6年",
]
NOT_DATES = [
    "令和四年十月三日",
    "R6.1.20",
    "来年4月",
    "令和6年1月20日まで",
    "1月20日",
    "",
    "未定",
    "平成２８年４月頃",
]


@pytest.mark.parametrize("text", [*EXAMPLE_DATES, *OTHER_DATES, *NOT_DATES])
def test_date_pattern_accepts_what_piagen_reads(text: str) -> None:
    try:
        dates.parse(text)
        readable = True
    except dates.DateFormatError:
        readable = False
    assert (re.search(editor.DATE_PATTERN, text) is not None) == readable
    assert readable == (text not in NOT_DATES)


def test_lists_and_mappings_accept_an_include() -> None:
    schema = json.loads(editor.schema_json())
    systems = schema["properties"]["basic_info"]["properties"]["systems"]
    assert systems["type"] == ["array", "string"] and systems["pattern"] == editor.INCLUDE_PATTERN
    assert schema["type"] == "object"  # the model itself is never an include
    assert re.search(editor.INCLUDE_PATTERN, "takatsuki-juki/recipients.yaml")
