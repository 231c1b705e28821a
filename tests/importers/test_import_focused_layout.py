"""The layout family of extracted 重点項目評価書 (様式3) where a page's label column and its values are
printed apart: choice values before their label, several values in a row after one label. Each
mechanism on a small synthetic snippet shaped like the artefact, in the form's own labels."""

from __future__ import annotations

from typing import Any

from piagen.importers import early, fixed, labels, reader, runs, text, values
from piagen.importers.lines import Line

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


def test_values_after_a_run_of_labels_go_to_them_in_the_form_order() -> None:
    # ③ and ④ printed together, the next section's heading, then their two values.
    data, _ = _read(
        """Ⅳ　開示請求、問合せ
 １．特定個人情報の開示・訂正・利用停止請求
 ①請求先 市役所
 ②請求方法 請求書を提出する。
 ③法令による特別の手続

 ④個人情報ファイル簿への不記載等

Ⅴ　評価実施手続

特になし

該当なし

 ２．特定個人情報ファイルの取扱いに関する問合せ
 ①連絡先 市役所
"""
    )
    request = data["disclosure"]["request"]
    assert request["special"] == "特になし"
    assert request["non_listing"] == "該当なし"


def test_a_run_of_labels_takes_nothing_when_the_paragraphs_do_not_match_in_number() -> None:
    data, unplaced = _read(
        """Ⅳ　開示請求、問合せ
 １．特定個人情報の開示・訂正・利用停止請求
 ①請求先 市役所
 ②請求方法 請求書を提出する。
 ③法令による特別の手続

 ④個人情報ファイル簿への不記載等

Ⅴ　評価実施手続

特になし

該当なし

ほかの段落

 ２．特定個人情報ファイルの取扱いに関する問合せ
 ①連絡先 市役所
"""
    )
    request = data["disclosure"]["request"]
    assert "special" not in request and "non_listing" not in request
    assert {"特になし", "該当なし", "ほかの段落"} <= set(unplaced)


RISK_HEAD = """Ⅲ　リスク対策　※（７．②を除く。）
 １．特定個人情報ファイル名
試験ファイル
 ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。）
 リスク：　目的外の入手が行われるリスク
窓口で本人確認を行い、必要な情報だけを入手する。
"""


def test_text_after_a_heading_is_its_first_item_when_that_label_comes_later_empty() -> None:
    data, _ = _read(
        RISK_HEAD
        + """ リスクに対する措置の内容

 リスクへの対策は十分か [ 十分である ]
"""
    )
    r1 = data["files"][0]["risks"]["acquisition"]["r1"]
    assert r1["measures"] == "窓口で本人確認を行い、必要な情報だけを入手する。"
    assert r1["rating"] == "十分である"


def test_text_after_a_heading_is_not_taken_when_the_label_has_its_own_value() -> None:
    data, unplaced = _read(
        RISK_HEAD
        + """ リスクに対する措置の内容 申請書で確認する。
 リスクへの対策は十分か [ 十分である ]
"""
    )
    r1 = data["files"][0]["risks"]["acquisition"]["r1"]
    assert r1["measures"] == "申請書で確認する。"
    assert "窓口で本人確認を行い、必要な情報だけを入手する。" in unplaced


def test_the_row_listing_the_file_names_ends_the_item_before_it() -> None:
    # Ⅰ３．特定個人情報ファイル名 (the schema's x-names-title) is a label of the form too.
    data, unplaced = _read(
        """ ６．評価実施機関における担当部署
 ①部署 健康課
 ②所属長の役職名 課長
 ３．特定個人情報ファイル名
試験ファイル
 ４．個人番号の利用 ※
 法令上の根拠 番号法第9条第1項
"""
    )
    basic_info = data["basic_info"]
    assert basic_info["department"] == {"name": "健康課", "head_title": "課長"}
    assert basic_info["mynumber_use"] == {"legal_basis": "番号法第9条第1項"}
    assert "試験ファイル" in unplaced


def test_an_unclosed_bracket_with_the_option_list_on_its_row_shows_its_value() -> None:
    item = next(i for i in labels.items("focused") if i.path == ("files", "*", "basic", "people"))
    shown = "[ 10万人以上100万人未満 3） 10万人以上100万人未満"
    assert values.choice_of(item, shown) == "10万人以上100万人未満"
    assert values.choice_of(item, "3） 10万人以上100万人未満") is None  # a list row alone is no value


