"""Checkbox grids whose boxes extraction printed apart from their labels: the boxes of the first row
read right after the grid's label, and loose ticks never joined with a label read far away."""

from __future__ import annotations

import pytest

from piagen.importers import first_row, text
from piagen.importers.lines import Line
from tests.importers.test_import_published import SEEDS, needs_seeds
from tests.shared import published_cover

RECORDED = ("files", "*", "basic", "main_items")
SOURCES = ("files", "*", "acquisition_use", "sources")

COVER = published_cover(number="12", first_item=False)


def _lines(*texts: str) -> list[Line]:
    return [Line(t, n) for n, t in enumerate(texts, start=1)]


def test_boxes_right_after_the_label_are_the_first_row() -> None:
    assert first_row.boxes(RECORDED, _lines("[ ○ [ ○")) == {"個人番号": True, "個人番号対応符号": True}
    assert first_row.boxes(RECORDED, _lines("", "[ ○ [", "] 個人番号")) == {"個人番号": True}
    assert first_row.boxes(SOURCES, _lines("[ ○", "[ ○ ] 評価実施機関内の他部署")) == {
        "本人又は本人の代理人": True
    }


@pytest.mark.parametrize(
    "first",
    [
        "[ ○ ] 個人番号",  # a label on the line: read as printed, not by position
        "○ [",  # no box opened first
        "[ ○ ○",  # two ticks in one box
        "[ ○ [ [ [",  # more boxes than the first row has
        "] 個人番号対応符号 [ ○",
    ],
)
def test_other_first_lines_say_nothing_about_the_first_row(first: str) -> None:
    assert first_row.boxes(RECORDED, _lines(first)) == {}


SOURCES_APART = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
住民税ファイル
 ３．特定個人情報の入手・使用
 ①入手元　※
