"""A label printed under several items (「その妥当性」 of ②主な記録項目, ③対象となる本人の範囲, ②保管期間 …)
is told apart by the ＜選択肢＞ list extraction left around it (siblings.py). The lines are those of
seed 003 (高槻市 住民基本台帳に関する事務, 本人確認情報ファイル), where 「その妥当性」 of ②保管期間 comes
with 期間's options before the heading 「６．特定個人情報の保管・消去」."""

from __future__ import annotations

from piagen.importers import siblings, text
from piagen.importers.lines import Line
from piagen.importers.reader import Index
from tests.shared import PUBLISHED_COVER

FILE = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
本人確認情報ファイル
 ４．特定個人情報ファイルの取扱いの委託
 委託事項1 本人確認情報の管理業務
 ①委託内容
市町村ＣＳの運用保守
  ７．備考

9） 20年以上
10） 定められていない

 その妥当性
・住民票の記載の修正後の本人確認情報は、新たに記載の修正の通知を受けるまで保管する。

2） 1年 3） 2年

[ 20年以上 ] 4） 3年 5） 4年 6） 5年
7） 6年以上10年未満 8） 10年以上20年未満

 ６．特定個人情報の保管・消去

 ①保管場所　※
入退室管理を行っている部屋に設置したサーバ内に保管する。

 ②保管期間

 期間

＜選択肢＞
1） 1年未満
"""


def test_a_shared_label_goes_to_the_item_whose_options_surround_it() -> None:
    data = text.read((PUBLISHED_COVER + FILE).encode("utf-8")).models[0].data["files"][0]
    assert data["storage"]["period"] == {
        "band": "20年以上",
        "validity": "・住民票の記載の修正後の本人確認情報は、新たに記載の修正の通知を受けるまで保管する。",
    }
    assert "items_validity" not in data.get("basic", {})
    assert "scope_validity" not in data["entrustment"]["items"][0]


def test_no_options_around_or_a_pdf_leaves_every_candidate() -> None:
    items = Index("full").items
    shared = [item for item in items if item.label == "その妥当性"]
    assert len(shared) > 2
    plain = [Line("その妥当性", 1), Line("・本文。", 2)]
    assert siblings.prefer(shared, items, plain, 0) == shared
    pdf = [Line("9） 20年以上", 1, 1, 10, 90), Line("その妥当性", 2, 1, 10, 90)]
    assert siblings.prefer(shared, items, pdf, 1) == shared
    extracted = [Line("9） 20年以上", 1), Line("その妥当性", 2), Line("[ 20年以上 ] 4） 3年", 3)]
    assert [c.path[-2] for c in siblings.prefer(shared, items, extracted, 1)] == ["period"]
    above = [Line("9） 20年以上", 1), Line("その妥当性", 2), Line("・本文。", 3)]
    assert siblings.prefer(shared, items, above, 1) == shared  # may be the previous row's list
    beside = [Line("9） 20年以上", 1), Line("その妥当性 ・本文。", 2), Line("[ 20年以上 ]", 3)]
    assert siblings.prefer(shared, items, beside, 1) == shared  # the label kept its value: its row
