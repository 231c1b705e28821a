"""Where a free-text value ends when extracted text puts a checkbox grid's own text right after it
(tails.py). The lines are those of seed 003 (高槻市 住民基本台帳に関する事務, Ⅱ３): the その他 text of
④入手の方法 printed after ④入手に係る妥当性, and the 「（ 既存住基システム ）」 of ①入手元 after
変更の妥当性."""

from __future__ import annotations

from typing import Any

from piagen.importers import text
from tests.shared import PUBLISHED_COVER

FILE = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
住民基本台帳ファイル
 ３．特定個人情報の入手・使用
 ⑥使用目的　※
住民票に記載されている住民全員の記録を常に正確に更新・管理・提供する。

 変更の妥当性 —

既存住基システム ）

 ③入手の時期・頻度 転入、入国等の住民異動届の申請を受けた都度とする。

 ④入手に係る妥当性 住民に関する記録は、住基法及び同施行令に規定される届出及び記載等によるものとされている。

{tail}

] 情報提供ネットワークシステム

] 庁内連携システム

[ ] 電子メール [

 ①入手元　※

[ ○ ] 本人又は本人の代理人
"""


def _read(tail: str) -> tuple[dict[str, Any], list[str]]:
    model = text.read((PUBLISHED_COVER + FILE.replace("{tail}", tail)).encode("utf-8")).models[0]
    return model.data["files"][0]["acquisition_use"], [u.line.text for u in model.unplaced]


def test_a_grid_text_after_a_value_is_kept_apart_not_dropped() -> None:
    use, unplaced = _read("住民基本台帳ネットワークシステム")
    assert (
        use["validity"]
        == "住民に関する記録は、住基法及び同施行令に規定される届出及び記載等によるものとされている。"
    )
    assert "住民基本台帳ネットワークシステム" in unplaced
    assert use["purpose_change_validity"] == "—"
    assert "既存住基システム ）" in unplaced


def test_a_paragraph_that_ends_a_sentence_stays_in_the_value() -> None:
    use, _ = _read("住民基本台帳ネットワークシステムを経由して入手する。")
    assert use["validity"].replace("\n", "") == (
        "住民に関する記録は、住基法及び同施行令に規定される届出及び記載等によるものとされている。"
        "住民基本台帳ネットワークシステムを経由して入手する。"
    )


def test_the_last_paragraph_of_a_list_before_a_choice_stays() -> None:
    """北九州 ②主な記録項目's shape: paragraphs that are lists (no 「。」), then 「] ＜選択肢＞」 of the
    next choice: no grid follows, the list is one value."""
    records = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
予防接種ファイル
 ３．特定個人情報の入手・使用
 ⑥使用目的　※
＜住民記録情報（宛名基本）＞
整理番号（識別番号）、氏名カナ、氏名漢字

＜個人番号情報＞
個人番号、個人番号の枝番

] ＜選択肢＞
1） 特に力を入れている 2） 十分である
"""
    model = text.read((PUBLISHED_COVER + records).encode("utf-8")).models[0]
    assert model.data["files"][0]["acquisition_use"]["purpose"] == (
        "＜住民記録情報（宛名基本）＞\n整理番号（識別番号）、氏名カナ、氏名漢字\n＜個人番号情報＞\n個人番号、個人番号の枝番"
    )


def test_a_pdf_keeps_every_paragraph() -> None:
    """Lines read from a PDF come in reading order: no tail is cut (tails.grid_tail)."""
    from piagen.importers import tails
    from piagen.importers.labels import Item
    from piagen.importers.lines import Line
    from piagen.importers.reader import Capture

    pieces = [Line("本文。", 1, 1, 10, 200), Line("", 2, 1), Line("名称", 3, 1, 10, 60)]
    capture = Capture(Item(("x",), "x", "x", "text", 0), ("x",), pieces[0], list(pieces))
    assert tails.grid_tail(capture) == []
    assert capture.pieces == pieces


def test_a_page_number_under_an_empty_item_is_no_value() -> None:
    """Seed 003's cover: 特記事項 left blank, then the page's number 「1 」 before the next page."""
    cover = PUBLISHED_COVER.replace(" 評価書名", " 評価書番号\n12\n特記事項\n\n1 \n\n\n\n 評価書名")
    model = text.read(cover.encode("utf-8")).models[0]
    assert model.data["cover"]["number"] == 12
    assert "remarks" not in model.data["cover"]
    assert "1" in [u.line.text.strip() for u in model.unplaced]


def test_text_read_under_a_choice_whose_value_came_apart_is_kept() -> None:
    """Seed 003 (高槻 予防接種, Ⅳ１): ②監査's 「[ ]」 and ＜選択肢＞, then ①自己点検's 具体的なチェック方法
    text, its labels further on; ②監査's value 「十分に行っている」 was printed before its label. The
    text is no value of ②監査, and is kept (unplaced, with its line), never dropped."""
    body = """Ⅳ　その他のリスク対策 ※

 １．監査

]十分に行っている[

 ②監査

[ ]

＜選択肢＞

＜本市全般における措置＞
・年に１回、担当部署内において評価書の記載事項どおり運用がなされているか点検を実施する。

十分に行っている 従業者に対する教育・啓発
"""
    model = text.read((PUBLISHED_COVER + body).encode("utf-8")).models[0]
    kept = [u.line.text for u in model.unplaced]
    line = "・年に１回、担当部署内において評価書の記載事項どおり運用がなされているか点検を実施する。"
    audit = model.data["other_measures"]["audit"]
    assert "content" not in audit["audit"]
    # kept, then given by the words of ①自己点検 (点検) to its empty 具体的なチェック方法 (measure_texts.py)
    assert line in kept or line in audit.get("self_check", {}).get("method", "")
