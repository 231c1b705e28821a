"""The 第三者点検 kit (`piagen review`): every check, the §2.5 checklist groups, the real drafts, the CLI.

Each rule is tested by copying a real model, changing one thing and comparing the complete list of
findings (id, severity, perspective, item label, whole message). The base is 川崎市's published
document with its real defects corrected (`clean()`), which has no finding at all, so a changed model
shows exactly the finding its change causes. Group and rule ids refer to
../shared/reference/review-practice.md §2.4 and §2.5.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, example_models
from piagen.model import source
from piagen.review import consultation
from piagen.review import kit as review

TODAY = dt.date(2025, 2, 1)
KAWASAKI = "kawasaki-kenko-zoshin"
Row = tuple[str, str, str, str, str]

D4 = "意見募集の期間は終わっています。「意見なし」「反映事項なし」など結果を明記してください（‐ や空欄では未記入と区別できません）。"
D5 = "「予定」の記載が残っています。実施した後は、実施した内容（日付・方法・結果）に改めてください。"
UNDATED = "変更日が空欄です。公表時には日付を書いてください。"
AFTER_NO_REASON = "事後の提出です。重要な変更に当たらない理由など、提出時期に係る説明を書いてください。"
NO_CAUSE = "この変更の原因（revision.causes）が記録されていません。"
LATE_SIGNIFICANT = "重要な変更が事後の提出になっています。緊急時の事後評価（規則第９条第２項）に当たらなければ、変更前に評価を再実施してください。"
OLD_DEPT = "健康福祉局保健医療政策部健康増進担当"
NEW_DEPT = "健康福祉局保健医療部健康づくり担当"
LOCATION = ("files", 0, "storage", "location")


@cache
def example(name: str) -> source.Document:
    return source.load(EXAMPLES / f"{name}.yaml")


def model(name: str = KAWASAKI) -> dict[str, Any]:
    return copy.deepcopy(example(name).data)


def clean() -> dict[str, Any]:
    """川崎市's published document with its four real defects corrected (no finding remains)."""
    data = model()
    comment = data["procedure"]["public_comment"]
    comment["method"] = comment["method"].replace("受付予定", "受け付けた")  # D5
    comment["period"] = "令和6年10月9日から11月8日までの31日間"  # D3: 31 days counted inclusively
    data["changes"][4]["date"] = "令和5年1月25日"  # D7: the one undated row of the 令和5年 rename
    for row in data["changes"]:
        if row.get("timing") == "事後" and not row.get("explanation"):
            row["explanation"] = "組織改正に伴う修正であり、重要な変更に当たらない。"  # E4
    return data


