"""Entries of a list whose markers were extracted in a clump, apart from their items (北九州's 委託
page: 「委託事項2」「委託事項3」「委託事項1」 side by side after the three items' labels): the list is
read again by blocks of its item labels (importers/regroup.py). A synthetic snippet shaped like the
artefact, in the form's own labels, and the seed itself."""

from __future__ import annotations

from typing import Any

import pytest

from piagen.importers import entrusted, text
from tests.importers.test_import_focused_layout import COVER
from tests.importers.test_import_published import SEEDS, needs_seeds

FILE = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
"""

# Bottom-up page: the third item's block first, the first item's block (with the section heading)
# last, the markers clumped inside it.
CLUMPED = """ＡＡＡ業務

 ①委託内容 ＣＣＣ業務
 ②委託先における取扱者数 [
 ③委託先名 株式会社Ｃ
 ④再委託の有無　※ [
 ⑤再委託の許諾方法
 ⑥再委託事項
10人以上50人未満
再委託しない
 委託事項2～5
 ③委託先名 株式会社Ｂ
 ④再委託の有無　※ [
 ①委託内容
 ②委託先における取扱者数 [
[
株式会社Ｚ
10人未満
再委託しない
 ⑤再委託の許諾方法
 ⑥再委託事項
 委託の有無　※
 ②委託先における取扱者数
再委託する
 ⑤再委託の許諾方法
 ⑥再委託事項
 ④再委託の有無　※
 委託事項2
 委託事項3
 委託事項1
 ①委託内容 ＡＡＡ業務
 ４．特定個人情報ファイルの取扱いの委託
 ③委託先名
"""


def _read(body: str) -> tuple[list[dict[str, Any]], list[str]]:
    imported = text.read((COVER + FILE + body).encode("utf-8"))
    model = imported.models[0]
    items = model.data["files"][0].get("entrustment", {}).get("items", [])
    return items, [u.line.text.strip() for u in model.unplaced]


def test_clumped_markers_number_the_blocks_from_the_first_entrys_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(entrusted, "apply", lambda parsed, lines: None)  # regroup alone
    items, unplaced = _read(CLUMPED)
    assert [i.get("content") for i in items] == ["ＡＡＡ業務", None, "ＣＣＣ業務"]
    # the title printed beside 「委託事項1」 repeats its ①委託内容, alone near the blocks
    assert [i.get("title") for i in items] == ["ＡＡＡ業務", None, None]
    assert [i.get("contractor") for i in items] == [None, "株式会社Ｂ", "株式会社Ｃ"]
    assert [i.get("handlers") for i in items] == [None, "10人未満", "10人以上50人未満"]
    assert [i.get("subcontract") for i in items] == ["再委託する", "再委託しない", "再委託しない"]
    # a loose line the text does not tie to one block is reported, not guessed into an entry
    assert "株式会社Ｚ" in unplaced
    assert not any(i.get("subcontract_items") or i.get("subcontract_permission") for i in items)


def test_markers_in_reading_order_are_left_to_the_one_pass_reader() -> None:
    items, _ = _read(
        """ ４．特定個人情報ファイルの取扱いの委託
 委託事項1
 ①委託内容 ＡＡＡ業務
 ③委託先名 株式会社Ａ
 委託事項2～5
 委託事項2
 ①委託内容 ＢＢＢ業務
 ③委託先名 株式会社Ｂ
"""
    )
    assert [(i.get("content"), i.get("contractor")) for i in items] == [
        ("ＡＡＡ業務", "株式会社Ａ"),
        ("ＢＢＢ業務", "株式会社Ｂ"),
    ]


@needs_seeds
def test_kitakyushu_entrustment_items_are_read_by_their_blocks() -> None:
    seed = next(SEEDS.glob("002_*.txt"))
    model = text.read(seed.read_bytes()).models[0]
    items = model.data["files"][0]["entrustment"]["items"]
    assert items[0]["content"] == items[0]["title"] == "システム基盤（オペレーション業務等）"
    assert "システム基盤（オペレーション業務等）" not in {u.line.text.strip() for u in model.unplaced}
    assert items[0]["subcontract"] == "再委託する"
    assert (items[1]["contractor"], items[1]["handlers"]) == ("日本コンピューター株式会社", "10人未満")
    assert (items[2]["content"], items[2]["contractor"]) == (
        "宛名管理システムの運用及び保守業務",
        "株式会社ＲＫＫＣＳ",
    )
    assert (items[3]["contractor"], items[3]["handlers"]) == ("富士通Japan株式会社北九州支店", "10人未満")
    assert items[3]["subcontract_permission"].startswith("委託先及び再委託先から下記資料の提出を受け")
    # not tied to a block by regroup, placed after it by elimination and kind (entrusted.py)
    assert (items[0]["contractor"], items[0]["subcontract_items"]) == (
        "日立・NTTデータ企業連合",
        "オペレーション業務",
    )


def test_clumped_markers_without_item_labels_change_nothing() -> None:
    # (no block to number: the one-pass reading stands, and nothing breaks)
    items, unplaced = _read(
        " ４．特定個人情報ファイルの取扱いの委託\n 委託事項2\n 委託事項3\n 委託事項1\nＡＡＡ業務\n"
    )
    kept = [str(v) for i in items for v in i.values()] + unplaced
    assert any("ＡＡＡ業務" in text for text in kept)
