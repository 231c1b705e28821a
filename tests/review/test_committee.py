"""Committee checks on a model built from a real example: a 重要な変更 filed 事後 (K1) and a 重要な変更
without 意見聴取/第三者点検 in Ⅵ (K2); the examples' own 説明 deny significance, so they give none."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from piagen.model import source
from piagen.review import committee, kit
from tests.shared import EXAMPLES, example_models

TODAY = dt.date(2025, 2, 1)
SAYS = "ガバメントクラウドへの移行は特定個人情報の漏えい等のリスクを相当程度変動させるため、重要な変更に該当する。"


def kawasaki() -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(source.load(EXAMPLES / "kawasaki-kenko-zoshin.yaml").data)
    return data


def k_findings(data: dict[str, Any]) -> list[tuple[str, str, str | None, str]]:
    found = kit.run(source.Document(data, {}, "m.yaml"), None, TODAY)
    return [(f.rule, f.severity, f.perspective, f.label) for f in found if f.rule.startswith("K")]


@pytest.mark.parametrize(
    ("text", "significant"),
    [
        (SAYS, True),
        ("再評価が義務付けられる重要な変更になるため、改めて評価を行う。", True),
        (
            "特定個人情報の漏えい等のリスクを相当程度変動させるものではないと考えられるため重要な変更に該当しない",
            False,
        ),
        ("指針に定める重要な変更に該当しないため", False),
        ("組織改正に伴う修正", False),
        (None, False),
    ],
)
def test_says_significant(text: str | None, significant: bool) -> None:
    assert committee.says_significant(text) is significant


def test_a_significant_change_filed_afterwards_is_an_error() -> None:
    data = kawasaki()
    row = data["changes"][0]
    row["timing"], row["explanation"] = "事後", SAYS
    assert k_findings(data) == [("K1", "error", "適合性", "（別添３）変更箇所 1行目 提出時期")]


def test_a_significant_judgment_or_cause_filed_afterwards_is_an_error() -> None:
    data = kawasaki()
    data["changes"][1].update(timing="事後", significant=True)
    data["changes"][2].update(timing="事後", path="files.0.storage.location")
    data["revision"] = {
        "causes": [{"id": "cloud", "text": "クラウド移行", "significant": True, "items": ["files.0.storage"]}]
    }
    assert [f[:2] + (f[3],) for f in k_findings(data)] == [
        ("K1", "error", "（別添３）変更箇所 2行目 提出時期"),
        ("K1", "error", "（別添３）変更箇所 3行目 提出時期"),
    ]


def test_an_emergency_is_a_question() -> None:
    data = kawasaki()
    row = data["changes"][0]
    row["timing"] = "事後"
    row["explanation"] = "重要な変更に該当するが、規則第９条第２項の緊急時の事後評価として提出する。"
    assert k_findings(data) == [("K1", "question", "適合性", "（別添３）変更箇所 1行目 提出時期")]


def test_a_significant_change_needs_comment_and_third_party_check() -> None:
    data = kawasaki()
    data["changes"][0]["explanation"] = SAYS  # filed 事前, so K1 stays silent
    data["changes"][0]["timing"] = "事前"
    assert k_findings(data) == []
    data["procedure"]["third_party"] = {}
    found = kit.run(source.Document(data, {}, "m.yaml"), None, TODAY)
    (k2,) = [f for f in found if f.rule == "K2"]
    assert (k2.severity, k2.label) == ("error", "Ⅵ　評価実施手続")
    assert "Ⅵ３ 第三者点検の記載がありません" in k2.message


@pytest.mark.parametrize("path", example_models(), ids=lambda p: p.stem)
def test_examples_give_no_committee_finding(path: Any) -> None:
    data = source.load(path).data
    assert k_findings(data) == []
