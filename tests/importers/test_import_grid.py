"""Checkbox grids split over lines by the extraction: a box's 「[」 and 「]」 on different lines, a
row's second box printed after the first option's label, labels far from their item, the text of
「その他 （…）」 and the counts of 「（ n ）件」 apart from their boxes."""

from __future__ import annotations

from piagen.importers import grid, text
from tests.shared import published_cover

CONNECTIONS = ("basic_info", "systems", "*", "connections")
RECORDED = ("files", "*", "basic", "main_items")
METHODS = ("files", "*", "acquisition_use", "methods")
STATUS = ("files", "*", "provision", "status")

COVER = published_cover(number="12", first_item=False)


def test_rows_follow_the_form() -> None:
    assert grid.rows(CONNECTIONS) == [
        ["情報提供ネットワークシステム", "庁内連携システム"],
        ["住民基本台帳ネットワークシステム", "既存住民基本台帳システム"],
        ["宛名システム等", "税務システム"],
        ["その他"],
    ]
    # その他 takes the text in its （　）: a row of its own, never the next box after 情報提供…
    assert grid.rows(METHODS)[-2:] == [["情報提供ネットワークシステム"], ["その他"]]
    # the 様式's own rows (x-rows): 生活保護 and 介護 share a row of two
    assert ["生活保護・社会福祉関係情報", "介護・高齢者福祉関係情報"] in grid.rows(RECORDED)
    assert grid.successor(RECORDED, "介護・高齢者福祉関係情報") is None
    assert grid.successor(RECORDED, "個人番号対応符号") == "その他識別情報（内部番号）"


def test_a_box_opened_after_a_label_is_the_next_option_of_its_row() -> None:
    line = "[ ○ ] 情報提供ネットワークシステム [ ○"
    assert grid.ticked(CONNECTIONS, line) == {"情報提供ネットワークシステム": True, "庁内連携システム": True}
    assert grid.ticked(CONNECTIONS, "[ ] 住民基本台帳ネットワークシステム [ ○") == {
        "既存住民基本台帳システム": True
    }
    assert grid.ticked(RECORDED, "] 個人番号対応符号 [ ○") == {"その他識別情報（内部番号）": True}
    # an empty box after the label, or a complete box, says nothing about the next option
    assert grid.ticked(CONNECTIONS, "[ ○ ] 宛名システム等 [") == {"宛名システム等": True}
    both = "[ ] 住民基本台帳ネットワークシステム [ ○ ] 既存住民基本台帳システム"
    assert grid.ticked(CONNECTIONS, both) == {"既存住民基本台帳システム": True}


def test_a_tick_after_a_ticked_label_is_the_next_option_of_its_row() -> None:
    # 「[ ○ ] 個人番号対応符号 ○」 (北九州): the label's own box holds its tick, so the tick after it,
    # its brackets lost, is in the box printed next in the row
    assert grid.ticked(RECORDED, "[ ○ ] 個人番号対応符号 ○") == {
        "個人番号対応符号": True,
        "その他識別情報（内部番号）": True,
    }
    # with the label's own box empty, the tick may be its own drawn apart: not given
    assert grid.ticked(RECORDED, "[ ] 個人番号対応符号 ○") == {}
    # not last on the line, or at a row's end: not given either
    assert grid.ticked(RECORDED, "[ ○ ] 個人番号対応符号 ○ ]") == {"個人番号対応符号": True}
    assert grid.ticked(RECORDED, "[ ○ ] 連絡先（電話番号等） ○") == {"連絡先（電話番号等）": True}


def test_a_tick_not_tied_to_a_label_is_given_to_no_option() -> None:
    assert grid.ticked(RECORDED, "[ ○ [ ○") == {}
    assert grid.ticked(RECORDED, "○") == {}
    # at a row's end there is no next option: the box is not guessed
    assert grid.ticked(RECORDED, "] 連絡先（電話番号等） [ ○") == {}


def test_a_tick_before_the_closing_bracket_belongs_to_the_label_after_it() -> None:
    assert grid.ticked(CONNECTIONS, "○ ] 宛名システム等 [") == {"宛名システム等": True}
    assert grid.ticked(RECORDED, "[ ○] 4情報（氏名、性別、生年月日、住所）") == {
        "4情報（氏名、性別、生年月日、住所）": True
    }


