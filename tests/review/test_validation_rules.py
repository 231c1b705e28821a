"""Validation problems are review findings too (V1, V2 … in the order of the model): counts and options that demand a dependent item (B, C)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.review.cases import (
    ITEM,
    RISKS,
    TODAY,
    F,
    Row,
    changed,
    findings,
)

FAILING: list[Any] = [
    # B: counts (validation problems are findings V1, V2 … in file order)
    pytest.param(
        [((*F, "entrustment", "count"), 2)],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅱ （１） ４．委託件数",
                "委託件数が（ 2 ）件ですが、委託事項は1件書かれています。件数か委託事項を直してください。",
            )
        ],
        id="B1-entrust-count",
    ),
    pytest.param(
        [((*F, "entrustment", "status"), "委託しない")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅱ （１） ４．委託の有無\u3000※",
                "「委託しない」ですが、委託事項が1件あります。",
            )
        ],
        id="B1-not-entrusted-with-items",
    ),
    pytest.param(
        [((*F, "provision", "status", "提供を行っている"), 2)],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅱ （１） ５．",
                "「提供を行っている（ 2 ）件」ですが、提供先は1件書かれています。件数か提供先を直してください。",
            )
        ],
        id="B2-provision-count",
    ),
    pytest.param(
        [((*F, "provision", "recipients"), [])],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅱ （１） ５．",
                "「提供を行っている（ 1 ）件」ですが、提供先が書かれていません。件数か提供先を直してください。",
            )
        ],
        id="B2-provision-without-recipients",
    ),
    pytest.param(
        [((*F, "provision", "status", "移転を行っている"), 1)],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅱ （１） ５．",
                "「移転を行っている（ 1 ）件」ですが、移転先が書かれていません。件数か移転先を直してください。",
            )
        ],
        id="B3-transfer-count",
    ),
    pytest.param(
        [(("threshold", "people", "count"), 250000)],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "基礎項目評価書 Ⅱ １．評価対象の事務の対象人数は何人か",
                "対象人数 250,000人は「10万人以上30万人未満」です（いまは「30万人以上」）。",
            )
        ],
        id="B5-count-outside-band",
    ),
    pytest.param(
        [
            (("threshold", "handlers"), {"band": "500人未満"}),
            ((*F, "acquisition_use", "users", "count"), "500人以上1,000人未満"),
        ],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "基礎項目評価書 Ⅱ ２．特定個人情報ファイル取扱者数は500人以上か",
                "取扱者数が「500人未満」ですが、ファイル（1）の使用者数と委託先の取扱者数の合計が少なくとも500人です。",
            )
        ],
        id="B6-users-vs-handlers",
    ),
    pytest.param(
        [((*ITEM, "scope_people"), "100万人以上1,000万人未満")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅱ （１） ４．委託事項1 対象となる本人の数",
                "委託する範囲の本人の数が、ファイルの対象となる本人の数を超えています。",
            )
        ],
        id="B7-entrusted-people",
    ),
    # C: options that demand a dependent item
    pytest.param(
        [((*ITEM, "subcontract_permission"), "")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅱ （１） ４．委託事項1 ⑧再委託の許諾方法",
                "「再委託する」を選んだときは「⑧再委託の許諾方法」を書いてください。",
            )
        ],
        id="C1-subcontract-permission",
    ),
    pytest.param(
        [((*ITEM, "subcontract"), "再委託しない")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅲ （１） ４．再委託先による特定個人情報ファイルの適切な取扱いの確保",
                "全ての委託事項が「再委託しない」なので、「4） 再委託していない」を選んでください。",
            )
        ],
        id="C2-no-subcontract-but-rated",
    ),
    pytest.param(
        [((*RISKS, "entrustment", "subcontractors", "status"), "再委託していない")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅲ （１） ４．再委託先による特定個人情報ファイルの適切な取扱いの確保",
                "委託事項に「再委託する」がありますが、ここでは「再委託していない」を選んでいます。",
            )
        ],
        id="C2-subcontract-but-not-rated",
    ),
    pytest.param(
        [((*RISKS, "entrustment", "deletion_rules"), {"status": "定めていない", "method": ""})],
        TODAY,
        [
            (
                "V1",
                "warning",
                "適合性",
                "Ⅲ （１） ４．特定個人情報の消去ルール",
                "「定めていない」を選んだ理由や代わりの措置を、具体的な方法等の欄に書いてください。",
            )
        ],
        id="C3-negative-without-reason",
    ),
    pytest.param(
        [((*RISKS, "storage", "r1", "incident", "details"), "")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅲ （１） ７．リスク１ ⑨過去３年以内に、評価実施機関において、個人情報に関する重大事故が発生したか その内容",
                "重大事故が「発生あり」のときは「その内容」を書いてください。",
            )
        ],
        id="C4-incident-details",
    ),
    pytest.param(
        [((*RISKS, "storage", "r1", "deceased", "method"), "")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅲ （１） ７．リスク１ ⑩死者の個人番号 具体的な保管方法",
                "死者の個人番号を「保管している」ときは具体的な保管方法を書いてください。",
            )
        ],
        id="C6-deceased-method",
    ),
    pytest.param(
        [(("basic_info", "linkage", "legal_basis"), "")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅰ ６．②法令上の根拠",
                "情報連携を「実施する」ときは②法令上の根拠を書いてください。",
            )
        ],
        id="C8-linkage-basis",
    ),
    pytest.param(
        [(("basic_info", "systems", 0, "connections", "その他"), True)],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅰ ２．システム1 ③他のシステムとの接続",
                "「その他」にチェックしたときは（\u3000）内に内容を書いてください（例: その他: 中間サーバー）。",
            )
        ],
        id="C9-other-without-text",
    ),
    pytest.param(
        [((*ITEM, "contractor"), "")],
        TODAY,
        [
            (
                "V1",
                "warning",
                "適合性",
                "Ⅱ （１） ４．委託事項1 ⑥委託先名",
                "委託先名が空欄です。委託先が決まっていなければ「未定」等と書いてください。",
            )
        ],
        id="C10-contractor-name",
    ),
    pytest.param(
        [((*ITEM, "contractor_check"), None)],
        TODAY,
        [
            (
                "V1",
                "warning",
                "適合性",
                "Ⅱ （１） ４．委託事項1 ⑤委託先名の確認方法",
                "⑤委託先名の確認方法が空欄です。",
            )
        ],
        id="C10-contractor-check",
    ),
]


@pytest.mark.parametrize(("edits", "today", "expected"), FAILING)
def test_failing_case(
    edits: list[tuple[tuple[str | int, ...], Any]], today: dt.date, expected: list[Row]
) -> None:
    assert findings(changed(*edits), today=today) == expected
