"""提供先 entries of a page extracted out of reading order (北九州's Ⅱ５: 提供先2's value column printed
apart from its labels, the count 「（ 2」 far from 提供を行っている): the completion passes of
importers/recipients.py. Synthetic snippets shaped like the seed's page, in the form's own labels and
other words, and the seed itself."""

from __future__ import annotations

from typing import Any

import pytest

from piagen.importers import recipients, text
from tests.importers.test_import_focused_layout import COVER
from tests.importers.test_import_published import SEEDS, needs_seeds

FILE = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
"""

# The shape of seed 002 lines 757–833: 提供先1's values mostly on their labels' lines, 提供先2's
# ⑤範囲 printed under the range marker (so read into 提供先1), its ③情報 and ⑦時期 printed apart, the
# count of 提供を行っている alone after the second 提供先's ③ label; a blank line after every cell.
SCRAMBLED = """ ５．特定個人情報の提供・移転（委託に伴うものを除く。）

） 件 [

 ②提供先における用途 児童手当法による児童手当の支給に関する事務であって主務省令で定めるもの

 ②提供先における用途

特別児童扶養手当等の支給に関する法律による手当の支給に関する事務であって主務省令で定める
もの

 ⑦時期・頻度 転入者について照会のあった都度

都道府県知事または市町村長 提供先1

] 提供を行っている ） 件

 ①法令上の根拠 番号法第１９条第８号別表第二第8の項

転入者について照会のあった都度

 ④提供する情報の対象となる
本人の数

 ⑤提供する情報の対象となる
本人の範囲

 ⑥提供方法

 ⑦時期・頻度

 提供先2～5

 ⑤提供する情報の対象となる
本人の範囲

特別児童扶養手当等の支給に関する法律による手当の受給歴がある他市町村からの転入者

 ⑥提供方法

 ①法令上の根拠 番号法第１９条第８号別表第二第20の項

 ③提供する情報 所得情報

 ④提供する情報の対象となる
本人の数

1万人未満

所得情報

 提供先2 都道府県知事または市町村長

 提供・移転の有無

 ③提供する情報

（ 2

児童手当の受給歴がある他市町村からの転入者

1万人未満

 ６．特定個人情報の保管・消去
"""


def _read(body: str) -> tuple[dict[str, Any], list[str]]:
    imported = text.read((COVER + FILE + body).encode("utf-8"))
    model = imported.models[0]
    return model.data["files"][0].get("provision", {}), [u.line.text.strip() for u in model.unplaced]


def test_scrambled_recipients_are_completed_by_their_kinship() -> None:
    provision, unplaced = _read(SCRAMBLED)
    first, second = provision["recipients"]
    assert first["legal_basis"] == "番号法第１９条第８号別表第二第8の項"
    assert second["legal_basis"] == "番号法第１９条第８号別表第二第20の項"
    # a value read under another field of its entry moves to the field its siblings fill alike
    assert first["info"] == second["info"] == "所得情報"
    # two ⑤範囲 printed apart go to the entries whose ②用途 they restate
    assert first["scope"] == "児童手当の受給歴がある他市町村からの転入者"
    assert (
        second["scope"] == "特別児童扶養手当等の支給に関する法律による手当の受給歴がある他市町村からの転入者"
    )
    # a line repeating a sibling's ⑦ fills the one entry lacking it
    assert first["timing"] == second["timing"] == "転入者について照会のあった都度"
    # 「（ 2」 is 提供を行っている's count: two 提供先 were read
    assert provision["status"] == {"提供を行っている": 2}
    assert "（ 2" not in unplaced
    assert "所得情報" not in unplaced


def test_a_count_that_disagrees_with_the_entries_read_is_left_unplaced() -> None:
    provision, unplaced = _read(SCRAMBLED.replace("（ 2", "（ 3"))
    assert "status" not in provision
    assert "（ 3" in unplaced


@pytest.mark.parametrize("rule", ["_refile", "_copies", "_exchange", "_count"])
def test_each_rule_is_needed(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Switched off, each pass leaves its part of the snippet unread or wrong."""
    monkeypatch.setattr(recipients, rule, lambda *args: None)
    with pytest.raises((AssertionError, KeyError)):
        test_scrambled_recipients_are_completed_by_their_kinship()