def put(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    if isinstance(data, list) and path[-1] == len(data):
        data.append(value)  # a new last row
    else:
        data[path[-1]] = value


def changed(*edits: tuple[tuple[str | int, ...], Any]) -> dict[str, Any]:
    data = clean()
    for path, value in edits:
        put(data, path, value)
    return data


def run(
    data: dict[str, Any],
    previous: dict[str, Any] | None = None,
    today: dt.date | None = TODAY,
    name: str = KAWASAKI,
) -> list[review.Finding]:
    doc = example(name)
    return review.run(source.Document(data, doc.marks, doc.main), previous, today)


def findings(
    data: dict[str, Any],
    previous: dict[str, Any] | None = None,
    today: dt.date | None = TODAY,
    name: str = KAWASAKI,
) -> list[Row]:
    return [(f.id, f.severity, f.perspective, f.item, f.message) for f in run(data, previous, today, name)]


def only(rows: list[Row], *ids: str) -> list[Row]:
    return [r for r in rows if r[0] in ids]


def test_clean_base_has_no_finding() -> None:
    assert findings(clean()) == []


def test_every_check_is_covered() -> None:
    """A new check must get a failing and a passing case here."""
    assert [c.__name__ for c in review.CHECKS] == [
        "mandatory_procedure",
        "comment_results",
        "planned_wording",
        "stale_dates",
        "unrefreshed_dates",
        "counting_date",
        "significant_changes",
        "late_significant",  # K1, K2: cases in tests/review/test_committee.py
        "significant_without_steps",
        "absent_parts",  # K3, K4: cases in tests/review/test_committee.py
        "deviating_parts",
        "department_renames",
        "overdue",
        "ratings",
        "concreteness",
        "contractor_oversight",
        "cloud_questions",
        "departments_agree",
    ]


# ---- each check of review.CHECKS and each validation rule: one change → exactly these findings ----
F = ("files", 0)
ITEM = (*F, "entrustment", "items", 0)
RISKS = (*F, "risks")
COMMENT = ("procedure", "public_comment")
R2 = (*RISKS, "acquisition", "r2")

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
            ("D4", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ④主な意見の内容", D4),
            ("D4", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ⑤評価書への反映", D4),
        ],
        id="D4-dash-and-blank-after-period",
    ),
    pytest.param(
        [((*COMMENT, "main_opinions"), "‐")],
        dt.date(2024, 11, 9),
        [("D4", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ④主な意見の内容", D4)],
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
        [("D5", "error", "適合性", "Ⅵ ３．第三者点検 ②方法", D5)],
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
                "表紙 公表日",
                "公表日が空欄です（案の段階なら、公表時に記入してください）。",
            ),
            ("D5", "question", "適合性", "Ⅵ ３．第三者点検 ②方法", D5),
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
                "表紙 公表日",
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
                "表紙 公表日",
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
                "表紙 公表日",
                "日付のない新しい変更箇所がありますが、公表日は前回の変更日（令和7年1月20日）のままです。",
            ),
            (
                "D2",
                "warning",
                "適合性",
                "Ⅵ １．基礎項目評価 ①実施日",
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
                "基礎項目評価書 Ⅱ １．対象人数 いつ時点の計数か",
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
                "表紙 公表日",
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
                "表紙 公表日",
                "公表日から5年を経過しています（令和12年1月20日）。評価の再実施に努めてください（規則第15条）。",
            )
        ],
        id="T5-five-years",
    ),
    # 妥当性 checks of review.py
    pytest.param(
        [((*R2, "rating"), "特に力を入れている")],
        TODAY,
        [
            (
                "C5",
                "question",
                "妥当性",
                "Ⅲ （１） ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。） リスク２ リスクへの対策は十分か",
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
                "Ⅲ （１） ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。） リスク２ リスクへの対策は十分か",
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
                "V1",
                "error",
                "適合性",
                "Ⅲ （１） ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。） リスク２ リスクに対する措置の内容",
                "記入されていません。様式で記入する項目です。該当がない場合もその旨を書いてください（例: 「－」「該当なし」）。",
            ),
            (
                "R12",
                "warning",
                "妥当性",
                "Ⅲ （１） ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。） リスク２ リスクへの対策は十分か",
                "「十分である」としていますが、措置の内容が書かれていません。",
            ),
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
                "Ⅲ （１） ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。） リスク２ リスクに対する措置の内容",
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
                "Ⅲ （１） ４．特定個人情報ファイルの取扱いの委託 情報保護管理体制の確認",
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
                "Ⅲ （１） ４．特定個人情報ファイルの取扱いの委託 委託契約書中の特定個人情報ファイルの取扱いに関する規定",
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
                "Ⅲ （１） ４．特定個人情報ファイルの取扱いの委託 特定個人情報の消去ルール ルールの内容及びルール遵守の確認方法",
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
                "Ⅱ （１） ２．基本情報 ⑥事務担当部署",
                f"Ⅰ７．の担当部署「{OLD_DEPT}」が、このファイルの事務担当部署・使用部署にありません。",
            )
        ],
        id="R7-department-not-in-file",
    ),
    # B: counts (validation problems are findings V1, V2 … in file order)
    pytest.param(
        [((*F, "entrustment", "count"), 2)],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅱ （１） ４．特定個人情報ファイルの取扱いの委託 委託件数",
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
                "Ⅱ （１） ４．特定個人情報ファイルの取扱いの委託 委託の有無\u3000※",
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
                "Ⅱ （１） ５．特定個人情報の提供・移転（委託に伴うものを除く。） 提供・移転の有無",
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
                "Ⅱ （１） ５．特定個人情報の提供・移転（委託に伴うものを除く。） 提供・移転の有無",
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
                "Ⅱ （１） ５．特定個人情報の提供・移転（委託に伴うものを除く。） 提供・移転の有無",
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
                "基礎項目評価書 Ⅱ １．対象人数 評価対象の事務の対象人数は何人か",
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
                "基礎項目評価書 Ⅱ ２．取扱者数 特定個人情報ファイル取扱者数は500人以上か",
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
                "Ⅱ （１） ４．特定個人情報ファイルの取扱いの委託 委託事項1 ②取扱いを委託する特定個人情報ファイルの範囲 対象となる本人の数",
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
                "Ⅱ （１） ４．特定個人情報ファイルの取扱いの委託 委託事項1 ⑧再委託の許諾方法",
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
                "Ⅲ （１） ４．特定個人情報ファイルの取扱いの委託 再委託先による特定個人情報ファイルの適切な取扱いの確保",
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
                "Ⅲ （１） ４．特定個人情報ファイルの取扱いの委託 再委託先による特定個人情報ファイルの適切な取扱いの確保",
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
                "Ⅲ （１） ４．特定個人情報ファイルの取扱いの委託 特定個人情報の消去ルール",
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
                "Ⅲ （１） ７．特定個人情報の保管・消去 リスク１ ⑨過去３年以内に、評価実施機関において、個人情報に関する重大事故が発生したか その内容",
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
                "Ⅲ （１） ７．特定個人情報の保管・消去 リスク１ ⑩死者の個人番号 具体的な保管方法",
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
                "Ⅰ ６．情報提供ネットワークシステムによる情報連携 ②法令上の根拠",
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
                "Ⅰ ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム1 ③他のシステムとの接続",
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
                "Ⅱ （１） ４．特定個人情報ファイルの取扱いの委託 委託事項1 ⑥委託先名",
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
                "Ⅱ （１） ４．特定個人情報ファイルの取扱いの委託 委託事項1 ⑤委託先名の確認方法",
                "⑤委託先名の確認方法が空欄です。",
            )
        ],
        id="C10-contractor-check",
    ),
    # D: dates and ordering
    pytest.param(
        [((*COMMENT, "period"), "令和6年10月9日から11月6日まで")],
        TODAY,
        [
            (
                "V1",
                "error",
                "適合性",
                "Ⅵ ２．国民・住民等からの意見の聴取 ②実施日・期間",
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
                "Ⅵ ２．国民・住民等からの意見の聴取 ②実施日・期間",
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
                "Ⅱ （１） ３．特定個人情報の入手・使用 ⑨使用開始日",
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
                "Ⅵ ３．第三者点検 ①実施日",
                "第三者点検の実施日が、意見聴取の期間の終了日以前です（意見聴取→見直し→第三者点検の順に行います）。",
            )
        ],
        id="D1-check-during-comment",
    ),
    pytest.param(
        [(("procedure", "third_party", "date"), "令和7年1月21日")],
        TODAY,
        [("V1", "error", "適合性", "Ⅵ ３．第三者点検 ①実施日", "第三者点検の実施日が公表日より後です。")],
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
                "表紙 個人情報保護委員会\u3000承認日\u3000【行政機関等のみ】",
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
                "Ⅵ ４．個人情報保護委員会の承認　【行政機関等のみ】 ①提出日",
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
                "Ⅵ １．基礎項目評価 ②しきい値判断結果",
                "しきい値判断結果が、しきい値判断項目から導かれる結果と合いません。導かれる結果: 基礎項目評価及び全項目評価の実施が義務付けられる。"
                "根拠: 対象人数 30万人以上、取扱者数 不明、過去1年以内の重大事故 不明。記載か、しきい値判断項目を直してください。",
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
                "公表しない部分 非公表とする項目",
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
                "Ⅰ ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム2 識別子",
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


PASSING: list[Any] = [
    pytest.param(
        [
            (("cover", "organization_type"), "行政機関等"),
            (("cover", "approved"), "令和7年1月10日"),
            (("procedure", "third_party"), {}),
            (("procedure", "ppc_approval"), {"submitted": "令和6年12月2日", "review": "承認"}),
        ],
        TODAY,
        id="E2-not-for-national-bodies",
    ),
    pytest.param(
        [((*COMMENT, "main_opinions"), "‐"), ((*COMMENT, "reflection"), "‐")],
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
    pytest.param([(("threshold", "handlers"), {"band": "500人未満"})], TODAY, id="B6-few-users"),
    pytest.param(
        [
            (
                ("withheld",),
                [{"path": "files.seijin-kenshin.storage.location", "reason": "セキュリティ上の理由"}],
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
            "表紙 公表日",
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
            "表紙 公表日",
            "日付のない新しい変更箇所がありますが、公表日は前回の変更日（令和7年1月20日）のままです。",
        )
    ]


def test_no_date_means_no_deadline_findings() -> None:
    """Without --today nothing is overdue, and the comment results are not judged (no clock is read)."""
    data = changed(((*COMMENT, "main_opinions"), "‐"))
    assert findings(data, today=None) == []


# ---- C11 cloud questions ----
def test_cloud_without_responsibility_split_is_questioned() -> None:
    data = clean()
    for path in (("other_measures", "other"), ("other_measures", "audit", "audit", "content")):
        value = data
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
        "Ⅱ （１） ６．特定個人情報の保管・消去 ①保管場所\u3000※",
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
            "Ⅲ （１） ４．特定個人情報ファイルの取扱いの委託 その他の措置の内容",
            "作業を庁舎内に限るため消去は不要としていますが、クラウド上のデータにも当てはまりますか。",
        )
    ]


# ---- checks that compare with the previous version ----
def record(data: dict[str, Any], item: str, before: str, after: str) -> None:
    """A new 変更箇所 row for a change of this version, dated with its 公表日."""
    data["changes"].append(
        {"date": data["cover"]["published"], "item": item, "before": before, "after": after, "timing": "事前"}
    )


def moved(published: str | None = "令和7年4月1日", *, recorded: bool = True) -> dict[str, Any]:
    """The 保管場所 of file (1) moves to the cloud; a new 変更箇所 row records it unless not `recorded`."""
    data = clean()
    before = data["files"][0]["storage"]["location"]
    put(data, LOCATION, before + "\n・令和7年3月からガバメントクラウドに移行した。")
    if published is not None:
        data["cover"]["published"] = published
    if recorded:
        record(data, "Ⅱ ６．①保管場所", before, data["files"][0]["storage"]["location"])
    return data


def test_D6_content_changed_but_publication_date_kept() -> None:
    assert only(findings(moved(None), clean()), "D6") == [
        ("D6", "error", "適合性", "表紙 公表日", "記載が変わっていますが、公表日が前の版と同じです。")
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
            "Ⅵ １．基礎項目評価 ①実施日",
            "基礎項目評価の実施日が、前の版の公表日（令和7年1月20日）より前です。再評価なら実施日を更新してください。",
        )
    ]
    data["procedure"]["basic_assessment"]["date"] = "令和7年3月1日"
    assert only(findings(data, clean()), "D2") == []


def revised(effective: str, **cause: Any) -> dict[str, Any]:
    data = moved()
    data["revision"] = {
        "date": "令和7年4月1日",
        "causes": [
            {
                "id": "cloud",
                "text": "ガバメントクラウドへの移行",
                "effective": effective,
                "significant": True,
                **cause,
            }
        ],
    }
    return data


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


def renamed(data: Any, old: str = OLD_DEPT, new: str = NEW_DEPT) -> Any:
    if isinstance(data, dict):
        return {k: renamed(v, old, new) for k, v in data.items()}
    if isinstance(data, list):
        return [renamed(v, old, new) for v in data]
    return data.replace(old, new) if isinstance(data, str) else data


def test_E5_department_renamed_in_one_place_only() -> None:
    data = clean()
    data["basic_info"]["department"]["name"] = NEW_DEPT
    data["cover"]["published"] = "令和7年4月1日"
    assert only(findings(data, clean()), "E5") == [
        (
            "E5",
            "warning",
            "適合性",
            "Ⅰ ７．評価実施機関における担当部署 ①部署",
            f"部署名を「{NEW_DEPT}」に改めましたが、旧名「{OLD_DEPT}」が他の項目に残っています。",
        )
    ]


def renamed_everywhere() -> dict[str, Any]:
    """The rename applied to every item; the 変更箇所 history keeps the old name, as it must."""
    data = clean()
    history = data.pop("changes")
    data = renamed(data)
    data["changes"] = history
    data["cover"]["published"] = "令和7年4月1日"
    return data


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


# ---- E1: the 重点項目評価書 (様式3) ----
def test_E1_focused_form_procedure_is_section_V_and_optional() -> None:
    name = "kitakyushu-shingata-influenza"
    data = model(name)
    assert not data["procedure"].get("public_comment") and not data["procedure"].get("third_party")
    assert only(findings(data, today=None, name=name), "E2") == []
    data["procedure"]["third_party"] = {"date": "令和3年9月（予定）"}
    assert only(findings(data, today=None, name=name), "D5") == [
        ("D5", "error", "適合性", "Ⅴ ３．第三者点検　【任意】 ①実施日", D5)
    ]


# ---- deadlines ----
@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("令和7年1月20日", ("令和7年1月20日", "令和8年1月20日", "令和12年1月20日")),
        ("令和6年2月29日", ("令和6年2月29日", "令和7年2月28日", "令和11年2月28日")),
        ("令和7年1月", None),
        (None, None),
    ],
)
def test_deadlines(published: str | None, expected: tuple[str, str, str] | None) -> None:
    data = changed((("cover", "published"), published))
    due = review.deadlines(data)
    assert (None if due is None else (due.published, due.yearly, due.five_years)) == expected


