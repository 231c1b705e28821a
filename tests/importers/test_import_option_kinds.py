"""The texts of ①入手元's options printed apart from their boxes (seeds 003 and 004: 「（ 市民課、市民税課」
under 地方公共団体's box, 「（ 他市区町村 ）」 among ②入手方法's pieces): each goes to the one ticked
option waiting for a text whose kind it names (importers/option_kinds.py)."""

from __future__ import annotations

from typing import Any

from piagen.importers import text
from tests.importers.test_import_published import SEEDS, needs_seeds
from tests.shared import published_cover

FILE = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
予防接種ファイル
 ３．特定個人情報の入手・使用
 ②入手方法
[ ○ ] 紙 [
[ ] その他 （ ）
 ③入手の時期・頻度
転入の都度入手する。
 ④入手に係る妥当性
必要な範囲で入手する。
] 情報提供ネットワークシステム
] 庁内連携システム
（ {far} ）
[ ○
[ ] 電子メール [
 ①入手元　※
[ ○ ] 本人又は本人の代理人
[ ○ ] 評価実施機関内の他部署
{other}
[ ] 民間事業者 （ ）
[ ○ ] 地方公共団体・地方独立行政法人
（ {near}
 ⑤本人への明示
本人に明示する。
"""


def _read(
    far: str = "他市区町村", near: str = "市民課、市民税課", other: str = "[ ] その他 （ ）"
) -> tuple[dict[str, Any], list[str]]:
    body = FILE.format(far=far, near=near, other=other)
    model = text.read((published_cover() + body).encode("utf-8")).models[0]
    use = model.data["files"][0]["acquisition_use"]
    return use, [u.line.text.strip() for u in model.unplaced]


def test_option_texts_apart_go_to_the_option_whose_kind_they_name() -> None:
    use, unplaced = _read()
    assert use["sources"] == {
        "本人又は本人の代理人": True,
        "評価実施機関内の他部署": "市民課、市民税課",
        "地方公共団体・地方独立行政法人": "他市区町村",
    }
    assert not [u for u in unplaced if "市民課" in u or "他市区町村" in u]


def test_a_text_that_names_neither_kind_stays_unplaced() -> None:
    use, unplaced = _read(near="自部署")
    assert use["sources"]["評価実施機関内の他部署"] is True
    assert use["sources"]["地方公共団体・地方独立行政法人"] == "他市区町村"
    assert "（ 自部署" in unplaced


def test_two_texts_of_one_kind_are_not_told_apart() -> None:
    use, _ = _read(far="他市町村", near="都道府県")
    assert use["sources"]["地方公共団体・地方独立行政法人"] is True


def test_a_waiting_option_with_no_kind_could_hold_any_text() -> None:
    # 「その他」 ticked, its （ ） printed apart too: either text may be its own
    use, _ = _read(other="[ ○ ] その他")
    assert use["sources"]["評価実施機関内の他部署"] is True
    assert use["sources"]["地方公共団体・地方独立行政法人"] is True


@needs_seeds
def test_seed_source_texts_and_the_label_that_had_taken_one() -> None:
    kawasaki = text.read(next(SEEDS.glob("004_*.txt")).read_bytes()).models[0].data
    use = kawasaki["files"][0]["acquisition_use"]
    assert use["sources"]["評価実施機関内の他部署"] == "市民文化局戸籍住民サービス課"
    assert use["sources"]["地方公共団体・地方独立行政法人"] == "他市町村"
    # 「（ 他市町村 ）」 had been given by position to the empty 「変更の妥当性」 24 lines above it
    assert "purpose_change_validity" not in use
    takatsuki = text.read(next(SEEDS.glob("003_*.txt")).read_bytes()).models[0].data
    sources = takatsuki["files"][0]["acquisition_use"]["sources"]
    assert sources["評価実施機関内の他部署"] == "市民課、市民税課"
    assert sources["地方公共団体・地方独立行政法人"] == "他市区町村"


def test_a_section_named_by_its_office_is_a_section_of_the_body() -> None:
    # 保健所, 市税事務所: sections of the body that end in 所, common in the health 事務
    use, _ = _read(near="市税事務所、保健所")
    assert use["sources"]["評価実施機関内の他部署"] == "市税事務所、保健所"