def test_entries_read_in_order_are_left_as_read() -> None:
    provision, _ = _read(
        """ ５．特定個人情報の提供・移転（委託に伴うものを除く。）
 提供・移転の有無 [ ○ ] 提供を行っている （ 2 ） 件
 提供先1 市町村長
 ①法令上の根拠 番号法第１９条第８号別表第二第8の項
 ②提供先における用途 児童手当法による児童手当の支給に関する事務
 ③提供する情報 所得情報
 ⑤提供する情報の対象となる
本人の範囲
特別児童扶養手当の受給者
 ⑦時期・頻度 照会のあった都度
 提供先2 市町村長
 ①法令上の根拠 番号法第１９条第８号別表第二第20の項
 ②提供先における用途 特別児童扶養手当等の支給に関する法律による手当の支給に関する事務
 ③提供する情報 所得情報
 ⑤提供する情報の対象となる
本人の範囲
児童手当の受給者
 ⑦時期・頻度 照会のあった都度
 ６．特定個人情報の保管・消去
"""
    )
    # the scopes are printed right under their labels in reading order: the text ties them there,
    # even though each restates the other entry's 用途 (an exchange would be a guess)
    assert [r["scope"] for r in provision["recipients"]] == ["特別児童扶養手当の受給者", "児童手当の受給者"]


@needs_seeds
def test_seed_kitakyushu_recipients() -> None:
    seed = next(SEEDS.glob("002_*.txt"))
    model = text.read(seed.read_bytes()).models[0]
    provision = model.data["files"][0]["provision"]
    assert provision["status"] == {"提供を行っている": 2}
    first, second = provision["recipients"]
    assert first["scope"].startswith("定期予防接種")
    assert second["scope"].startswith("新型インフルエンザ等対策特別措置法")
    assert second["info"] == "予防接種履歴"
    assert second["timing"] == "他市町村へ転出し、他市町村から照会のあった都度"
    assert second["methods"] == {"情報提供ネットワークシステム": True}


NETWORK = """ ５．特定個人情報の提供・移転（委託に伴うものを除く。）
 提供・移転の有無 [ ○ ] 提供を行っている （ 2 ） 件
 提供先1 市町村長
 ①法令上の根拠 番号法第１９条第８号別表第二第8の項
 ②提供先における用途 児童手当法による児童手当の支給に関する事務
 ⑥提供方法 [ ○ ] 情報提供ネットワークシステム [ ] 専用線
 提供先2 市町村長
 ①法令上の根拠 {basis}
 ②提供先における用途 特別児童扶養手当等の支給に関する法律による手当の支給に関する事務
 ⑥提供方法
 ６．特定個人情報の保管・消去
"""


@pytest.mark.parametrize(
    ("basis", "methods"),
    [
        ("番号法第１９条第８号別表第二第20の項", {"情報提供ネットワークシステム": True}),
        ("番号法第19条第8号に基づく主務省令第2条の表20の項", {"情報提供ネットワークシステム": True}),
        (
            "行政手続における特定の個人を識別するための番号の利用等に関する法律第十九条第八号に基づく利用特定個人情報の提供に関する命令第2条の表20の項",
            {"情報提供ネットワークシステム": True},
        ),
        ("番号法第19条第16号", None),  # not 情報連携: the method is not in the article
    ],
)
def test_a_linkage_recipient_without_its_tick_is_provided_through_the_network(
    basis: str, methods: dict[str, bool] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    provision, _ = _read(NETWORK.format(basis=basis))
    assert provision["recipients"][0]["methods"] == {"情報提供ネットワークシステム": True}
    assert provision["recipients"][1].get("methods") == methods
    monkeypatch.setattr(recipients, "_network", lambda *args: None)
    provision, _ = _read(NETWORK.format(basis=basis))
    assert provision["recipients"][1].get("methods") is None