# ---- A: the 諮問書 is drafted from the model, so its lists are the model's ----
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def numbered(names: list[str]) -> str:
    return names[0] if len(names) == 1 else "\n".join(f"{CIRCLED[i]} {n}" for i, n in enumerate(names))


def listed(name: str) -> str:
    """A name as the 諮問書 lists it: its first line, without the （１） the list numbers anyway."""
    return re.sub(r"^（[0-9０-９]+）\s*", "", name.strip().splitlines()[0])


@pytest.mark.parametrize("path", example_models(), ids=lambda p: p.stem)
def test_A2_A3_consultation_lists_equal_the_model(path: Path) -> None:
    data = example(path.stem).data
    rows = dict(consultation.draft(data).rows)
    assert rows["特定個人情報ファイルの名称"] == numbered([listed(f["name"]) for f in data["files"]])
    assert rows["特定個人情報ファイルを取り扱うシステム"] == numbered(
        [listed(s["name"]) for s in data["basic_info"]["systems"]]
    )
    assert rows["業 務 名"] == data["basic_info"]["task"]["name"].strip()
    assert rows["諮 問 課"] == data["basic_info"]["department"]["name"].strip()


def test_A2_A3_takatsuki_juki_names_without_numbers_and_notes() -> None:
    """The model's names carry （１）（２）（３） and a note under システム2: the list shows the names only."""
    data = example("takatsuki-juki").data
    assert data["files"][0]["name"].startswith("（１）")
    assert "\n※" in data["basic_info"]["systems"][1]["name"]
    rows = dict(consultation.draft(data).rows)
    assert rows["特定個人情報ファイルの名称"] == (
        "① 住民基本台帳ファイル\n② 本人確認情報ファイル\n③ 送付先情報ファイル"
    )
    assert rows["特定個人情報ファイルを取り扱うシステム"] == (
        "① 既存住民基本台帳システム(以下「既存住基システム」という。)\n② 住民基本台帳ネットワークシステム\n"
        "③ 中間サーバ\n④ 団体内統合宛名システム\n⑤ コンビニ交付システム"
    )