FLAGGED = """Ⅲ　リスク対策　※（７．②を除く。）
 １．特定個人情報ファイル名
試験ファイル
 ５．特定個人情報の提供・移転 （委託や情報提供ネットワークシステムを通じた提供を除く。） {tick}
 リスク：　不正な提供・移転が行われるリスク
 リスクへの対策は十分か
[ 十分である
 ６．情報提供ネットワークシステムとの接続
 リスク１：　目的外の入手が行われるリスク
 リスクに対する措置の内容 照会は許可された職員に限る。
 リスクへの対策は十分か
] 提供・移転しない
"""


def test_a_tick_on_the_heading_row_sets_the_sections_flag_and_its_questions_take_no_value() -> None:
    data, _ = _read(FLAGGED.format(tick="[ ○"))
    risks = data["files"][0]["risks"]
    assert risks["provision"] == {"not_provided": True}
    assert risks["network"]["r1"]["rating"] == "十分である"


def test_an_empty_box_on_the_heading_row_leaves_the_section_answered() -> None:
    data, _ = _read(FLAGGED.format(tick="[ ]"))
    risks = data["files"][0]["risks"]
    assert "not_provided" not in risks["provision"]
    assert risks["provision"]["r1"]["rating"] == "十分である"


FILE_HEAD = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
 ２．基本情報
"""


def test_a_subgroup_heading_of_a_checkbox_grid_printed_alone_is_no_value() -> None:
    data, _ = _read(
        FILE_HEAD
        + """ その妥当性 本人を特定するために保有する。
・連絡先等情報
 全ての記録項目 別添１を参照。
"""
    )
    basic = data["files"][0]["basic"]
    assert basic["items_validity"] == "本人を特定するために保有する。"
    assert basic["all_items"] == "別添１を参照。"


def test_a_text_value_ends_at_a_bare_checkbox_piece() -> None:
    data, unplaced = _read(
        FILE_HEAD
        + """ その妥当性 本人を特定するために保有する。
