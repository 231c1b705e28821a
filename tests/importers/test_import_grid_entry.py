"""A list's checkbox grid printed before the marker of its entry (a page of システム blocks extracted
bottom-up, as 北九州's): the grid goes to the entry whose marker follows it, when the in-order
reading would give one entry the grid twice (importers/grid_entry.py)."""

from __future__ import annotations

from typing import Any

from piagen.importers import text
from tests.importers.test_import_focused_layout import COVER
from tests.importers.test_import_published import SEEDS, needs_seeds

HEAD = """ ２．特定個人情報ファイルを取り扱う事務において使用するシステム
 システム1
[ ○ ] 宛名システム等 [
 ③他のシステムとの接続
 ①システムの名称 台帳システム
 ②システムの機能
台帳を管理する。
"""

# システム3's block bottom-up (grid, marker, ①②), then システム2's, then システム4's.
BOTTOM_UP = """
[ ○ ] その他 （ 中間サーバー )
[ ] 住民基本台帳ネットワークシステム [
 ③他のシステムとの接続
[ ] 宛名システム等 [
 システム3
 ①システムの名称 統合宛名システム
 ②システムの機能
宛名を管理する。

[ ○ ] 情報提供ネットワークシステム
 ③他のシステムとの接続
 システム2～5
 システム2
 ①システムの名称 中間サーバー
 ②システムの機能
符号を管理する。

[ ○ ] その他 （ 既存業務システム )
 ③他のシステムとの接続
[ ] 税務システム [
 システム4
 ①システムの名称 宛名管理システム
 ②システムの機能
宛名情報を提供する。
"""


def _systems(body: str) -> list[tuple[str, Any]]:
    data = text.read((COVER + body).encode("utf-8")).models[0].data
    return [(s.get("name"), s.get("connections")) for s in data["basic_info"]["systems"]]


def test_a_grid_printed_before_its_entrys_marker_is_that_entrys() -> None:
    assert _systems(HEAD + BOTTOM_UP) == [
        ("台帳システム", {"宛名システム等": True}),
        ("中間サーバー", {"情報提供ネットワークシステム": True}),
        ("統合宛名システム", {"その他": "中間サーバー"}),
        ("宛名管理システム", {"その他": "既存業務システム"}),
    ]


IN_ORDER = """ ２．特定個人情報ファイルを取り扱う事務において使用するシステム
 システム1
 ①システムの名称 台帳システム
 ③他のシステムとの接続
[ ○ ] 宛名システム等 [
 システム2
 ①システムの名称 中間サーバー
 ③他のシステムとの接続
[ ○ ] 情報提供ネットワークシステム [
 システム3
 ①システムの名称 統合宛名システム
"""


def test_grids_read_in_order_stay_with_the_entry_before_them() -> None:
    # each grid is followed by the next system's marker (システム3 prints none), but no entry has
    # its grid twice: read in order, nothing moves
    assert _systems(IN_ORDER) == [
        ("台帳システム", {"宛名システム等": True}),
        ("中間サーバー", {"情報提供ネットワークシステム": True}),
        ("統合宛名システム", None),
    ]


TEXT_BETWEEN = """ ２．特定個人情報ファイルを取り扱う事務において使用するシステム
 システム1
 ①システムの名称 台帳システム
 ③他のシステムとの接続
[ ○ ] 宛名システム等 [
 ③他のシステムとの接続
[ ○ ] 税務システム [
宛名を管理する。
 システム3
 ①システムの名称 統合宛名システム
"""


def test_a_grid_with_text_before_the_marker_is_not_moved() -> None:
    # the text line between the grid and 「システム3」 may be システム1's: the marker does not name it;
    # the second grid goes to the first system without one (checkboxes._distinct), not to システム3
    systems = _systems(TEXT_BETWEEN)
    assert systems[2] == ("統合宛名システム", None)


@needs_seeds
def test_kitakyushu_systems_get_the_grids_printed_before_their_markers() -> None:
    seed = next(SEEDS.glob("002_*.txt"))
    systems = text.read(seed.read_bytes()).models[0].data["basic_info"]["systems"]
    assert [(s["name"], s["connections"]) for s in systems] == [
        ("予防接種台帳システム", {"庁内連携システム": True, "宛名システム等": True}),
        ("中間サーバー", {"情報提供ネットワークシステム": True}),
        ("団体内統合宛名システム", {"その他": "中間サーバー"}),
        ("宛名管理システム", {"その他": "既存業務システム"}),
    ]


SELF_NAMED = """ ２．特定個人情報ファイルを取り扱う事務において使用するシステム
 システム1
 ①システムの名称 接種管理システム
 ②システムの機能
接種を管理する。
 ③他のシステムとの接続
[ ] 宛名システム等 [
 システム2
 ①システムの名称 証明書発行システム
 ②システムの機能
証明書を発行する。
[ ○ ] その他 （ 証明書発行システム ）
] 税務システム
 ③他のシステムとの接続
[ ] 宛名システム等 [
[ ○ ] その他 （ {other} ）
"""


def test_a_systems_other_systems_never_name_itself() -> None:
    # 「（ 証明書発行システム ）」 read in システム2's block names システム2: it is another system's
    # box, kept unplaced; システム2's その他 is the grid's other ticked text
    data = text.read((COVER + SELF_NAMED.format(other="接種管理システム")).encode("utf-8")).models[0]
    systems = data.data["basic_info"]["systems"]
    assert systems[1]["connections"] == {"その他": "接種管理システム"}
    assert "[ ○ ] その他 （ 証明書発行システム ）" in {u.line.text.strip() for u in data.unplaced}
    # no other text ticked in its grid: その他 is not set at all
    alone = SELF_NAMED.replace("[ ○ ] その他 （ {other} ）\n", "")
    systems = _systems(alone)
    assert systems[1] == ("証明書発行システム", None)