def test_A3_takatsuki_consultation_lists_the_inserted_system() -> None:
    """§2.4-1: the real 諮問書 listed 5 systems; the draft lists all 6, including システム3."""
    rows = dict(consultation.draft(example("takatsuki-yobou-sesshu").data).rows)
    assert rows["特定個人情報ファイルを取り扱うシステム"] == (
        "① 健康情報管理システム\n② ワクチン接種管理システム\n③ 予防接種証明書発行管理システム\n"
        "④ ワクチン接種記録システム（ＶＲＳ）\n⑤ 団体内統合宛名システム\n⑥ 中間サーバー"
    )


def test_A5_A7_consultation_purpose_follows_the_model() -> None:
    data = revised("令和7年5月1日")
    data["consultation"] = {
        "body": "川崎市情報公開運営審議会",
        "provision": "川崎市情報公開条例第３４条",
        "previous_publications": ["令和5年1月25日", "令和7年1月20日"],
    }
    draft = consultation.draft(data)
    assert draft.heading == (
        "諮問書",
        "川崎市情報公開条例第３４条に規定する",
        "特定個人情報保護評価書に関する事項",
    )
    purpose = dict(draft.rows)["目 的 ・ 理 由"].split("\n")
    assert purpose[2] == (
        "\u3000本市では、健康増進事業の実施に関する事務について、令和5年1月25日及び令和7年1月20日に基礎項目評価書及び全項目評価書を公表しました。"
        "今般、ガバメントクラウドへの移行に伴い、特定個人情報ファイルの取扱いが変更されます。"
        "これは、特定個人情報保護評価の再実施が義務付けられる「重要な変更」にあたることから、"
        "改めて評価を行うとともに、令和6年10月9日から11月8日までの31日間、パブリックコメントを実施したところです。"
    )
    assert purpose[3] == (
        "\u3000このたび、パブリックコメント後の手続として、上記の「第三者点検」を実施するため、"
        "川崎市情報公開条例第３４条の規定により、川崎市情報公開運営審議会へ諮問するものです。"
    )


