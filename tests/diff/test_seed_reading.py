"""The seed-table harness reads real tables' variants as the same thing (tests/test_diff_seeds.py)."""

from __future__ import annotations

from tests.diff.test_seeds import deleted, fragments, skeleton, squash


def test_ascii_roman_numerals_in_item_paths() -> None:
    assert (
        skeleton("II 特定個人情報ファイルの概要 ３．①入手元") == skeleton("Ⅱ ３．①入手元") == ["Ⅱ", "3", "①"]
    )
    assert skeleton("III ７．リスク１") == ["Ⅲ", "7", "1"]
    assert skeleton("VI 評価実施手続") == ["Ⅵ"]
    assert skeleton("VIEW画面 ２．") == ["2"]  # letters inside a word are not numerals


def test_omission_markers() -> None:
    assert fragments("前の文。(省略)後の文。") == ["前の文。", "後の文。"]
    assert fragments("前の文。\n略\n後の文。") == ["前の文。", "後の文。"]
    assert fragments("（略）中の文。（省略）") == ["中の文。"]


def test_deleted_and_checkbox_lists() -> None:
    assert deleted({"after": "削除"}, "（記載なし）") and deleted({"after": "削除"}, "削除")
    assert not deleted({"after": "削除"}, "新しい文")
    assert squash("[○]庁内連携システム\n[ ]既存住民基本台帳システム\n[〇]宛名システム等") == squash(
        "庁内連携システム、宛名システム等"
    )
    assert squash("（２）本人確認情報ファイル") == squash("(2) 本人確認情報ファイル")
