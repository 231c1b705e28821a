"""The layout family of extracted 重点項目評価書 (様式3) where a page's label column and its values are
printed apart: choice values before their label, several values in a row after one label. Each
mechanism on a small synthetic snippet shaped like the artefact, in the form's own labels."""

from __future__ import annotations

from typing import Any

from piagen.importers import early, text

COVER = """特定個人情報保護評価書（重点項目評価書）
 評価書番号
5
 評価書名
試験事務　重点項目評価書
Ⅰ　基本情報
 １．特定個人情報ファイルを取り扱う事務
 ①事務の名称 試験事務
"""


def _read(body: str) -> tuple[dict[str, Any], list[str]]:
    imported = text.read((COVER + body).encode("utf-8"))
    model = imported.models[0]
    return model.data, [u.line.text.strip() for u in model.unplaced]


def test_a_choice_value_printed_before_its_label_is_taken_by_that_label() -> None:
    data, _ = _read(
        """ ５．情報提供ネットワークシステムによる情報連携 ※
実施しない
＜選択肢＞
1) 実施する
2) 実施しない
3) 未定
 ①実施の有無
 ②法令上の根拠 番号法第19条第8号
"""
    )
    assert data["basic_info"]["linkage"] == {"status": "実施しない", "legal_basis": "番号法第19条第8号"}


def test_a_held_value_goes_only_to_an_item_with_that_option() -> None:
    # 「10万人以上100万人未満」 is no option of ①ファイルの種類: it waits for ②対象となる本人の数.
    data, _ = _read(
        """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
 ２．基本情報
[ 10万人以上100万人未満
 ①ファイルの種類 [ システム用ファイル ]
 ②対象となる本人の数
 ③対象となる本人の範囲 市民
"""
    )
    basic = data["files"][0]["basic"]
    assert basic["type"] == "システム用ファイル"
    assert basic["people"] == "10万人以上100万人未満"


def test_a_second_value_after_a_choice_that_has_one_goes_to_the_next_choice() -> None:
    data, unplaced = _read(
        """Ⅲ　リスク対策　※（７．②を除く。）
 １．特定個人情報ファイル名
試験ファイル
 ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。）
 リスク：　目的外の入手が行われるリスク
 リスクに対する措置の内容 窓口で本人確認を行う。
 リスクへの対策は十分か [ 十分である
[ 課題が残されている
 ３．特定個人情報の使用
 リスク１：　目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク
 リスクに対する措置の内容 権限を限定している。
 リスクへの対策は十分か
"""
    )
    risks = data["files"][0]["risks"]
    assert risks["acquisition"]["r1"]["rating"] == "十分である"
    assert risks["use"]["r1"]["rating"] == "課題が残されている"
    assert "[ 課題が残されている" not in unplaced


def test_a_value_farther_than_a_page_from_any_label_is_kept_unplaced() -> None:
    far = "\n" * (early.REACH + 20)
    data, unplaced = _read(
        f""" ５．情報提供ネットワークシステムによる情報連携 ※
実施しない{far}
 ①実施の有無
 ②法令上の根拠 番号法第19条第8号
"""
    )
    assert "status" not in data["basic_info"]["linkage"]
    assert "実施しない" in unplaced


def test_option_of_reads_only_a_whole_option_alone_on_its_line() -> None:
    options = frozenset({"十分である", "実施する"})
    assert early.option_of("[ 十分である", options) == "十分である"
    assert early.option_of("十分である ]", options) == "十分である"
    assert early.option_of("[ 十分である 2） 十分である", options) == "十分である"
    assert early.option_of("十分であると考える", options) is None
    assert early.option_of("[ ○ ] 実施する", options) is None
