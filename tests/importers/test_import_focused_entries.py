"""Values the extracted 重点項目 layout (北九州) prints apart from their labels or beside other cells: a
提供先 field given on its label's line is one cell, so a paragraph after a blank line is not part of
it; 「全ての記録項目」's reference to the record annex may come a page away from its label."""

from __future__ import annotations

from piagen.importers import text
from tests.importers.test_import_focused_layout import COVER

BODY = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
 ５．特定個人情報の提供・移転（委託に伴うものを除く。）
 提供先1 市町村長
 ①法令上の根拠 番号法第１９条第８号別表第二第16の2の項

他市町村へ転出し、他市町村から照会のあった都度

 ②提供先における用途 予防接種の実施に関する事務
"""


def test_an_entry_field_given_on_its_label_line_ends_at_the_blank_line() -> None:
    model = text.read((COVER + BODY).encode("utf-8")).models[0]
    recipient = model.data["files"][0]["provision"]["recipients"][0]
    assert recipient["legal_basis"] == "番号法第１９条第８号別表第二第16の2の項"
    assert recipient["purpose"] == "予防接種の実施に関する事務"
    assert "他市町村へ転出し、他市町村から照会のあった都度" in [u.line.text.strip() for u in model.unplaced]


APART = """ ５．情報提供ネットワークシステムによる情報連携 ※
 ①実施の有無 [ 実施する ]
 ②法令上の根拠 番号法第19条第8号
[
別添１を参照。
[ ○
Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
 ２．基本情報
 ④記録される項目
 全ての記録項目

・対象者の資格確認を行う。
"""


def test_the_record_annex_reference_printed_apart_is_the_files_all_items() -> None:
    # 北九州: 「別添１を参照。」 extracted a page away from 「全ての記録項目」, whose label was followed
    # by ⑤使用方法's paragraph; the reference (the focused form's record annex is （別添１）) wins and
    # the paragraph is reported.
    model = text.read((COVER + APART).encode("utf-8")).models[0]
    assert model.data["files"][0]["basic"]["all_items"] == "別添１を参照。"
    assert "・対象者の資格確認を行う。" in [u.line.text.strip() for u in model.unplaced]


def test_a_reference_to_another_annex_is_not_taken() -> None:
    # a 重点項目評価書's record annex is （別添１）: 「別添２を参照。」 is no reference to it
    model = text.read((COVER + APART.replace("別添１", "別添２")).encode("utf-8")).models[0]
    assert model.data["files"][0]["basic"].get("all_items") != "別添２を参照。"
