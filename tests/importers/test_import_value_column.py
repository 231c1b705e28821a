"""A page's value column extracted before its label column (北九州's Ⅱ３: ⑤使用方法's and ③使用目的's
texts printed among the grids' pieces, then the labels alone on their lines): importers/value_column.py.
A synthetic snippet shaped like the seed's page, in the form's own labels and other words, and the
seed itself."""

from __future__ import annotations

from typing import Any

import pytest

from piagen.importers import text, value_column
from tests.importers.test_import_focused_layout import COVER
from tests.importers.test_import_published import SEEDS, needs_seeds

BEFORE = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
 その妥当性 業務に必要な項目に限っている。

[ ○

"""

VALUES = """・受付　窓口で受け付けた届出について、住民基本台帳システムをもとに内容を確認し、
台帳に登録する。
・通知　対象者に通知を送付する。

5） 500人以上1,000人未満

2） 10人以上50人未満

[

手当の支給にあたり、受給資格を確認し、支給の記録を管理する。

"""

LABELS = """ ①入手元　※

[

 ⑥使用開始日 令和2年4月1日

 情報の突合 住民基本台帳情報と申請データを突合する。

 ⑤使用方法

[ ○

 ③使用目的　※

 使用部署 こども家庭部児童手当課

 ３．特定個人情報の入手・使用

 ④使用の主体

 ②入手方法

 ４．特定個人情報ファイルの取扱いの委託
"""


def _read(body: str) -> tuple[dict[str, Any], list[str]]:
    imported = text.read((COVER + BEFORE + body).encode("utf-8"))
    model = imported.models[0]
    return model.data["files"][0].get("acquisition_use", {}), [u.line.text.strip() for u in model.unplaced]


def test_paragraphs_before_the_label_column_go_to_its_open_labels_in_order() -> None:
    use, unplaced = _read(VALUES + LABELS)
    assert use["usage"]["method"] == (
        "・受付　窓口で受け付けた届出について、住民基本台帳システムをもとに内容を確認し、台帳に登録する。\n"
        "・通知　対象者に通知を送付する。"
    )
    assert use["purpose"] == "手当の支給にあたり、受給資格を確認し、支給の記録を管理する。"
    assert use["usage"]["matching"] == "住民基本台帳情報と申請データを突合する。"
    assert use["use_start"] == "令和2年4月1日"
    assert not any("受給資格" in u or "受付" in u for u in unplaced)


def test_switched_off_the_paragraphs_stay_unplaced() -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(value_column, "place", lambda *args: None)
        use, unplaced = _read(VALUES + LABELS)
    assert "method" not in use.get("usage", {})
    assert "手当の支給にあたり、受給資格を確認し、支給の記録を管理する。" in unplaced


def test_a_label_holding_a_paragraph_met_far_below_it_counts_as_open() -> None:
    # ③使用目的's reader ran on past the labels into the next section's loose line
    far = LABELS.replace(" ４．特定個人情報ファイルの取扱いの委託\n", "＜選択肢＞\n\nＡＡＡ業務の運用保守\n")
    use, unplaced = _read(VALUES + far)
    assert use["purpose"] == "手当の支給にあたり、受給資格を確認し、支給の記録を管理する。"
    assert "ＡＡＡ業務の運用保守" in unplaced  # what it held is reported, not dropped


def test_counts_that_disagree_pair_nothing() -> None:
    # one paragraph for two open labels: which one it belongs to is not in the text
    one = VALUES.replace("手当の支給にあたり、受給資格を確認し、支給の記録を管理する。\n", "")
    use, unplaced = _read(one + LABELS)
    assert "purpose" not in use and "method" not in use.get("usage", {})
    assert "・通知　対象者に通知を送付する。" in unplaced


@needs_seeds
def test_seed_kitakyushu_usage() -> None:
    seed = next(SEEDS.glob("002_*.txt"))
    use = text.read(seed.read_bytes()).models[0].data["files"][0]["acquisition_use"]
    assert use["usage"]["method"].startswith("・対象者の資格（住所、年齢）確認")
    assert use["purpose"].startswith("予防接種の実施にあたり、本人の資格確認")