def test_consultation_for_a_focused_form() -> None:
    """A 重点項目評価書: the 意見募集 and the 第三者点検 are optional (not 全項目評価, not 義務付け)."""
    draft = consultation.draft(example("kitakyushu-shingata-influenza").data)
    rows = dict(draft.rows)
    assert rows["諮 問 件 名"] == "「特定個人情報保護評価書（重点項目評価書）」に係る第三者点検について"
    purpose = rows["目 的 ・ 理 由"].split("\n")
    assert purpose[1] == (
        "\u3000本事務は重点項目評価書を作成するものであり、"
        "「住民からの意見募集」及び「第三者点検」は任意に実施するものです。"
    )
    assert "全項目評価" not in rows["目 的 ・ 理 由"] and "義務付け" not in rows["目 的 ・ 理 由"]


def test_consultation_without_a_public_comment_claims_none() -> None:
    data = example("kitakyushu-shingata-influenza").data
    assert not data["procedure"].get("public_comment")
    purpose = dict(consultation.draft(data).rows)["目 的 ・ 理 由"]
    assert "パブリックコメント" not in purpose


# ---- the real drafts (§2.4) and the published document ----
def review_json(
    run_cli: Callable[..., tuple[int, str, str]], name: str, *args: str
) -> tuple[int, dict[str, Any]]:
    code, out, err = run_cli("review", str(EXAMPLES / f"{name}.yaml"), "--format", "json", *args)
    assert err == ""
    return code, json.loads(out)


