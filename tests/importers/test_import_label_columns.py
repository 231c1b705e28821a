"""Labels printed as a column before their values (importers/columns.py, cells._lifted): the shape
extraction gives a table whose label cells were read before its value cells, on synthetic text."""

from __future__ import annotations

from typing import Any

from piagen.importers import text
from tests.shared import PUBLISHED_COVER

COVER = PUBLISHED_COVER


def _read(body: str) -> tuple[dict[str, Any], list[str]]:
    model = text.read((COVER + body).encode("utf-8")).models[0]
    return model.data, [u.line.text for u in model.unplaced]


# Ⅵ as extraction printed it: ３'s labels and ２'s last labels, then their values in order; ２'s
# ③ value read level with its wrapped label; ２'s ② value on its label's line, ①'s paragraph after.
PROCEDURE = """Ⅵ　評価実施手続

  ①実施日

 ②方法

 ④主な意見の内容

 ⑤評価書への反映

令和6年11月28日

市の審議会において点検を実施。

 ３．第三者点検

意見なし

反映事項なし

 ①方法

期間短縮なし
 ③期間を短縮する特段の理
由

 ２．国民・住民等からの意見の聴取

 ②実施日・期間 令和6年10月9日から11月8日まで

市のホームページで評価書を公開し、
意見を受け付けた。

 １．基礎項目評価

 ①実施日 令和7年1月20日
"""


def test_a_column_of_labels_takes_the_paragraphs_after_it_in_order() -> None:
    data, _ = _read(PROCEDURE)
    procedure = data["procedure"]
    assert procedure["third_party"] == {"date": "令和6年11月28日", "method": "市の審議会において点検を実施。"}
    comment = procedure["public_comment"]
    assert comment["main_opinions"] == "意見なし"
    assert comment["reflection"] == "反映事項なし"


def test_a_label_printed_in_two_places_is_told_by_the_label_after_it() -> None:
    data, _ = _read(PROCEDURE)
    assert data["procedure"]["basic_assessment"]["date"] == "令和7年1月20日"
    assert data["procedure"]["third_party"]["date"] == "令和6年11月28日"


def test_a_value_read_level_with_its_wrapped_label_and_an_inline_value_ending_at_the_blank() -> None:
    data, _ = _read(PROCEDURE)
    comment = data["procedure"]["public_comment"]
    assert comment["shortening_reason"] == "期間短縮なし"
    assert comment["period"] == "令和6年10月9日から11月8日まで"
    assert comment["method"] == "市のホームページで評価書を公開し、\n意見を受け付けた。"


def test_one_label_left_empty_before_another_is_no_column() -> None:
    """「具体的なチェック方法」 left blank, 「具体的な内容」 after it: the paragraph is the second's."""
    data, _ = _read(
        """Ⅳ　その他のリスク対策
 １．監査

 具体的なチェック方法

 具体的な内容

内部監査を年に一度行う。

 ２．従業者に対する教育・啓発
"""
    )
    audit = data["other_measures"]["audit"]
    assert audit.get("self_check", {}).get("method") is None
    assert audit["audit"]["content"] == "内部監査を年に一度行う。"


def test_a_stray_paragraph_goes_to_no_label_printed_apart_from_a_column() -> None:
    """④ left empty (its next line a bracket, not a label): the paragraph after the heading that
    follows is no value of it."""
    data, unplaced = _read(
        """Ⅵ　評価実施手続

 ２．国民・住民等からの意見の聴取

 ①方法 意見公募を行った。

前の段落
 ④主な意見の内容
）

 ３．第三者点検

どこにも当たらない段落
"""
    )
    assert "main_opinions" not in data["procedure"]["public_comment"]
    assert "どこにも当たらない段落" in unplaced


def test_an_earlier_column_left_empty_takes_none_of_the_later_paragraphs() -> None:
    """４．'s labels (left blank: 【行政機関等のみ】) printed before Ⅵ: the paragraph after ２．②'s
    own value is ２．①'s, and ３．'s column takes its dates and texts, not ４．'s ①提出日."""
    data, _ = _read(
        """ ４．個人情報保護委員会の承認　【行政機関等のみ】

 ①提出日

 ②個人情報保護委員会によ
る審査

Ⅵ　評価実施手続

 ①方法

—
 ③期間を短縮する特段の理
由

 ２．国民・住民等からの意見の聴取

 ②実施日・期間 令和４年１０月３日から令和４年１１月２日

令和４年１０月３日から評価書をホームページに
掲載し、意見を募集する。

 １．基礎項目評価

 ①実施日 令和4年10月3日

 ①実施日

 ②方法

 ④主な意見の内容

 ⑤評価書への反映

令和４年１２月予定

審議会に諮問し、点検を実施する。
"""
    )
    procedure = data["procedure"]
    assert "ppc_approval" not in procedure
    assert procedure["public_comment"] == {
        "method": "令和４年１０月３日から評価書をホームページに\n掲載し、意見を募集する。",
        "period": "令和４年１０月３日から令和４年１１月２日",
        "shortening_reason": "—",
    }
    assert procedure["third_party"] == {
        "date": "令和４年１２月予定",
        "method": "審議会に諮問し、点検を実施する。",
    }


def test_a_note_glued_to_a_wrapped_label_stays_with_the_text_above() -> None:
    """「※ …」 is the last line of the cell above, even when the next label wraps over lines."""
    data, _ = _read(
        """Ⅵ　評価実施手続

 ２．国民・住民等からの意見の聴取

 ①方法 意見公募を行った。

※ 期間は広報で知らせた。
 ③期間を短縮する特段の理
由

短縮していない。
"""
    )
    comment = data["procedure"]["public_comment"]
    assert comment["shortening_reason"] == "短縮していない。"
    assert comment["method"] == "意見公募を行った。\n※ 期間は広報で知らせた。"
