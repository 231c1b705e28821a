"""Fields of list entries in the extracted 重点項目 layout (北九州): a value given on its label's line
is one cell, so a paragraph after a blank line is not part of it."""

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
