"""妥当性 checks (ratings, measures, contractors, cloud, departments): one change → exactly these findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.review.cases import (
    LOCATION,
    OLD_DEPT,
    R2,
    RISKS,
    TODAY,
    F,
    Row,
    changed,
    clean,
    findings,
    model,
    only,
    put,
)

FAILING: list[Any] = [
    # 妥当性 checks of review.py
    pytest.param(
        [((*R2, "rating"), "特に力を入れている")],
        TODAY,
        [
            (
                "C5",
                "question",
                "妥当性",
                "Ⅲ （１） ２．リスク２ リスクへの対策は十分か",
                "「特に力を入れている」とした具体的な措置は何ですか。",
            )
        ],
        id="C5-particular-effort",
    ),
    pytest.param(
        [((*R2, "rating"), "課題が残されている")],
        TODAY,
        [
            (
                "C5",
                "warning",
                "妥当性",
                "Ⅲ （１） ２．リスク２ リスクへの対策は十分か",
                "「課題が残されている」としています。改善の計画と時期を記載してください。",
            )
        ],
        id="C5-issues-remain",
    ),
    pytest.param(
        [((*R2, "measures"), "")],
        TODAY,
        [
            (
                "R12",
                "warning",
                "妥当性",
                "Ⅲ （１） ２．リスク２ リスクへの対策は十分か",
                "「十分である」としていますが、措置の内容が書かれていません。",
            )
        ],
        id="R12-sufficient-without-measures",
    ),
    pytest.param(
        [((*R2, "measures"), "研修を行っている。")],
        TODAY,
        [
            (
                "R8",
                "question",
                "妥当性",
                "Ⅲ （１） ２．リスク２ リスクに対する措置の内容",
                "措置の記載が短く、具体的な内容が読み取れません。",
            )
        ],
        id="R8-short-measure",
    ),
    pytest.param(
        [((*RISKS, "entrustment", "governance"), "")],
        TODAY,
        [
            (
                "R10",
                "warning",
                "妥当性",
                "Ⅲ （１） ４．情報保護管理体制の確認",
                "委託していますが、委託先の情報保護管理体制の確認方法が書かれていません。",
            )
        ],
        id="R10-no-governance",
    ),
    pytest.param(
        [((*RISKS, "entrustment", "contract", "status"), "定めていない")],
        TODAY,
        [
            (
                "R10",
                "warning",
                "妥当性",
                "Ⅲ （１） ４．委託契約書中の特定個人情報ファイルの取扱いに関する規定",
                "委託契約書に特定個人情報ファイルの取扱いに関する規定を定めていません。",
            )
        ],
        id="R10-no-contract-clause",
    ),
    pytest.param(
        [
            (
                (*RISKS, "entrustment", "deletion_rules", "method"),
                "委託業務実施場所を市庁舎内に限定しているため、消去の委託は行わない。",
            )
        ],
        TODAY,
        [
            (
                "C12",
                "question",
                "妥当性",
                "Ⅲ （１） ４．ルールの内容及びルール遵守の確認方法",
                "作業を庁舎内に限るため消去は不要としていますが、クラウド上のデータにも当てはまりますか。",
            )
        ],
        id="C12-premises-only-with-cloud",
    ),
    pytest.param(
        [
            ((*F, "basic", "department"), "市民文化局戸籍住民サービス課"),
            ((*F, "acquisition_use", "users", "departments"), "市民文化局戸籍住民サービス課"),
        ],
        TODAY,
        [
            (
                "R7",
                "question",
                "妥当性",
                "Ⅱ （１） ２．⑥事務担当部署",
                f"Ⅰ７．の担当部署「{OLD_DEPT}」が、このファイルの事務担当部署・使用部署にありません。",
            )
        ],
        id="R7-department-not-in-file",
    ),
]


@pytest.mark.parametrize(("edits", "today", "expected"), FAILING)
def test_failing_case(
    edits: list[tuple[tuple[str | int, ...], Any]], today: dt.date, expected: list[Row]
) -> None:
    assert findings(changed(*edits), today=today) == expected


# ---- C11 cloud questions ----
def test_cloud_without_responsibility_split_is_questioned() -> None:
    data = clean()
    for path in (("other_measures", "other"), ("other_measures", "audit", "audit", "content")):
        value: Any = data
        for step in path:
            value = value[step]
        put(data, path, value.replace("責任", "役割"))
    assert findings(data) == [
        (
            "C11",
            "question",
            "妥当性",
            "（別添１） 事務の内容 （備考）",
            "クラウドを利用しています。地方公共団体・クラウド事業者・運用事業者の責任分担について記載がありません。",
        )
    ]


def test_takatsuki_cloud_question_and_its_answer() -> None:
    name = "takatsuki-yobou-sesshu"
    data = model(name)
    expected = (
        "C11",
        "question",
        "妥当性",
        "Ⅱ （１） ６．①保管場所\u3000※",
        "クラウドを利用しています。地方公共団体・クラウド事業者・運用事業者の責任分担について記載がありません。",
    )
    assert only(findings(data, today=None, name=name), "C11", "C12") == [expected]
    put(
        data,
        LOCATION,
        data["files"][0]["storage"]["location"]
        + "\n・本市、クラウド事業者及び運用事業者の責任分担は契約で定めている。",
    )
    assert only(findings(data, today=None, name=name), "C11", "C12") == []


def test_C12_asked_only_when_the_data_are_in_a_cloud() -> None:
    """庁舎内 work with data on premises needs no question; the same text beside a cloud does."""
    name = "kitakyushu-shingata-influenza"
    data = model(name)
    put(
        data,
        (*RISKS, "entrustment", "other"),
        "委託業務実施場所を市庁舎内に限定しているため、消去の委託は行わない。",
    )
    assert only(findings(data, today=None, name=name), "C11", "C12") == []
    put(
        data,
        LOCATION,
        "国内のデータセンターにあるクラウドサービス（ISMAP 登録済み）に保管し、事業者はアクセスしない。消去と責任分担は契約で定める。",
    )
    assert only(findings(data, today=None, name=name), "C11", "C12") == [
        (
            "C12",
            "question",
            "妥当性",
            "Ⅲ （１） ４．その他の措置の内容",
            "作業を庁舎内に限るため消去は不要としていますが、クラウド上のデータにも当てはまりますか。",
        )
    ]
