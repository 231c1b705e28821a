"""A text value met far below its label with other labels between, moved to the open label of its
section whose head word it repeats (柏's Ⅱ３: 「…給付の決定（国）」 read as ⑥変更の妥当性, while
「権利利益に影響を与え得る決定」 took a line of the 委託 section): importers/label_words.py. A
synthetic snippet shaped like the seed's page, in the form's own labels and other words."""

from __future__ import annotations

from typing import Any

import pytest

from piagen.importers import label_words, text
from tests.importers.test_import_published import SEEDS, needs_seeds
from tests.shared import published_cover

HEAD = (
    published_cover("予防接種に関する事務")
    + "Ⅱ　特定個人情報ファイルの概要\n １．特定個人情報ファイル名\n予防接種ファイル\n"
)

PAGE = """ ３．特定個人情報の入手・使用
 ⑥使用目的　※ 予防接種を実施するために使用する。
 変更の妥当性

 ③入手の時期・頻度 届出の都度
 ④入手に係る妥当性 予防接種法に基づき入手する。
 ⑤本人への明示 予防接種法に明示されている。
 ⑦使用の主体
 使用部署　※ 保健所健康課
 使用者数 [ 10人未満 ]

[ ○

（ 市民課

健康被害発生時の医療費の支給の{word}（国）

 ⑨使用開始日 平成28年1月1日
 ⑧使用方法　※ 届出の内容を台帳に登録する。
 情報の突合　※ 宛名番号で突合する。
 情報の統計分析 統計分析は行わない。
 権利利益に影響を
与え得る決定　※

 ４．特定個人情報ファイルの取扱いの委託
 委託事項1 システムの運用保守
 ①委託内容 システムの運用保守
 ③委託先における取扱者数 [ 10人以上50人未満 ]
 ④委託先への特定個人情報
ファイルの提供方法

[ ○ ] その他 （

ＬＧ－ＷＡＮ回線を用いた提供

"""


def _read(word: str) -> tuple[dict[str, Any], list[str]]:
    model = text.read((HEAD + PAGE.format(word=word)).encode("utf-8")).models[0]
    return model.data["files"][0], [u.line.text.strip() for u in model.unplaced]


def test_an_untied_value_goes_to_the_label_whose_head_word_it_repeats() -> None:
    model, unplaced = _read("決定")
    use = model["acquisition_use"]
    assert use["usage"]["decisions"] == "健康被害発生時の医療費の支給の決定（国）"
    assert "purpose_change_validity" not in use
    # what the label held is freed: here the text of the 委託 grid's ticked その他, printed apart
    assert "ＬＧ－ＷＡＮ回線を用いた提供" not in unplaced
    assert model["entrustment"]["items"][0]["delivery"] == {"その他": "ＬＧ－ＷＡＮ回線を用いた提供"}


def test_switched_off_the_value_stays_where_the_reader_put_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(label_words, "place", lambda *args: None)
    use = _read("決定")[0]["acquisition_use"]
    assert use["purpose_change_validity"] == "健康被害発生時の医療費の支給の決定（国）"
    assert use["usage"].get("decisions") != "健康被害発生時の医療費の支給の決定（国）"


def test_without_regrid_the_freed_line_is_only_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(label_words, "_regrid", lambda *args: None)
    model, unplaced = _read("決定")
    assert "ＬＧ－ＷＡＮ回線を用いた提供" in unplaced
    assert model["entrustment"]["items"][0]["delivery"] == {"その他": True}


def test_a_value_repeating_no_open_label_stays() -> None:
    use = _read("判断")[0]["acquisition_use"]
    assert use["purpose_change_validity"] == "健康被害発生時の医療費の支給の判断（国）"


@needs_seeds
def test_seed_kashiwa_decisions() -> None:
    seed = next(SEEDS.glob("000_*.txt"))
    file = text.read(seed.read_bytes()).models[0].data["files"][0]
    assert file["acquisition_use"]["usage"]["decisions"] == "予防接種健康被害発生時の給付の決定（国）"
    assert file["entrustment"]["items"][0]["delivery"]["その他"].startswith(
        "LG－WAN回線を用いた提供（VRS本体）"
    )
