"""The real drafts (§2.4) and the published document: what the kit finds in them."""

from __future__ import annotations

import pytest

from piagen.checks.registry import REGISTRY as CHECK_RULES
from tests.review.cases import (
    D4,
    D5,
    KAWASAKI,
    TODAY,
    UNDATED,
    findings,
    model,
    only,
    review_json,
    rows_of,
)

# ---- the real drafts (§2.4) and the published document ----


def test_json_shape(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, body = review_json(run_cli, KAWASAKI, "--today", "2025-02-01")
    assert code == 1
    assert list(body) == ["findings", "deadlines", "consultation"]
    keys = [
        "id",
        "rule",
        "severity",
        "perspective",
        "item",
        "message",
        "text",
        "path",
        "file",
        "line",
        "column",
    ]
    assert all(list(f) == keys for f in body["findings"])
    # The code shown is the review rule id, or V1, V2 … for a validate finding (its rule id is V-…).
    for f in body["findings"]:
        assert (f["rule"] in CHECK_RULES.rules and f["id"].startswith("V")) or f["id"] == f["rule"], f
    assert all(f["line"] >= 1 and f["file"].endswith(".yaml") for f in body["findings"])
    assert {f["severity"] for f in body["findings"]} <= {"error", "warning", "question"}
    assert {f["perspective"] for f in body["findings"]} <= {"適合性", "妥当性"}
    assert body["deadlines"] == {
        "published": "令和7年1月20日",
        "yearly": "令和8年1月20日",
        "five_years": "令和12年1月20日",
    }
    assert [r["label"] for r in body["consultation"]] == [
        "諮 問 件 名",
        "業 務 名",
        "諮 問 課",
        "特定個人情報ファイルの名称",
        "特定個人情報ファイルを取り扱うシステム",
        "目 的 ・ 理 由",
        "処 理 概 要",
        "保 護 措 置",
        "備 考",
    ]
    assert (
        body["consultation"][0]["text"]
        == "「特定個人情報保護評価書（全項目評価書）」に係る第三者点検について"
    )


def test_takatsuki_yobou_draft_defects(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, body = review_json(run_cli, "takatsuki-yobou-sesshu", "--today", "2022-11-20")
    assert code == 1
    found = rows_of(body)
    texts = {f["id"] + f["item"]: f["text"] for f in body["findings"]}
    # §2.4-5 ‐ left in Ⅵ２④⑤ after the period (ended 令和4年10月19日)
    assert ("D4", "error", "適合性", "Ⅵ ２．④主な意見の内容", D4) in found
    assert ("D4", "error", "適合性", "Ⅵ ２．⑤評価書への反映", D4) in found
    assert texts["D4Ⅵ ２．④主な意見の内容"] == "‐"
    # D5 予定 in Ⅵ３ (an error: the stale 公表日 makes the draft look published)
    assert ("D5", "error", "適合性", "Ⅵ ３．①実施日", D5) in found
    assert texts["D5Ⅵ ３．①実施日"] == "令和4年12月（予定）"
    # §2.4-2 stale 公表日 and §2.4-6 old 基礎項目評価 実施日
    assert (
        "D6",
        "warning",
        "適合性",
        "公表日",
        "日付のない新しい変更箇所がありますが、公表日は前回の変更日（令和4年7月8日）のままです。",
    ) in found
    assert (
        "D2",
        "warning",
        "適合性",
        "Ⅵ １．①実施日",
        "基礎項目評価の実施日が前回の変更日（令和4年7月8日）より前です。評価を再実施したなら実施日を更新してください。",
    ) in found
    assert texts["D2Ⅵ １．①実施日"] == "令和3年8月23日"
    # §2.4-3 the 18 new 変更箇所 rows without a 変更日
    # (one finding that lists every row, rather than 18 identical lines)
    (undated,) = [f for f in body["findings"] if f["message"] == UNDATED]
    assert undated["severity"] == "warning" and undated["id"].startswith("V")
    assert undated["item"] == "（別添３）変更箇所 42行目 変更日 ほか17件"
    assert undated["text"].split("、") == [f"（別添３）変更箇所 {n}行目 変更日" for n in range(42, 60)]
    # C11: the VRS cloud is described without a responsibility split
    assert (
        "C11",
        "question",
        "妥当性",
        "Ⅱ （１） ６．①保管場所\u3000※",
        "クラウドを利用しています。地方公共団体・クラウド事業者・運用事業者の責任分担について記載がありません。",
    ) in found
    assert [r for r in found if r[1] == "error"] == [
        ("D4", "error", "適合性", "Ⅵ ２．④主な意見の内容", D4),
        ("D4", "error", "適合性", "Ⅵ ２．⑤評価書への反映", D4),
        ("D5", "error", "適合性", "Ⅵ ３．①実施日", D5),
    ]
    assert body["deadlines"] == {
        "published": "令和4年7月8日",
        "yearly": "令和5年7月8日",
        "five_years": "令和9年7月8日",
    }


def test_takatsuki_juki_draft_defects(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, body = review_json(run_cli, "takatsuki-juki", "--today", "2022-11-20")
    assert code == 1
    found = rows_of(body)
    # §2.4-5 blank Ⅵ２④⑤ after the period (ended 令和4年11月2日)
    assert [r for r in found if r[1] == "error"] == [
        ("D4", "error", "適合性", "Ⅵ ２．④主な意見の内容", D4),
        ("D4", "error", "適合性", "Ⅵ ２．⑤評価書への反映", D4),
    ]
    # §2.4-2 blank 公表日; 予定 in Ⅵ３ of a draft is a question
    assert (
        "D6",
        "warning",
        "適合性",
        "公表日",
        "公表日が空欄です（案の段階なら、公表時に記入してください）。",
    ) in found
    assert ("D5", "question", "適合性", "Ⅵ ３．①実施日", D5) in found
    assert ("D5", "question", "適合性", "Ⅵ ３．②方法", D5) in found
    # §2.4-3 undated rows (49 in 別添３, 4 in the 基礎項目評価書)
    (undated,) = [f for f in body["findings"] if f["message"] == UNDATED]
    assert len(undated["text"].split("、")) == 49 + 4
    assert undated["item"].endswith("ほか52件")
    # §2.4-8 特に力を入れている, one per file
    effort = ("「特に力を入れている」とした具体的な措置は何ですか。",)
    assert [r for r in found if r[0] == "C5"] == [
        ("C5", "question", "妥当性", f"Ⅲ （{n}） ２．リスク２ リスクへの対策は十分か", *effort)
        for n in "１２３"
    ]
    # §2.4-7 the 庁舎内 reasoning for 消去 while the コンビニ交付システム moves to the cloud
    c12 = [f for f in body["findings"] if f["id"] == "C12"]
    assert [(f["severity"], f["perspective"], f["item"], f["message"]) for f in c12] == [
        (
            "question",
            "妥当性",
            "Ⅲ （１） ４．ルールの内容及びルール遵守の確認方法",
            "作業を庁舎内に限るため消去は不要としていますが、クラウド上のデータにも当てはまりますか。",
        )
    ]
    assert "市庁舎内に限定" in c12[0]["text"]
    # the 基礎項目評価 実施日 was refreshed (令和4年10月3日): no D2
    assert only(found, "D2") == []
    assert body["deadlines"] is None


def test_kawasaki_published_document_errors(run_cli) -> None:  # type: ignore[no-untyped-def]
    """The only error in the published document is the 「受付予定」 left in Ⅵ２① (§3.5, D5)."""
    code, body = review_json(run_cli, KAWASAKI, "--today", "2025-02-01")
    assert code == 1
    found = rows_of(body)
    assert [r for r in found if r[1] == "error"] == [("D5", "error", "適合性", "Ⅵ ２．①方法", D5)]
    assert body["findings"][0]["text"].endswith("専用フォームにて意見を受付予定。")
    assert (
        "V2",  # V1: the 基礎項目評価書's counting dates, not in the full form (basic_items)
        "warning",
        "適合性",
        "Ⅵ ２．②実施日・期間",
        "「30日間」と書かれていますが、初日を含めて数えると31日間です。",
    ) in found
    assert [r[3] for r in found if r[4] == UNDATED] == ["（別添３）変更箇所 5行目 変更日"]
    assert [r for r in found if r[2] == "妥当性"] == []


def test_kawasaki_published_document_has_no_stale_date_warning() -> None:
    """Row 5 (令和5年) lost its date in the middle of the table: an old row, not a new one (no D6/D2)."""
    assert only(findings(model(), today=TODAY), "D6", "D2") == []


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-01-19", []),
        ("令和8年1月20日", ["T1"]),
        ("2030-01-19", ["T1"]),
        ("2030-01-20", ["T5"]),
    ],
)
def test_overdue_findings_from_the_cli(run_cli, today: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    _, body = review_json(run_cli, KAWASAKI, "--today", today)
    assert [f["id"] for f in body["findings"] if f["id"] in ("T1", "T5")] == expected
