"""Validation problems as review findings: dates and ordering (D), form and type rules (E)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.review.cases import (
    AFTER_NO_REASON,
    COMMENT,
    TODAY,
    F,
    Row,
    changed,
    findings,
)

FAILING: list[Any] = [
    # D: dates and ordering
    pytest.param(
        [((*COMMENT, "period"), "令和6年10月9日から11月6日まで")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅵ ２．②実施日・期間",
                "意見聴取の期間が初日を含めて29日です。30日以上にするか、③期間を短縮する特段の理由を書いてください。",
            )
        ],
        id="D3-29-days",
    ),
    pytest.param(
        [((*COMMENT, "period"), "令和6年10月9日から11月8日までの30日間")],
        TODAY,
        [
            (
                "V1",
                "warning",
                "適合性",
                "Ⅵ ２．②実施日・期間",
                "「30日間」と書かれていますが、初日を含めて数えると31日間です。",
            )
        ],
        id="D3-stated-days-differ",
    ),
    pytest.param(
        [(("changes", 0, "date"), "令和7年2月1日")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "（別添３）変更箇所 1行目 変更日",
                "変更日が公表日（令和7年1月20日）より後です。",
            )
        ],
        id="D6-change-after-publication",
    ),
    pytest.param(
        [((*F, "acquisition_use", "use_start"), "平成28年3月1日")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅱ （１） ３．⑨使用開始日",
                "⑨使用開始日が⑤保有開始日より前になっています。",
            )
        ],
        id="D8-use-before-holding",
    ),
    pytest.param(
        [(("procedure", "third_party", "date"), "令和6年11月8日")],
        TODAY,
        [
            (
                "V1",
                "warning",
                "適合性",
                "Ⅵ ３．①実施日",
                "第三者点検の実施日が、意見聴取の期間の終了日以前です（意見聴取→見直し→第三者点検の順に行います）。",
            )
        ],
        id="D1-check-during-comment",
    ),
    pytest.param(
        [(("procedure", "third_party", "date"), "令和7年1月21日")],
        TODAY,
        [("V1", "error", "適合性", "Ⅵ ３．①実施日", "第三者点検の実施日が公表日より後です。")],
        id="D1-check-after-publication",
    ),
    pytest.param(
        [(("changes", 0, "timing"), None)],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "（別添３）変更箇所 1行目 提出時期",
                "提出時期（事前／事後）が空欄です。",
            )
        ],
        id="D7-no-timing",
    ),
    # E: form and type rules
    pytest.param(
        [(("changes", 0, "explanation"), "")],
        TODAY,
        [("V1", "warning", "適合性", "（別添３）変更箇所 1行目 提出時期に係る説明", AFTER_NO_REASON)],
        id="E4-after-without-explanation",
    ),
    pytest.param(
        [(("cover", "approved"), "令和7年1月10日")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "個人情報保護委員会\u3000承認日\u3000【行政機関等のみ】",
                "承認日は行政機関等だけが書く項目です（地方公共団体等は空欄）。",
            )
        ],
        id="E3-approval-date",
    ),
    pytest.param(
        [(("procedure", "ppc_approval"), {"submitted": "令和7年1月10日"})],
        TODAY,
        [
            (
                "V1",
                "warning",
                "適合性",
                "Ⅵ ４．①提出日",
                "個人情報保護委員会の承認は行政機関等だけの項目です。地方公共団体等は空欄にします。",
            )
        ],
        id="E3-ppc-approval",
    ),
    pytest.param(
        [(("procedure", "basic_assessment", "result"), "基礎項目評価及び重点項目評価の実施が義務付けられる")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅵ １．②しきい値判断結果",
                "しきい値判断結果が、しきい値判断項目から導かれる結果と合いません。導かれる結果: 基礎項目評価及び全項目評価の実施が義務付けられる。"
                "根拠: 対象人数 30万人以上、取扱者数 不明、過去1年以内の重大事故 発生あり。記載か、しきい値判断項目を直してください。",
            )
        ],
        id="E-threshold-result-stated",
    ),
    pytest.param(
        [(("withheld",), [{"path": "files.0.storage.nowhere", "reason": "セキュリティ上の理由"}])],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "非公表とする項目",
                "「files.0.storage.nowhere」はモデルにない項目です。例: files.0.storage.location（リストは番号か id）。",
            )
        ],
        id="withheld-path",
    ),
    pytest.param(
        [(("basic_info", "systems", 1, "id"), "kenko-kanri")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅰ ２．システム2 識別子",
                "識別子「kenko-kanri」が1件目と重複しています。リスト内で異なる id にしてください。",
            )
        ],
        id="duplicate-id",
    ),
]


@pytest.mark.parametrize(("edits", "today", "expected"), FAILING)
def test_failing_case(
    edits: list[tuple[tuple[str | int, ...], Any]], today: dt.date, expected: list[Row]
) -> None:
    assert findings(changed(*edits), today=today) == expected
