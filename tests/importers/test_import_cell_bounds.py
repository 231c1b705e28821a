"""Where a cell's text ends when the extraction lost the table (importers/cells.py): a value read
before its label on one line, and a label printed around its value 「（手数料額、納付方法：　）」."""

from __future__ import annotations

from typing import Any

from piagen.importers import labels, text, values
from tests.shared import PUBLISHED_COVER

COVER = PUBLISHED_COVER


def _read(body: str) -> tuple[dict[str, Any], list[str]]:
    model = text.read((COVER + body).encode("utf-8")).models[0]
    return model.data, [u.line.text for u in model.unplaced]


def test_a_value_read_before_its_label_goes_to_that_label_and_ends_there() -> None:
    data, unplaced = _read(
        """Ⅴ　開示請求、問合せ
 １．特定個人情報の開示・訂正・利用停止請求
 ②請求方法 指定様式の書面で請求を受け付ける。

任意の書式でも請求を受け付ける。 特記事項

どこにも当たらない行
 ⑤法令による特別の手続
"""
    )
    request = data["disclosure"]["request"]
    assert request["method"] == "指定様式の書面で請求を受け付ける。"
    assert request["method_note"] == "任意の書式でも請求を受け付ける。"
    assert "どこにも当たらない行" in unplaced  # after the turned line: the item has ended


def test_a_dash_run_into_the_cell_before_is_the_value_of_the_label_after_it() -> None:
    data, _ = _read(
        """Ⅴ　開示請求、問合せ
 １．特定個人情報の開示・訂正・利用停止請求
 ②請求方法 指定様式の書面で請求を受け付ける。- 特記事項
"""
    )
    request = data["disclosure"]["request"]
    assert request["method"] == "指定様式の書面で請求を受け付ける。"
    assert request["method_note"] == "-"


def test_a_choice_printed_before_its_label() -> None:
    data, _ = _read(
        """Ⅳ　その他のリスク対策
 ２．従業者に対する教育・啓発
十分に行っている 従業者に対する教育・啓発
 具体的な方法
研修を年に一度行う。
"""
    )
    training = data["other_measures"]["training"]
    assert training == {"status": "十分に行っている", "method": "研修を年に一度行う。"}


def test_a_label_named_in_a_text_or_a_row_of_labels_is_not_turned() -> None:
    data, _ = _read(
        """Ⅳ　その他のリスク対策
 ２．従業者に対する教育・啓発
 具体的な方法
次の規程を周知する。
　・ 特定個人情報ファイルの取扱いの記録
変更した項目：Ⅱ　３．特定個人情報の入手・使用④使用の主体　使用部署
"""
    )
    method = data["other_measures"]["training"]["method"]
    assert method == (
        "次の規程を周知する。\n　・ 特定個人情報ファイルの取扱いの記録\n"
        "変更した項目：Ⅱ　３．特定個人情報の入手・使用④使用の主体　使用部署"
    )


def test_a_framed_label_holds_one_paragraph() -> None:
    data, unplaced = _read(
        """Ⅴ　開示請求、問合せ
 １．特定個人情報の開示・訂正・利用停止請求
 ⑥個人情報ファイル簿への不
記載等

－

（手数料額、納付方
法：

写しの交付は１枚１０円（白黒）。

－
"""
    )
    request = data["disclosure"]["request"]
    assert request["non_listing"] == "－"
    assert request["fee"]["detail"] == "写しの交付は１枚１０円（白黒）。"
    assert "－" in unplaced


def test_a_framed_label_closed_on_its_line_or_printed_whole() -> None:
    for line in (
        "（手数料額、納付方法： 無料（郵送料を除く） ）",
        "（手数料額、納付方法：　）　無料（郵送料を除く）",
    ):
        data, _ = _read(
            f"""Ⅴ　開示請求、問合せ
 １．特定個人情報の開示・訂正・利用停止請求
{line}
"""
        )
        assert data["disclosure"]["request"]["fee"]["detail"] == "無料（郵送料を除く）", line


def test_the_contents_list_opens_no_item() -> None:
    """The 項目一覧 names the chapters (in any order, around the word 項目一覧): the （別添２）
    printed there is not the record items of the first file."""
    data, _ = _read(
        """　（別添３）　変更箇所

Ⅵ　評価実施手続
項目一覧
Ⅰ　基本情報
　（別添２） 特定個人情報ファイル記録項目
Ⅱ　特定個人情報ファイルの概要
2
Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
住民税ファイル
 ２．基本情報
 ①ファイルの種類　※ [ システム用ファイル
・連絡先等情報
　（別添２） 特定個人情報ファイル記録項目
・氏名
・住所
"""
    )
    assert [f.get("record_items") for f in data["files"]] == ["・氏名\n・住所"]


def test_a_file_name_printed_in_the_record_items_is_kept_with_them() -> None:
    data, _ = _read(
        """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
（１）　住民ファイル
 １．特定個人情報ファイル名
（２）　送付先ファイル
　（別添２） 特定個人情報ファイル記録項目
（１）　住民ファイル
1)氏名、2)住所
（２）　送付先ファイル
1)送付先住所
"""
    )
    assert [f.get("record_items") for f in data["files"]] == [
        "（１）　住民ファイル\n1)氏名、2)住所",
        "（２）　送付先ファイル\n1)送付先住所",
    ]


def test_a_value_item_takes_the_one_line_that_is_its_option() -> None:
    """「Ⅲ　しきい値判断結果」 of the 基礎項目評価書 (a value of a closed list, printed without its
    options) read with the cells extraction put after it: the line that is one of its values."""
    item = next(i for i in labels.items("basic") if i.path == ("basic", "threshold_result"))
    read = "しきい値判断結果\n基礎項目評価及び全項目評価の実施が義務付けられる\n十分である\n十分である"
    assert values.value_of(item, read) == "基礎項目評価及び全項目評価の実施が義務付けられる"
    assert values.value_of(item, "任意の記載\n別の記載") == "任意の記載\n別の記載"


def test_a_page_title_printed_under_its_heading_opens_a_titled_page() -> None:
    data, _ = _read(
        """  （別添1） 事務の内容

「（１）住民ファイル」を取り扱う事務の内容（住民記録システムを中心とした流れ）

住民記録
システム

 （備考）
１．住民の異動を記録する。
"""
    )
    page = data["annex_flow"][0]
    assert page["title"] == "「（１）住民ファイル」を取り扱う事務の内容（住民記録システムを中心とした流れ）"
    assert page["figure_text"] == "住民記録\nシステム"
    assert page["notes"] == "１．住民の異動を記録する。"


def test_a_heading_followed_by_a_label_or_short_words_takes_no_title() -> None:
    data, _ = _read(
        """  （別添1） 事務の内容

住民記録
システム

 （備考）
１．住民の異動を記録する。
"""
    )
    assert "title" not in data["annex_flow"][0]
