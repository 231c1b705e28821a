"""Completeness (schema `x-required`): every required item of a form, blank or absent, is one error
naming it; the progress line per form; dates the 様式 prints in 和暦."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from piagen import checks
from piagen.checks import completeness
from piagen.model import form, source
from piagen.model.form import FormType
from piagen.model.source import JsonPath, json_path
from tests.shared import EXAMPLES


@cache
def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = source.load(EXAMPLES / f"{name}.yaml").data
    return data


def basic_model() -> dict[str, Any]:
    """A 基礎項目評価書 (様式2) model: 川崎市's published document as a basic-only model, with the
    items only the 基礎項目評価書 prints (Ⅱ しきい値判断項目, Ⅳ リスク対策) answered."""
    data = copy.deepcopy(example("kawasaki-kenko-zoshin"))
    data["form"] = {"type": "basic", "version": "H31.1"}
    data["threshold"]["people"]["as_of"] = "令和6年4月1日"
    data["threshold"]["handlers"] = {"band": "500人未満", "as_of": "令和6年4月1日"}
    data["threshold"]["incident"] = {"status": "発生なし"}
    data["other_measures"]["audit_checks"] = {"done": {"自己点検": True, "内部監査": True}}
    for item in completeness.items(data, "basic"):
        if not item.filled:
            node = form.node_at(item.path) or {}
            value = form.choices(item.path)[0] if node.get("enum") else "テスト用の記載"
            _put(data, item.path, value)
    return data


COMPLETE: dict[FormType, Any] = {
    "full": lambda: copy.deepcopy(example("kawasaki-kenko-zoshin")),
    "focused": lambda: copy.deepcopy(example("kitakyushu-shingata-influenza")),
    "basic": basic_model,
}


def _put(data: Any, path: JsonPath, value: Any) -> None:
    for step in path[:-1]:
        data = data.setdefault(step, {}) if isinstance(data, dict) else data[step]
    data[path[-1]] = value


def _delete(data: Any, path: JsonPath) -> None:
    for step in path[:-1]:
        data = data[step]
    if isinstance(data[path[-1]], list):
        data[path[-1]] = []
    else:
        del data[path[-1]]


def problems(data: dict[str, Any]) -> set[tuple[str, str, str]]:
    found = checks.validate(source.Document(data, {}, "m.yaml"))
    return {(p.path, p.severity, p.message) for p in found}


@pytest.mark.parametrize("kind", ["full", "focused", "basic"])
def test_complete_examples_are_complete(kind: FormType) -> None:
    data = COMPLETE[kind]()
    (own, *_) = completeness.progress(data)
    assert (own.form, own.filled == own.total, own.percent) == (kind, True, 100)
    assert not [p for p in problems(data) if p[2] in completeness.MESSAGES.values()]


# Rules that already say, with their own reason, that these items are needed (「未定」 will do).
RULE_WARNINGS = {"contractor", "contractor_check"}


@pytest.mark.parametrize("kind", ["full", "focused", "basic"])
def test_deleting_each_required_item_gives_one_problem_naming_it(kind: FormType) -> None:
    base = COMPLETE[kind]()
    before = problems(base)
    required = completeness.items(base, kind)
    assert len(required) > 100 if kind != "basic" else len(required) > 20
    for item in required:
        data = copy.deepcopy(base)
        _delete(data, item.path)
        new = problems(data) - before
        named = [p for p in new if p[0] == json_path(item.path)]
        if not named and item.kind == "list":  # a count rule says it: 「委託する」ですが、委託事項が1件も…
            named = [p for p in new if f"{form.title(item.path)}が" in p[2] and p[1] == "error"]
        assert len(named) == 1, (item.path, named)
        expected = "warning" if item.path[-1] in RULE_WARNINGS else "error"
        assert named[0][1] == expected, (item.path, named)


def test_a_three_line_model_lists_every_required_item(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "m.yaml").write_text("piagen: 1\nform: {type: focused}\ncover: {}\n", encoding="utf-8")
    code, out, _ = run_cli("validate", "--format", "json", "m.yaml", cwd=tmp_path)
    assert code == 1
    body = json.loads(out)
    listed = [p["path"] for p in body["problems"]]
    required = [json_path(i.path) for i in completeness.items({"form": {"type": "focused"}}, "focused")]
    assert sorted(listed) == sorted(required)
    assert {"$.cover.title", "$.basic_info.task.name", "$.files", "$.procedure.basic_assessment.date"} <= set(
        listed
    )
    # 【任意】 in the 重点項目評価書: 意見聴取 and 第三者点検 are not required there.
    assert not [p for p in listed if p.startswith(("$.procedure.public_comment", "$.procedure.third_party"))]
    labels = {p["path"]: p["label"] for p in body["problems"]}
    assert labels["$.basic_info.task.name"] == "Ⅰ １．①事務の名称"
    assert labels["$.cover.title"] == "評価書名"
    # the line of the parent: cover is on line 3; items without any parent point at the top
    lines = {p["path"]: p["line"] for p in body["problems"]}
    assert (lines["$.cover.title"], lines["$.files"]) == (3, 1)
    assert [(p["form"], p["filled"], p["total"]) for p in body["progress"]] == [
        ("focused", 0, len(required)),
        ("basic", 0, 20),
    ]


def test_progress_line(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    model = EXAMPLES / "kawasaki-kenko-zoshin.yaml"
    code, out, err = run_cli("validate", str(model))
    assert code == 0
    total = len(completeness.items(example("kawasaki-kenko-zoshin"), "full"))
    assert f"{model}: 全項目評価書: 記入済み {total} / {total} 項目（100%）\n" in out + err


@pytest.mark.parametrize(
    ("when", "answer", "dependent"),
    [
        (("entrustment", "status"), "委託しない", ("entrustment", "items")),
        (("risks", "entrustment", "not_entrusted"), True, ("risks", "entrustment", "contract", "content")),
        (("risks", "provision", "not_provided"), True, ("risks", "provision", "r1", "rules", "method")),
    ],
)
def test_dependent_items_follow_the_answer(when: JsonPath, answer: Any, dependent: JsonPath) -> None:
    data = COMPLETE["full"]()
    path: JsonPath = ("files", 0, *dependent)
    assert path in [i.path for i in completeness.items(data, "full")]
    _put(data, ("files", 0, *when), answer)
    assert path not in [i.path for i in completeness.items(data, "full")]


def test_optional_items_are_not_required() -> None:
    listed = {i.path for i in completeness.items({}, "full")}
    for path in [("cover", "remarks"), ("cover", "approved"), ("procedure", "ppc_approval", "submitted")]:
        assert path not in listed
    national = {"cover": {"organization_type": "行政機関等"}}
    listed = {i.path for i in completeness.items(national, "full")}
    assert ("cover", "approved") in listed and ("procedure", "ppc_approval", "submitted") in listed
    assert ("procedure", "third_party", "date") not in listed


def test_an_iso_date_gets_the_wareki_to_write() -> None:
    data = COMPLETE["full"]()
    data["cover"]["published"] = "2021-10-04"
    found = [p for p in problems(data) if p[0] == "$.cover.published"]
    assert found == [
        (
            "$.cover.published",
            "error",
            "「2021-10-04」は西暦です。様式の日付は和暦で書きます: 「令和3年10月4日」と書いてください。",
        )
    ]
