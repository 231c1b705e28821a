"""Checks that compare with the previous version: 公表日 and 実施日 refreshed (D6, D2), 重要な変更 filed in time (A7), change rows (E6), renamed departments (E5)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.review.cases import (
    LATE_SIGNIFICANT,
    NEW_DEPT,
    NO_CAUSE,
    OLD_DEPT,
    clean,
    findings,
    moved,
    only,
    renamed,
    renamed_everywhere,
    revised,
)


def test_D6_content_changed_but_publication_date_kept() -> None:
    assert only(findings(moved(None), clean()), "D6") == [
        ("D6", "error", "適合性", "公表日", "記載が変わっていますが、公表日が前の版と同じです。")
    ]
    assert only(findings(moved(), clean()), "D6") == []
    assert only(findings(clean(), clean()), "D6") == []


def test_D2_basic_assessment_not_redone_for_the_new_version() -> None:
    data = moved()
    data["procedure"]["basic_assessment"]["date"] = "令和6年12月1日"
    assert only(findings(data, clean()), "D2") == [
        (
            "D2",
            "warning",
            "適合性",
            "Ⅵ １．①実施日",
            "基礎項目評価の実施日が、前の版の公表日（令和7年1月20日）より前です。再評価なら実施日を更新してください。",
        )
    ]
    data["procedure"]["basic_assessment"]["date"] = "令和7年3月1日"
    assert only(findings(data, clean()), "D2") == []


def test_A7_significant_change_filed_after_the_fact() -> None:
    assert findings(revised("令和7年3月1日"), clean()) == [
        ("A7", "error", "適合性", "Ⅱ ６．特定個人情報の保管・消去 ①保管場所", LATE_SIGNIFICANT)
    ]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(revised("令和7年5月1日"), id="filed-before"),
        pytest.param(revised("令和7年3月1日", emergency=True), id="emergency"),
    ],
)
def test_A7_significant_change_filed_before_or_in_an_emergency(data: dict[str, Any]) -> None:
    assert findings(data, clean()) == []


def test_A7_change_without_a_recorded_cause_is_a_question() -> None:
    assert findings(moved(), clean()) == [
        ("A7", "question", "適合性", "Ⅱ ６．特定個人情報の保管・消去 ①保管場所", NO_CAUSE)
    ]


E6 = "前の版から1か所変わっていますが、変更箇所に行が追加されていません。"


def test_E6_changes_but_no_change_table() -> None:
    data = moved()
    data["changes"] = []
    assert only(findings(data, clean()), "E6") == [("E6", "warning", "適合性", "（別添３）変更箇所", E6)]
    assert only(findings(moved(), clean()), "E6") == []


def test_E6_changes_without_a_new_change_row() -> None:
    """The table of the previous version kept as it was: the change of this version is not recorded."""
    assert findings(moved(recorded=False), clean()) == [
        ("E6", "warning", "適合性", "（別添３）変更箇所", E6),
        ("A7", "question", "適合性", "Ⅱ ６．特定個人情報の保管・消去 ①保管場所", NO_CAUSE),
    ]


def test_E6_counts_the_changed_items() -> None:
    data = moved(recorded=False)
    data["basic_info"]["department"]["name"] = NEW_DEPT
    assert only(findings(data, clean()), "E6") == [
        (
            "E6",
            "warning",
            "適合性",
            "（別添３）変更箇所",
            "前の版から2か所変わっていますが、変更箇所に行が追加されていません。",
        )
    ]


def test_E5_department_renamed_in_one_place_only() -> None:
    data = clean()
    data["basic_info"]["department"]["name"] = NEW_DEPT
    data["cover"]["published"] = "令和7年4月1日"
    assert only(findings(data, clean()), "E5") == [
        (
            "E5",
            "warning",
            "適合性",
            "Ⅰ ７．①部署",
            f"部署名を「{NEW_DEPT}」に改めましたが、旧名「{OLD_DEPT}」が他の項目に残っています。",
        )
    ]


def test_E5_department_renamed_everywhere() -> None:
    """Only printed items count: the 変更箇所 history, 基礎項目評価書 and settings may keep the old name."""
    data = renamed_everywhere()
    data["revision"] = {"causes": [{"id": "rename", "text": f"{OLD_DEPT}の組織改正"}]}
    data["consultation"] = {"departments": OLD_DEPT}
    assert only(findings(data, clean()), "E5") == []


def test_E5_department_renamed_everywhere_including_history() -> None:
    data = renamed(clean())
    data["cover"]["published"] = "令和7年4月1日"
    assert only(findings(data, clean()), "E5") == []
