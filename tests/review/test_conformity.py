"""適合性 checks (procedure, dates, deadlines): one change to the clean base → exactly these findings; and the changes that must find nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from piagen.review.registry import REGISTRY
from tests.review.cases import (
    COMMENT,
    D4,
    D5,
    ITEM,
    R2,
    RISKS,
    TODAY,
    UNDATED,
    Row,
    changed,
    clean,
    findings,
    model,
    only,
)

FAILING: list[Any] = [
    # 適合性 checks of review.py
    pytest.param(
        [(COMMENT, {}), (("procedure", "third_party"), {})],
        TODAY,
        [
            (
                "E2",
                "error",
                "適合性",
                "Ⅵ ２．国民・住民等からの意見の聴取",
                "全項目評価が義務付けられる事務です。国民・住民等からの意見の聴取の記載がありません。",
            ),
            (
                "E2",
                "error",
                "適合性",
                "Ⅵ ３．第三者点検",
                "全項目評価が義務付けられる事務です。第三者点検の記載がありません。",
            ),
        ],
        id="E2-procedure-missing",
    ),
    pytest.param(
        [((*COMMENT, "main_opinions"), "‐"), ((*COMMENT, "reflection"), "")],
        TODAY,
        [
            ("D4", "error", "適合性", "Ⅵ ２．④主な意見の内容", D4),
            ("D4", "error", "適合性", "Ⅵ ２．⑤評価書への反映", D4),
        ],
        id="D4-dash-and-blank-after-period",
    ),
    pytest.param(
        [((*COMMENT, "main_opinions"), "‐")],
        dt.date(2024, 11, 9),
        [("D4", "error", "適合性", "Ⅵ ２．④主な意見の内容", D4)],
        id="D4-day-after-period",
    ),
    pytest.param(
        [
            (
                ("procedure", "third_party", "method"),
                "川崎市情報公開運営審議会において第三者点検を実施する。（予定）",
            )
        ],
        TODAY,
        [("D5", "error", "適合性", "Ⅵ ３．②方法", D5)],
        id="D5-published",
    ),
    pytest.param(
        [
            (
                ("procedure", "third_party", "method"),
                "川崎市情報公開運営審議会において第三者点検を実施する。（予定）",
            ),
            (("cover", "published"), None),
        ],
        TODAY,
        [
            (
                "D6",
                "warning",
                "適合性",
                "公表日",
                "公表日が空欄です（案の段階なら、公表時に記入してください）。",
            ),
            ("D5", "question", "適合性", "Ⅵ ３．②方法", D5),
        ],
        id="D5-draft-is-a-question",
    ),
    pytest.param(
        [(("cover", "published"), None)],
        TODAY,
        [
            (
                "D6",
                "warning",
                "適合性",
                "公表日",
                "公表日が空欄です（案の段階なら、公表時に記入してください）。",
            )
        ],
        id="D6-blank",
    ),
    pytest.param(
        [
            (
                ("changes", 52),
                {"date": None, "item": "Ⅱ ６．①保管場所", "before": "旧", "after": "新", "timing": "事前"},
            )
        ],
        TODAY,
        [
            ("V1", "warning", "適合性", "（別添３）変更箇所 53行目 変更日", UNDATED),
            (
                "D6",
                "warning",
                "適合性",
                "公表日",
                "日付のない新しい変更箇所がありますが、公表日は前回の変更日（令和7年1月20日）のままです。",
            ),
        ],
        id="D6-undated-new-row",
    ),
    pytest.param(
        [
            (
                ("changes", 52),
                {"date": None, "item": "Ⅱ ６．①保管場所", "before": "旧", "after": "新", "timing": "事前"},
            ),
            (("procedure", "basic_assessment", "date"), "令和6年12月1日"),
        ],
        TODAY,
        [
            ("V1", "warning", "適合性", "（別添３）変更箇所 53行目 変更日", UNDATED),
            (
                "D6",
                "warning",
                "適合性",
                "公表日",
                "日付のない新しい変更箇所がありますが、公表日は前回の変更日（令和7年1月20日）のままです。",
            ),
            (
                "D2",
                "warning",
                "適合性",
                "Ⅵ １．①実施日",
                "基礎項目評価の実施日が前回の変更日（令和7年1月20日）より前です。評価を再実施したなら実施日を更新してください。",
            ),
        ],
        id="D2-basic-assessment-older-than-last-change",
    ),
    pytest.param(
        [(("threshold", "people", "as_of"), "令和6年1月19日")],
        TODAY,
        [
            (
                "D9",
                "warning",
                "適合性",
                "基礎項目評価書 Ⅱ １．いつ時点の計数か",
                "計数時点が基礎項目評価の実施日より1年以上前です。直近の人数で数え直してください。",
            )
        ],
        id="D9-count-367-days-old",
    ),
    pytest.param(
        [],
        dt.date(2026, 1, 20),
        [
            (
                "T1",
                "warning",
                "適合性",
                "公表日",
                "公表日から1年を経過しています（令和8年1月20日）。少なくとも1年に1回、評価書の見直しに努めてください。",
            )
        ],
        id="T1-one-year",
    ),
    pytest.param(
        [],
        dt.date(2030, 1, 20),
        [
            (
                "T5",
                "warning",
                "適合性",
                "公表日",
                "公表日から5年を経過しています（令和12年1月20日）。評価の再実施に努めてください（規則第15条）。",
            )
        ],
        id="T5-five-years",
    ),
]


@pytest.mark.parametrize(("edits", "today", "expected"), FAILING)
def test_failing_case(
    edits: list[tuple[tuple[str | int, ...], Any]], today: dt.date, expected: list[Row]
) -> None:
    assert findings(changed(*edits), today=today) == expected


def test_clean_base_has_no_finding() -> None:
    assert findings(clean()) == []


def test_every_check_is_covered() -> None:
    """A new check must get a failing and a passing case here."""
    assert [c.run.__name__ for c in REGISTRY] == [
        "mandatory_procedure",
        "comment_results",
        "planned_wording",
        "stale_dates",
        "unrefreshed_dates",
        "counting_date",
        "significant_changes",
        "department_renames",
        "overdue",
        "ratings",
        "concreteness",
        "contractor_oversight",
        "cloud_questions",
        "departments_agree",
    ]


PASSING: list[Any] = [
    pytest.param(
        [(("cover", "organization_type"), "行政機関等"), (("procedure", "third_party"), {})],
        TODAY,
        id="E2-not-for-national-bodies",
    ),
    pytest.param(
        [((*COMMENT, "main_opinions"), "‐"), ((*COMMENT, "reflection"), "")],
        dt.date(2024, 11, 8),
        id="D4-last-day-of-period",
    ),
    pytest.param([((*COMMENT, "main_opinions"), "意見なし")], TODAY, id="D4-explicit-result"),
    pytest.param(
        [(("procedure", "third_party", "date"), "令和6年11月28日")], TODAY, id="D5-date-without-plan"
    ),
    pytest.param([(("threshold", "people", "as_of"), "令和6年1月20日")], TODAY, id="D9-count-366-days-old"),
    pytest.param([], dt.date(2026, 1, 19), id="T1-day-before-one-year"),
    pytest.param([], dt.date(2030, 1, 19), id="T5-day-before-five-years-is-T1-only"),
    pytest.param(
        [((*R2, "measures"), "職員に対して年１回研修を行っている。")],
        TODAY,
        id="R8-fifteen-characters-or-more",
    ),
    pytest.param(
        [
            ((*ITEM, "subcontract"), "再委託しない"),
            ((*RISKS, "entrustment", "subcontractors", "status"), "再委託していない"),
        ],
        TODAY,
        id="C2-consistent",
    ),
    pytest.param(
        [
            (
                (*RISKS, "entrustment", "deletion_rules"),
                {
                    "status": "定めていない",
                    "method": "データの受け渡しがないため、消去ルールを定めていない。",
                },
            )
        ],
        TODAY,
        id="C3-negative-with-reason",
    ),
    pytest.param([((*COMMENT, "period"), "令和6年10月9日から11月7日まで")], TODAY, id="D3-30-days"),
    pytest.param(
        [
            ((*COMMENT, "period"), "令和6年10月9日から11月6日まで"),
            ((*COMMENT, "shortening_reason"), "システム移行の期日が法令で定められているため"),
        ],
        TODAY,
        id="D3-shortened-with-reason",
    ),
    pytest.param(
        [(("threshold", "handlers"), {"band": "500人未満", "as_of": "令和6年10月1日"})],
        TODAY,
        id="B6-few-users",
    ),
    pytest.param(
        [
            (
                ("withheld",),
                [{"path": "files.seijin-kenshin.storage.period.band", "reason": "セキュリティ上の理由"}],
            )
        ],
        TODAY,
        id="withheld-path-by-id",
    ),
]


@pytest.mark.parametrize(("edits", "today"), PASSING)
def test_passing_case(edits: list[tuple[tuple[str | int, ...], Any]], today: dt.date) -> None:
    expected = [
        (
            "T1",
            "warning",
            "適合性",
            "公表日",
            "公表日から1年を経過しています（令和8年1月20日）。少なくとも1年に1回、評価書の見直しに努めてください。",
        )
    ]
    assert findings(changed(*edits), today=today) == (expected if today == dt.date(2030, 1, 19) else [])


def test_D7_undated_row() -> None:
    """An old row without a date in the middle of the table is not a new row: no D6/D2."""
    found = findings(changed((("changes", 4, "date"), None)))
    assert found == [("V1", "warning", "適合性", "（別添３）変更箇所 5行目 変更日", UNDATED)]


def test_D6_only_the_last_undated_rows_are_new() -> None:
    """An undated old row and an undated last row: the last one is new, so D6 fires (once)."""
    row = {"date": None, "item": "Ⅱ ６．①保管場所", "before": "旧", "after": "新", "timing": "事前"}
    found = findings(changed((("changes", 4, "date"), None), (("changes", 52), row)))
    assert only(found, "D6") == [
        (
            "D6",
            "warning",
            "適合性",
            "公表日",
            "日付のない新しい変更箇所がありますが、公表日は前回の変更日（令和7年1月20日）のままです。",
        )
    ]


def test_no_date_means_no_deadline_findings() -> None:
    """Without --today nothing is overdue, and the comment results are not judged (no clock is read)."""
    data = changed(((*COMMENT, "main_opinions"), "‐"))
    assert findings(data, today=None) == []


# ---- E1: the 重点項目評価書 (様式3) ----
def test_E1_focused_form_procedure_is_section_V_and_optional() -> None:
    name = "kitakyushu-shingata-influenza"
    data = model(name)
    assert not data["procedure"].get("public_comment") and not data["procedure"].get("third_party")
    assert only(findings(data, today=None, name=name), "E2") == []
    data["procedure"]["third_party"] = {"date": "令和3年9月（予定）"}
    assert only(findings(data, today=None, name=name), "D5") == [
        ("D5", "error", "適合性", "Ⅴ ３．①実施日", D5)
    ]