[ ○
[ ○ ] 評価実施機関内の他部署
[ ] その他 （ ）
[ ] 民間事業者 （ ）
[ ] 地方公共団体・地方独立行政法人
 ②入手方法
[ ○ ] 紙 [
] 本人又は本人の代理人
"""


def test_the_first_option_ticked_in_the_box_printed_after_the_label() -> None:
    data = text.read((COVER + SOURCES_APART).encode("utf-8")).models[0].data
    assert data["files"][0]["acquisition_use"]["sources"] == {
        "本人又は本人の代理人": True,
        "評価実施機関内の他部署": True,
    }


def test_an_option_printed_with_its_own_empty_box_is_not_ticked_by_position() -> None:
    printed = SOURCES_APART.replace("] 本人又は本人の代理人", "[ ] 本人又は本人の代理人")
    data = text.read((COVER + printed).encode("utf-8")).models[0].data
    assert data["files"][0]["acquisition_use"]["sources"] == {"評価実施機関内の他部署": True}


LOOSE_TICKS = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
住民税ファイル
 ２．基本情報
 ①ファイルの種類　※ [ システム用ファイル
[ ○
[ ○
 ⑤保有開始日 平成２８年１月
 ⑥事務担当部署 市民税課
] 個人番号対応符号 [ ○
 主な記録項目　※
・識別情報
[ ] 個人番号 [
 その妥当性
住民税の賦課のために保有する。
"""


def test_a_loose_tick_is_not_joined_with_a_label_read_far_after_it() -> None:
    data = text.read((COVER + LOOSE_TICKS).encode("utf-8")).models[0].data
    # the 「[ ○」 lines before the label are no box of 個人番号対応符号; its own line ticks the next box
    assert data["files"][0]["basic"]["main_items"] == {"その他識別情報（内部番号）": True}


@needs_seeds
def test_first_rows_on_the_seeds() -> None:
    kashiwa = text.read(next(SEEDS.glob("000_*.txt")).read_bytes()).models[0].data["files"][0]
    # 「主な記録項目　※」「・識別情報」「[ ○ [ ○」: the first row's two boxes (the example reads them so)
    assert {"個人番号", "個人番号対応符号"} <= set(kashiwa["basic"]["main_items"])
    assert kashiwa["acquisition_use"]["sources"]["本人又は本人の代理人"] is True
    models = text.read(next(SEEDS.glob("003_*.txt")).read_bytes()).models
    yobou = next(m for m in models if "予防接種" in m.name).data["files"][0]
    main = yobou["basic"]["main_items"]
    assert main["個人番号"] is True
    # 「] 個人番号対応符号 [ ○」 ticks the box after it; loose ticks 40 lines before are not its own
    assert "個人番号対応符号" not in main and main["その他識別情報（内部番号）"] is True


OTHER_APART = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
住民税ファイル
 ２．基本情報
 主な記録項目　※
・識別情報
[ ○ ] 個人番号 [
[ ○ ] その他 （
[ ] 雇用・労働関係情報 [
接種回数、接種日、ワクチンメーカー
] 災害関係情報
）
 その妥当性
住民税の賦課のために保有する。
"""


def test_the_text_of_a_ticked_other_printed_between_the_grids_pieces() -> None:
    data = text.read((COVER + OTHER_APART).encode("utf-8")).models[0].data
    assert data["files"][0]["basic"]["main_items"] == {
        "個人番号": True,
        "その他": "接種回数、接種日、ワクチンメーカー",
    }


def test_a_text_in_parentheses_is_not_the_rest_of_an_opened_box() -> None:
    # 「[ ○ ] その他 （」 printed its 「（」: a line 「（ 他市区町村 ）」 beside it is another option's text
    printed = OTHER_APART.replace("接種回数、接種日、ワクチンメーカー", "（ 他市区町村 ）")
    data = text.read((COVER + printed).encode("utf-8")).models[0].data
    assert data["files"][0]["basic"]["main_items"] == {"個人番号": True, "その他": True}


SOURCES_TEXT = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
住民税ファイル
 ３．特定個人情報の入手・使用
 ①入手元　※
[ ○
[ ○ ] 評価実施機関内の他部署
[ ] その他 （ ）
[ ] 地方公共団体・地方独立行政法人
（ 市民生活部　市民課
 ⑧使用方法　※
住民税の賦課に使用する。
 権利利益に影響を
与え得る決定　※
税額の決定
"""


def test_an_opened_parenthesis_apart_is_the_text_of_the_ticked_option_without_one() -> None:
    data = text.read((COVER + SOURCES_TEXT).encode("utf-8")).models[0].data
    use = data["files"][0]["acquisition_use"]
    assert use["sources"] == {"本人又は本人の代理人": True, "評価実施機関内の他部署": "市民生活部　市民課"}
    assert use["usage"]["decisions"] == "税額の決定"
    # two ticked options that take a text, one text: whose it is cannot be told, the line is kept
    # (その他 may hold any text; with 地方公共団体 instead, the text's kind tells: option_kinds.py)
    two = SOURCES_TEXT.replace("[ ] その他 （ ）", "[ ○ ] その他")
    model = text.read((COVER + two).encode("utf-8")).models[0]
    sources = model.data["files"][0]["acquisition_use"]["sources"]
    assert sources["評価実施機関内の他部署"] is True and sources["その他"] is True
    assert any("市民生活部　市民課" in u.line.text for u in model.unplaced)
    told = SOURCES_TEXT.replace("[ ] 地方公共団体", "[ ○ ] 地方公共団体")
    sources = (
        text.read((COVER + told).encode("utf-8")).models[0].data["files"][0]["acquisition_use"]["sources"]
    )
    assert sources["評価実施機関内の他部署"] == "市民生活部　市民課"
    assert sources["地方公共団体・地方独立行政法人"] is True


def test_a_text_begun_in_an_opened_box_is_kept_when_its_rest_is_not_beside_it() -> None:
    lines = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
住民税ファイル
 ４．特定個人情報ファイルの取扱いの委託
 委託事項1 システムの運用保守
 ④委託先への特定個人情報
ファイルの提供方法
[ [
[ ○ ] その他 （ 電算機室内にて電子計算機システムの直接操作
] フラッシュメモ
リ
[ ] 紙
"""
    data = text.read((COVER + lines).encode("utf-8")).models[0].data
    delivery = data["files"][0]["entrustment"]["items"][0]["delivery"]
    assert delivery == {"その他": "電算機室内にて電子計算機システムの直接操作"}


@needs_seeds
def test_other_texts_on_the_seeds() -> None:
    models = text.read(next(SEEDS.glob("003_*.txt")).read_bytes()).models
    yobou = next(m for m in models if "予防接種" in m.name).data["files"][0]
    assert (
        yobou["basic"]["main_items"]["その他"]
        == "接種回数、接種日、ワクチンメーカー、ワクチン製造ロット番号、接種会場"
    )
    kashiwa = text.read(next(SEEDS.glob("000_*.txt")).read_bytes()).models[0].data["files"][0]
    assert kashiwa["acquisition_use"]["sources"]["評価実施機関内の他部署"] == "市民生活部　市民課"


CLOSED_APART = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
本人確認情報ファイル
 ３．特定個人情報の入手・使用
 ⑥使用目的　※
住基ネットを通じて全国共通の本人確認を行うため。
 変更の妥当性 —
既存住基システム ）
 ③入手の時期・頻度 本人確認情報に係る変更が発生した都度入手する。
 ②入手方法
[ ] 紙 [
[ ○ ] その他 （
（ ）
"""


def test_a_text_closed_after_a_space_is_a_grid_piece_not_the_value_above_it() -> None:
    data = text.read((COVER + CLOSED_APART).encode("utf-8")).models[0].data
    use = data["files"][0]["acquisition_use"]
    assert use["methods"] == {"その他": "既存住基システム"}
    assert use["purpose_change_validity"] == "—"


def test_a_tick_given_to_no_option_is_kept_unplaced() -> None:
    model = text.read((COVER + LOOSE_TICKS).encode("utf-8")).models[0]
    ticks = [u for u in model.unplaced if u.line.text.strip() == "[ ○"]
    assert len(ticks) == 2 and all(u.near[-1] == "main_items" for u in ticks)
    # the first row's box after the label, and a box tied to its label, are read: not kept
    read = text.read((COVER + SOURCES_APART).encode("utf-8")).models[0]
    assert not [u for u in read.unplaced if "○" in u.line.text]