def test_counts_and_texts_printed_apart_from_their_boxes() -> None:
    lines = ["[ ○ ] 提供を行っている （ 58 ） 件 [ ○", "] 移転を行っている （ 47 ） 件"]
    assert grid.read(STATUS, lines) == {"提供を行っている": 58, "移転を行っている": 47}
    # a （ left open on its line: its text only when its 「）」 is printed apart (else it may wrap)
    opened = ["[ ○ ] その他 （ 中間サーバー", "] 庁内連携システム"]
    assert grid.read(CONNECTIONS, opened) == {"その他": True}
    assert grid.read(CONNECTIONS, [*opened, "）"]) == {"その他": "中間サーバー"}
    assert grid.read(CONNECTIONS, ["[ ○ ] その他 （ 中間サーバー（端末含む） ）"]) == {
        "その他": "中間サーバー（端末含む）"
    }


SCATTERED = """Ⅰ　基本情報
 ２．特定個人情報ファイルを取り扱う事務において使用するシステム
 システム1
 ①システムの名称 税務システム
 ③他のシステムとの接続
[ ○ ] 情報提供ネットワークシステム [ ○
[ ] 住民基本台帳ネットワークシステム [
[ ○ ] その他 （ 中間サーバー
] 庁内連携システム
）
Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
住民税ファイル
 ２．基本情報
 主な記録項目　※
・識別情報
[ ○ ] 個人番号 [
] 個人番号対応符号 [ ○
 ３．特定個人情報の入手・使用
 ①入手元　※
[ ○ ] 本人又は本人の代理人
[ ○] 4情報（氏名、性別、生年月日、住所）
] その他識別情報（内部番号）
"""


def test_scattered_grid_pieces_reach_their_items() -> None:
    data = text.read((COVER + SCATTERED).encode("utf-8")).models[0].data
    assert data["basic_info"]["systems"][0]["connections"] == {
        "情報提供ネットワークシステム": True,
        "庁内連携システム": True,
        "その他": "中間サーバー",
    }
    basic = data["files"][0]["basic"]
    # 「[ ○] 4情報…」 is printed under ①入手元 but is an option of ②主な記録項目 only
    assert basic["main_items"] == {
        "個人番号": True,
        "その他識別情報（内部番号）": True,
        "4情報（氏名、性別、生年月日、住所）": True,
    }
    assert data["files"][0]["acquisition_use"]["sources"] == {"本人又は本人の代理人": True}


BAND = """Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策
 ７．特定個人情報の保管・消去
 リスク１：　特定個人情報の漏えい・滅失・毀損リスク
 ③安全管理規程
 ④安全管理体制・規程の職員への周知
[
]十分に周知している
十分に整備している
＜選択肢＞
2） 十分に周知している1） 特に力を入れて周知している
 ②安全管理体制
政府機関ではない
"""


def test_choice_values_printed_in_a_band_apart_from_their_labels() -> None:
    data = text.read((COVER + BAND).encode("utf-8")).models[0].data
    r1 = data["files"][0]["risks"]["storage"]["r1"]
    assert r1["awareness"] == "十分に周知している"
    # read under ④, which cannot take it: the open ③ above can
    assert r1["rules"] == "十分に整備している"
    # ①'s label is not printed at all: 「政府機関ではない」 is an option of ①NISC alone
    assert r1["nisc"] == "政府機関ではない"
    # nothing is printed that only ②安全管理体制 could take
    assert r1.get("structure") is None


def test_a_checkbox_label_is_not_a_choice_value() -> None:
    from piagen.importers import choices

    assert choices.only_owner("full", "政府機関ではない") is not None
    assert choices.only_owner("full", "[ 政府機関ではない") is not None
    # 「] 行っていない」 closes a box of 提供・移転の有無; 「十分に整備している」 has two owners
    assert choices.only_owner("focused", "] 行っていない") is None
    assert choices.only_owner("full", "十分に整備している") is None