def rows_of(body: dict[str, Any]) -> list[Row]:
    return [(f["id"], f["severity"], f["perspective"], f["item"], f["message"]) for f in body["findings"]]


def test_json_shape(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, body = review_json(run_cli, KAWASAKI, "--today", "2025-02-01")
    assert code == 1
    assert list(body) == ["findings", "deadlines", "consultation"]
    assert all(
        list(f) == ["id", "severity", "perspective", "item", "message", "text", "path"]
        for f in body["findings"]
    )
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
    assert ("D4", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ④主な意見の内容", D4) in found
    assert ("D4", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ⑤評価書への反映", D4) in found
    assert texts["D4Ⅵ ２．国民・住民等からの意見の聴取 ④主な意見の内容"] == "‐"
    # D5 予定 in Ⅵ３ (an error: the stale 公表日 makes the draft look published)
    assert ("D5", "error", "適合性", "Ⅵ ３．第三者点検 ①実施日", D5) in found
    assert texts["D5Ⅵ ３．第三者点検 ①実施日"] == "令和4年12月（予定）"
    # §2.4-2 stale 公表日 and §2.4-6 old 基礎項目評価 実施日
    assert (
        "D6",
        "warning",
        "適合性",
        "表紙 公表日",
        "日付のない新しい変更箇所がありますが、公表日は前回の変更日（令和4年7月8日）のままです。",
    ) in found
    assert (
        "D2",
        "warning",
        "適合性",
        "Ⅵ １．基礎項目評価 ①実施日",
        "基礎項目評価の実施日が前回の変更日（令和4年7月8日）より前です。評価を再実施したなら実施日を更新してください。",
    ) in found
    assert texts["D2Ⅵ １．基礎項目評価 ①実施日"] == "令和3年8月23日"
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
        "Ⅱ （１） ６．特定個人情報の保管・消去 ①保管場所\u3000※",
        "クラウドを利用しています。地方公共団体・クラウド事業者・運用事業者の責任分担について記載がありません。",
    ) in found
    assert [r for r in found if r[1] == "error"] == [
        ("D4", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ④主な意見の内容", D4),
        ("D4", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ⑤評価書への反映", D4),
        ("D5", "error", "適合性", "Ⅵ ３．第三者点検 ①実施日", D5),
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
        ("D4", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ④主な意見の内容", D4),
        ("D4", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ⑤評価書への反映", D4),
    ]
    # §2.4-2 blank 公表日; 予定 in Ⅵ３ of a draft is a question
    assert (
        "D6",
        "warning",
        "適合性",
        "表紙 公表日",
        "公表日が空欄です（案の段階なら、公表時に記入してください）。",
    ) in found
    assert ("D5", "question", "適合性", "Ⅵ ３．第三者点検 ①実施日", D5) in found
    assert ("D5", "question", "適合性", "Ⅵ ３．第三者点検 ②方法", D5) in found
    # §2.4-3 undated rows (49 in 別添３, 4 in the 基礎項目評価書)
    (undated,) = [f for f in body["findings"] if f["message"] == UNDATED]
    assert len(undated["text"].split("、")) == 49 + 4
    assert undated["item"].endswith("ほか52件")
    # §2.4-8 特に力を入れている, one per file
    effort = ("「特に力を入れている」とした具体的な措置は何ですか。",)
    assert [r for r in found if r[0] == "C5"] == [
        (
            "C5",
            "question",
            "妥当性",
            f"Ⅲ （{n}） ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。） リスク２ リスクへの対策は十分か",
            *effort,
        )
        for n in "１２３"
    ]
    # §2.4-7 the 庁舎内 reasoning for 消去 while the コンビニ交付システム moves to the cloud
    c12 = [f for f in body["findings"] if f["id"] == "C12"]
    assert [(f["severity"], f["perspective"], f["item"], f["message"]) for f in c12] == [
        (
            "question",
            "妥当性",
            "Ⅲ （１） ４．特定個人情報ファイルの取扱いの委託 特定個人情報の消去ルール ルールの内容及びルール遵守の確認方法",
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
    assert [r for r in found if r[1] == "error"] == [
        ("D5", "error", "適合性", "Ⅵ ２．国民・住民等からの意見の聴取 ①方法", D5)
    ]
    assert body["findings"][0]["text"].endswith("専用フォームにて意見を受付予定。")
    assert (
        "V1",
        "warning",
        "適合性",
        "Ⅵ ２．国民・住民等からの意見の聴取 ②実施日・期間",
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


# ---- CLI outputs and --previous ----
def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(source.dump(data), encoding="utf-8")
    return path


def test_exit_code_zero_without_errors(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli("review", str(write(tmp_path / "m.yaml", clean())), "--today", "2025-02-01")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "【適合性】",
        "  指摘はありません。",
        "【妥当性】",
        "  指摘はありません。",
        "適合性: エラー 0件、警告 0件、確認事項 0件",
        "妥当性: エラー 0件、警告 0件、確認事項 0件",
    ]


def test_text_output(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run_cli("review", str(EXAMPLES / f"{KAWASAKI}.yaml"), "--today", "2025-02-01")
    assert code == 1
    lines = out.splitlines()
    assert lines[:2] == ["【適合性】", f"  エラー D5 Ⅵ ２．国民・住民等からの意見の聴取 ①方法: {D5}"]
    assert lines[2].startswith("      該当: かわさき情報プラザ")
    assert lines[-2:] == [
        "適合性: エラー 1件、警告 3件、確認事項 0件",
        "妥当性: エラー 0件、警告 0件、確認事項 0件",
    ]


def test_html_report(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "review.html"
    code, stdout, _ = run_cli(
        "review",
        str(EXAMPLES / f"{KAWASAKI}.yaml"),
        "--today",
        "2025-02-01",
        "--format",
        "html",
        "--out",
        str(out),
    )
    assert code == 1
    assert stdout == f"出力: {out}\n"
    page = out.read_text(encoding="utf-8")
    for text in (
        "<h2>諮問書（案）</h2>",
        f"<td>{D5}</td>",
        "<td>令和8年1月20日</td>",
        "<td>令和12年1月20日</td>",
        "<th>確認日</th><td>令和7年2月1日</td>",
    ):
        assert text in page


def test_pdf_report(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "review.pdf"
    code, _, _ = run_cli(
        "review",
        str(EXAMPLES / f"{KAWASAKI}.yaml"),
        "--today",
        "2025-02-01",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    assert code == 1
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    body = re.sub(r"\s+", "", text)
    assert "諮問書（案）" in body
    assert re.sub(r"\s+", "", D5) in body
    assert "健康増進事業の実施に関する事務" in body


def test_html_needs_out(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("review", str(EXAMPLES / f"{KAWASAKI}.yaml"), "--format", "html")
    assert (code, err) == (2, "--format html では --out で出力ファイルを指定してください。\n")


def test_bad_today(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("review", str(EXAMPLES / f"{KAWASAKI}.yaml"), "--today", "来週")
    assert code == 2
    assert err.startswith("--today を日付として読めません: ")


def previous_review(run_cli, tmp_path: Path, new: dict[str, Any]) -> tuple[int, list[Row]]:  # type: ignore[no-untyped-def]
    old_path, new_path = write(tmp_path / "old.yaml", clean()), write(tmp_path / "new.yaml", new)
    code, out, _ = run_cli(
        "review", str(new_path), "--previous", str(old_path), "--today", "2025-04-02", "--format", "json"
    )
    return code, rows_of(json.loads(out))


def test_cli_previous_department_renamed_in_one_place(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = clean()
    data["basic_info"]["department"]["name"] = NEW_DEPT
    data["cover"]["published"] = "令和7年4月1日"
    record(data, "Ⅰ ７．評価実施機関における担当部署 ①部署", OLD_DEPT, NEW_DEPT)
    code, found = previous_review(run_cli, tmp_path, data)
    assert code == 0
    assert found == [
        (
            "E5",
            "warning",
            "適合性",
            "Ⅰ ７．評価実施機関における担当部署 ①部署",
            f"部署名を「{NEW_DEPT}」に改めましたが、旧名「{OLD_DEPT}」が他の項目に残っています。",
        ),
        ("A7", "question", "適合性", "Ⅰ ７．評価実施機関における担当部署 ①部署", NO_CAUSE),
        (
            "R7",
            "question",
            "妥当性",
            "Ⅱ （１） ２．基本情報 ⑥事務担当部署",
            f"Ⅰ７．の担当部署「{NEW_DEPT}」が、このファイルの事務担当部署・使用部署にありません。",
        ),
    ]


def test_cli_previous_publication_date_unchanged(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, found = previous_review(run_cli, tmp_path, moved(None))
    assert code == 1
    assert found == [
        ("D6", "error", "適合性", "表紙 公表日", "記載が変わっていますが、公表日が前の版と同じです。"),
        ("A7", "question", "適合性", "Ⅱ ６．特定個人情報の保管・消去 ①保管場所", NO_CAUSE),
    ]


def test_cli_previous_significant_change_after_the_fact(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, found = previous_review(run_cli, tmp_path, revised("令和7年3月1日"))
    assert code == 1
    assert found == [("A7", "error", "適合性", "Ⅱ ６．特定個人情報の保管・消去 ①保管場所", LATE_SIGNIFICANT)]


def test_cli_previous_significant_change_filed_before(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, found = previous_review(run_cli, tmp_path, revised("令和7年5月1日"))
    assert (code, found) == (0, [])