[ ○
[
別の項目の値
 全ての記録項目 別添１を参照。
"""
    )
    assert data["files"][0]["basic"]["items_validity"] == "本人を特定するために保有する。"
    assert "別の項目の値" in unplaced


def test_a_subgroup_heading_set_is_read_from_the_form() -> None:
    heads = fixed.subgroup_heads(reader.Index("focused"))
    assert {"・識別情報", "・連絡先等情報", "・業務関係情報"} <= heads
    assert "リスク:委託先における不正な使用等のリスク" in heads  # x-risk-titles of 様式3 ４．


USE_HEAD = """Ⅲ　リスク対策　※（７．②を除く。）
 １．特定個人情報ファイル名
試験ファイル
 ３．特定個人情報の使用
 リスク２：　権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク
 ユーザ認証の管理 [ 行っている ]
 具体的な管理方法 ICカードで認証する。
 特定個人情報の使用におけるその他のリスク及びそのリスクに対する措置
 その他の措置の内容 ―
{between}
外部媒体は接続できない。
 リスクへの対策は十分か [ 十分である ]
"""


def test_a_paragraph_set_apart_from_an_inline_value_goes_to_the_empty_label_before() -> None:
    data, _ = _read(USE_HEAD.format(between="[ 十分である\n"))
    use = data["files"][0]["risks"]["use"]
    assert use["r2"]["other"] == "―"
    assert use["other_risks"] == "外部媒体は接続できない。"


def test_a_line_right_after_an_inline_value_continues_it() -> None:
    data, _ = _read(USE_HEAD.format(between="").replace("―\n\n", "同上\n"))
    use = data["files"][0]["risks"]["use"]
    assert use["r2"]["other"] == "同上\n外部媒体は接続できない。"
    assert "other_risks" not in use


ENTRUST = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
 ４．特定個人情報ファイルの取扱いの委託
（ ）　件
{number}
委託する
 委託の有無　※
 委託事項1 システムの保守
"""


def test_a_count_printed_apart_from_its_empty_parentheses_goes_to_the_count_beside_the_choice() -> None:
    data, _ = _read(ENTRUST.format(number="3"))
    entrustment = data["files"][0]["entrustment"]
    assert entrustment["status"] == "委託する"
    assert entrustment["count"] == 3


def test_a_bare_number_pages_away_is_no_count() -> None:
    data, unplaced = _read(ENTRUST.format(number="3" + "\n" * (early.REACH + 20)))
    assert "count" not in data["files"][0]["entrustment"]
    assert "3" in unplaced


def test_an_entry_marker_printed_after_the_entrys_name_opens_that_entry_with_that_name() -> None:
    data, _ = _read(
        """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
 ５．特定個人情報の提供・移転（委託に伴うものを除く。）
 ⑦時期・頻度 照会の都度
市町村長 提供先1
 ①法令上の根拠 番号法第19条第8号
"""
    )
    recipient = data["files"][0]["provision"]["recipients"][0]
    assert recipient["name"] == "市町村長"
    assert recipient["timing"] == "照会の都度"
    assert recipient["legal_basis"] == "番号法第19条第8号"


def test_a_sentence_ending_in_an_entry_word_without_a_number_is_no_marker() -> None:
    index = reader.Index("focused")

    assert runs.trailing_marker(index, "都道府県知事 提供先2") is not None
    assert runs.trailing_marker(index, "情報を提供先に送る") is None
    assert runs.trailing_marker(index, "提供先2～5") is None


SPREAD = """ ②事務の内容
 ２．特定個人情報ファイルを取り扱う事務において使用するシステム
 システム1
 ①システムの名称 試験システム
 ②システムの機能
 ③他のシステムとの接続
[ ○ ] 庁内連携システム
住民の記録を管理する事務。
{gap}
記録を保存する機能。
 ４．個人番号の利用 ※
"""


def test_paragraphs_after_an_open_checkbox_list_go_to_the_empty_labels_before_in_form_order() -> None:
    data, _ = _read(SPREAD.format(gap=""))
    basic_info = data["basic_info"]
    assert basic_info["task"]["description"] == "住民の記録を管理する事務。"
    assert basic_info["systems"][0]["function"] == "記録を保存する機能。"


def test_one_paragraph_after_an_open_checkbox_list_goes_to_the_latest_empty_label() -> None:
    data, _ = _read(SPREAD.format(gap="続きの行。"))
    basic_info = data["basic_info"]
    assert "description" not in basic_info["task"]
    assert (
        basic_info["systems"][0]["function"] == "住民の記録を管理する事務。\n続きの行。\n記録を保存する機能。"
    )


def test_a_flag_silences_only_the_items_the_form_asks_for_unless_it_is_ticked() -> None:
    # 接続しない（入手） ticked: リスク１ (x-required unless no_acquisition) takes no stray value,
    # リスク２ (unless no_provision) still does.
    data, _ = _read(
        """Ⅲ　リスク対策　※（７．②を除く。）
 １．特定個人情報ファイル名
試験ファイル
 ６．情報提供ネットワークシステムとの接続
[ ○ ] 接続しない（入手）
 リスク１：　目的外の入手が行われるリスク
 リスクへの対策は十分か
[ 十分である
 リスク２：　不正な提供が行われるリスク
 リスクへの対策は十分か
"""
    )
    network = data["files"][0]["risks"]["network"]
    assert network["no_acquisition"] is True
    assert "r1" not in network
    assert network["r5"]["rating"] == "十分である"


def test_a_choice_label_read_again_goes_to_the_next_entry_still_empty() -> None:
    # 提供先2's ④ printed before its marker: the second ④ is the next recipient's.
    data, _ = _read(
        """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
 ５．特定個人情報の提供・移転（委託に伴うものを除く。）
 提供先1 市町村長
 ④提供する情報の対象となる本人の数 [ 1万人以上10万人未満 ]
 ④提供する情報の対象となる本人の数
 ⑦時期・頻度 照会の都度
1万人未満
 提供先2 都道府県知事
"""
    )
    recipients = data["files"][0]["provision"]["recipients"]
    assert recipients[0]["people"] == "1万人以上10万人未満"
    assert recipients[1]["people"] == "1万人未満"


def test_a_number_apart_is_no_count_when_the_choice_says_no_count_is_asked() -> None:
    data, unplaced = _read(ENTRUST.format(number="3").replace("委託する\n", "委託しない\n"))
    entrustment = data["files"][0]["entrustment"]
    assert entrustment["status"] == "委託しない"
    assert "count" not in entrustment
    assert "3" in unplaced


def test_the_end_of_a_wrapped_checkbox_label_is_no_text() -> None:
    lines = [Line("[ ○ ] 情報提供ネットワークシステム", 1), Line("] フラッシュメモ", 2), Line("リ", 3)]
    printed = ("フラッシュメモリ", "情報提供ネットワークシステム")
    assert fixed.option_tail(lines, 2, printed)
    assert not fixed.option_tail([Line("本文です", 1), Line("リ", 2)], 1, printed)


def test_a_count_piece_of_a_checkbox_is_no_text() -> None:
    data, _ = _read(
        """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
 ５．特定個人情報の提供・移転（委託に伴うものを除く。）
 提供先1 市町村長
 ③提供する情報
（ 2
予防接種履歴
 ⑦時期・頻度 照会の都度
"""
    )
    assert data["files"][0]["provision"]["recipients"][0]["info"] == "予防接種履歴"
