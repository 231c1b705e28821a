"""別紙 lists of 移転先 printed after the form as a table (as in 住民基本台帳 評価書: 「移転先1 …（別紙２参照）」
and 47 rows in 別紙２): each row becomes a 移転先 of the file that refers to it, its cells found from
the form (④ by its ＜選択肢＞, ⑥ by its options, ① as a law reference), wrapped cells joined; page heads
repeated inside the table are not read as cells; a radical form from the PDF's font (⺠) reads as 民."""

from __future__ import annotations

from piagen.importers import text
from tests.shared import published_cover

HEAD = published_cover("住民基本台帳に関する事務", number="1")
FILE = """Ⅱ　特定個人情報ファイルの概要
１．特定個人情報ファイル名
住民基本台帳ファイル
 ５．特定個人情報の提供・移転（委託に伴うものを除く。）
 移転先1 番号法別表第１に定める事務実施所管課（別紙２参照）
 ①法令上の根拠 番号法第９条第１項
"""
TABLE = """
別紙２
特定個人情報の移転

移転先 ①法令上の根拠 ②移転先における用途 ③移転する情報
④移転する情報の対象
となる本人の数

1
子ども未来部子ども保
健課

番号法別表第一7の項
児童福祉法による小児慢性特定疾
患医療費の支給事務に使用

住⺠票関係情報 1万人未満
申請に係る小児慢性特定
疾病児童等

庁内連携システム
異動事由発生の都度
（随時）

2 健康福祉部保健予防課 番号法別表第一10の項
予防接種法による予防接種の実
施に関する事務に使用

住⺠票関係情報
10万人以上100万人未
満

請求を行う者、その他市町村が
認める者

別紙２
特定個人情報の移転

庁内連携システム 申請の都度（随時）

3
都市創造部
住宅課

番号法別表第一61の2の
項

賃貸住宅の管理に関する事務に使用

住⺠票関係情報 1万人未満
入居者

庁内連携システム 申請の都度（随時）

この行は表の後の本文
"""
DOC = HEAD + FILE + TABLE


def test_annex_rows_become_the_files_transferees() -> None:
    imported = text.read(DOC.encode("utf-8"))
    provision = imported.models[0].data["files"][0]["provision"]
    rows = provision["transferees"]
    assert [r["id"] for r in rows] == ["transferee1", "transferee2", "transferee3"]
    assert rows[0] == {
        "id": "transferee1",
        "name": "子ども未来部子ども保健課",
        "legal_basis": "番号法別表第一7の項",
        "purpose": "児童福祉法による小児慢性特定疾患医療費の支給事務に使用",
        "info": "住民票関係情報",
        "people": "1万人未満",
        "scope": "申請に係る小児慢性特定疾病児童等",
        "methods": {"庁内連携システム": True},
        "timing": "異動事由発生の都度（随時）",
    }
    assert rows[1]["people"] == "10万人以上100万人未満"  # band wrapped over two lines
    assert rows[1]["scope"] == "請求を行う者、その他市町村が認める者"  # 「その他…」 is not ⑥
    assert rows[1]["timing"] == "申請の都度（随時）"  # the page head between is not read
    assert rows[2]["name"] == "都市創造部住宅課"
    assert rows[2]["legal_basis"] == "番号法別表第一61の2の項"  # law wrapped
    # the form's 移転先1 that refers to the 別紙: its reference is the annex_note, its ①～⑦ (stated
    # for the whole list) the annex_entry; the text after the table (a paragraph after a blank line,
    # not part of the ①'s cell) is kept, not dropped
    assert provision["annex_note"]["transferees"] == "番号法別表第１に定める事務実施所管課（別紙２参照）"
    assert provision["annex_entry"]["transferees"] == {"legal_basis": "番号法第９条第１項"}
    assert "この行は表の後の本文" in [u.line.text.strip() for u in imported.models[0].unplaced]


def test_annex_without_a_file_to_hold_it_is_reported_not_dropped() -> None:
    files = [
        FILE.replace("（別紙２参照）", "").replace("住民基本台帳ファイル", name)
        for name in ("Ａファイル", "Ｂファイル")
    ]
    imported = text.read((HEAD + "".join(files) + TABLE).encode("utf-8"))
    assert all(
        "provision" not in f or len(f["provision"].get("transferees", [])) <= 1
        for f in imported.models[0].data["files"]
    )
    kept = " ".join(u.line.text for u in imported.models[0].unplaced)
    assert "子ども未来部子ども保" in kept and "番号法別表第一61の2の" in kept


RECIPIENTS = """
1 1 厚生労働大臣
健康保険法第五条第二項の規定により厚生労働大臣が行うこととされた健康保険に関する
事務であって主務省令で定めるもの

住⺠基本台帳法第七条第四号に規定す
る事項であって主務省令で定めるもの

2 2 全国健康保険協会 健康保険法による保険給付の支給に関する事務であって主務省令で定めるもの
住⺠票関係情報であって主務省令で定
めるもの

別紙１
特定個人情報の提供（番号法第１９条第８号別表第２に定める事務）

項番及び情報照会者
 事務 特定個人情報

3
８５
の２

特定優良賃貸住宅の供
給の促進に関する法律
に規定する市町村⻑

特定優良賃貸住宅の供給の促進に関する法律による賃貸住宅の管理に関する事務であって
主務省令で定めるもの

住⺠票関係情報であって主務省令で定
めるもの

4 31

公営住宅法に規定する
事業主体である市町村⻑

公営住宅法による公営住宅の管理に関する事務であって主務省令で定めるもの
住⺠票関係情報であって主務省令で定
めるもの
"""


def test_annex_of_recipients_whose_first_page_printed_no_head() -> None:
    """別紙１ of 提供先: its head is printed on the second page only; rows 1–2 before it are found
    going back. Cells are told apart by the blank lines between them; a 項番 wrapped in its narrow
    cell (「８５」「の２」) is joined; ①法令上の根拠 is the title's law with the row's 項番."""
    form_part = FILE.replace(
        "移転先1 番号法別表第１に定める事務実施所管課（別紙２参照）", "提供先1 情報照会者（別紙１参照）"
    )
    imported = text.read((HEAD + form_part + RECIPIENTS).encode("utf-8"))
    rows = imported.models[0].data["files"][0]["provision"]["recipients"]
    assert [r["name"] for r in rows] == [
        "厚生労働大臣",
        "全国健康保険協会",
        "特定優良賃貸住宅の供給の促進に関する法律に規定する市町村長",
        "公営住宅法に規定する事業主体である市町村長",
    ]
    assert rows[0]["info"] == "住民基本台帳法第七条第四号に規定する事項であって主務省令で定めるもの"
    assert rows[1]["purpose"] == "健康保険法による保険給付の支給に関する事務であって主務省令で定めるもの"
    assert rows[1]["info"] == "住民票関係情報であって主務省令で定めるもの"
    assert rows[2]["legal_basis"] == "番号法第１９条第８号別表第２　項番８５の２"
    assert rows[3]["purpose"] == "公営住宅法による公営住宅の管理に関する事務であって主務省令で定めるもの"
    assert rows[3]["info"] == "住民票関係情報であって主務省令で定めるもの"