BEFORE = """Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策
 ５．特定個人情報の提供・移転 （委託や情報提供ネットワークシステムを通じた提供を除く。）
 リスク１：　不正な提供・移転が行われるリスク
記録を残している[
[
 特定個人情報の提供・移転
の記録
1） 記録を残している 2） 記録を残していない
＜選択肢＞]
 具体的な方法 提供の記録を残す。
Ⅳ　その他のリスク対策 ※
 １．監査
 ①自己点検 十分に行っている[ ＜選択肢＞
1) 特に力を入れて行っている 2) 十分に行っている
3) 十分に行っていない
]
・年に１回点検する。
十分に行っている 従業者に対する教育・啓発
 具体的な方法
・研修を行う。
2) 十分に行っている1) 特に力を入れて行っている]特に力を入れて行っている[
 ２．従業者に対する教育・啓発
 ②監査
"""


def test_choice_values_printed_before_their_labels() -> None:
    data = text.read((COVER + BEFORE).encode("utf-8")).models[0].data
    # the value a few lines above the label, taken by no item when it was read
    assert data["files"][0]["risks"]["provision"]["r1"]["log"]["status"] == "記録を残している"
    other = data["other_measures"]
    assert other["audit"]["self_check"]["status"] == "十分に行っている"
    # 「value label」 on one line
    assert other["training"]["status"] == "十分に行っている"
    # 「]value[」 after the ＜選択肢＞ of the previous item, then the label
    assert other["audit"]["audit"]["status"] == "特に力を入れて行っている"


UNDER_A_CHOICE = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
住民税ファイル
 ２．基本情報
 主な記録項目　※
・識別情報
 ④記録される項目 [ 10項目以上50項目未満
] 個人番号対応符号 [ ○
[ ○] 4情報（氏名、性別、生年月日、住所）
＜選択肢＞
1） 10項目未満 2） 10項目以上50項目未満
 ⑤保有開始日 令和元年５月
"""


def test_checkbox_pieces_read_under_a_choice_go_to_their_grid() -> None:
    basic = text.read((COVER + UNDER_A_CHOICE).encode("utf-8")).models[0].data["files"][0]["basic"]
    assert basic["item_count"] == "10項目以上50項目未満"
    assert basic["main_items"] == {
        "その他識別情報（内部番号）": True,
        "4情報（氏名、性別、生年月日、住所）": True,
    }


def test_a_value_followed_by_its_option_block_on_the_same_lines() -> None:
    from piagen.importers import labels, values

    band = next(i for i in labels.items("full") if i.path == ("files", "*", "storage", "period", "band"))
    shown = "[ 5年 9） 20年以上\n6） 5年\n3） 2年\n8） 10年以上20年未満"
    assert values.choice_of(band, shown) == "5年"
    # the option block alone shows no value
    assert values.choice_of(band, "6） 5年\n3） 2年") is None


MARKER_AFTER = """Ⅰ　基本情報
 ２．特定個人情報ファイルを取り扱う事務において使用するシステム
 システム2
 ①システムの名称 宛名システム
 ③他のシステムとの接続
[ ○ ] 宛名システム等 [
 ①システムの名称 税務システム
 ③他のシステムとの接続
[ ○ ] 情報提供ネットワークシステム [
 システム1
"""


def test_a_grid_read_twice_for_one_entry_is_the_next_entry_without_one() -> None:
    systems = text.read((COVER + MARKER_AFTER).encode("utf-8")).models[0].data["basic_info"]["systems"]
    # システム1's lines come before its marker (printed after them): like its name, its ③ goes to
    # the first system without one
    assert [(s["name"], s["connections"]) for s in systems] == [
        ("税務システム", {"情報提供ネットワークシステム": True}),
        ("宛名システム", {"宛名システム等": True}),
    ]


JOINED = """Ⅰ　基本情報
 ２．特定個人情報ファイルを取り扱う事務において使用するシステム
 システム1
 ①システムの名称 税務システム
 ③他のシステムとの接続
[ ○ ] その他 （
（ ）
[ ] 宛名システム等 （ ）
"""


def test_a_parenthesis_joined_into_other_boxes_gives_no_text() -> None:
    systems = text.read((COVER + JOINED).encode("utf-8")).models[0].data["basic_info"]["systems"]
    # 「（」 left open, joined with the next lines, holds only brackets: その他 is ticked, no text
    assert systems[0]["connections"] == {"その他": True}
