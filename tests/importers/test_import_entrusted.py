"""Completion of the 委託事項 entries after the positional reading (importers/entrusted.py): each rule
on a synthetic snippet shaped like 北九州's 委託 page (markers clumped after their items, values
apart from their labels), in the form's own labels — run with the rule and without it, so each test
shows what that rule places — and the seed itself."""

from __future__ import annotations

from typing import Any

import pytest

from piagen.importers import early, entrusted, reader, text
from piagen.importers.lines import Line
from tests.importers.test_import_focused_layout import COVER
from tests.importers.test_import_published import SEEDS, needs_seeds
from tests.shared import example

FILE = """Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
試験ファイル
[
"""

# ③使用目的 left empty, then a grid: runs.redirect gives the next text (here a 委託事項's ① printed
# far from its block) to ③使用目的. Then a bottom-up 委託 page, its markers clumped.
PAGE = """ ３．特定個人情報の入手・使用
 ③使用目的　※
 ②入手方法
[ ○ ] 紙
ＢＢＢ台帳保守業務

[
50人以上100人未満
ＡＡＡ業務

ＣＣＣシステム運用保守業務

 ①委託内容 ＣＣＣシステムの運用及び保守業務
 ②委託先における取扱者数 [
 ③委託先名 株式会社Ｃ
 ④再委託の有無　※ [
 ⑤再委託の許諾方法 書面により承諾する。
 ⑥再委託事項 ＣＣＣシステムの保守の一部
10人以上50人未満
再委託する
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
 ④再委託の有無　※ [

ＡＡＡ業務の一部

 委託事項2
 委託事項3
 委託事項1
 ①委託内容 ＡＡＡ業務
 ４．特定個人情報ファイルの取扱いの委託
 ③委託先名
[

ＢＢＢ台帳保守業務

書面により承諾する。
"""

CHANGES = """
（別添２）変更箇所
提出時期に係る説明変更日 項目 変更前の記載 変更後の記載 提出時期
令和3年9月15日 Ⅱ－４委託事項３ （記載なし） 「ＣＣＣ移行作業」追加 事後
"""


def _read(
    monkeypatch: pytest.MonkeyPatch, body: str, off: str | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    if off is not None:
        monkeypatch.setattr(entrusted, off, lambda group: None)
    model = text.read((COVER + FILE + body).encode("utf-8")).models[0]
    file = model.data["files"][0]
    return file, file["entrustment"]["items"], [u.line.text.strip() for u in model.unplaced]


@pytest.mark.parametrize("rule_on", [True, False])
def test_a_company_name_goes_to_the_only_entry_without_its_contractor(
    monkeypatch: pytest.MonkeyPatch, rule_on: bool
) -> None:
    _, items, unplaced = _read(monkeypatch, PAGE, None if rule_on else "_by_kind")
    assert [i.get("contractor") for i in items] == [
        "株式会社Ｚ" if rule_on else None,
        "株式会社Ｂ",
        "株式会社Ｃ",
    ]
    # the 取扱者数 option no block took, to the only entry without one
    assert items[0].get("handlers") == ("50人以上100人未満" if rule_on else None)
    assert ("株式会社Ｚ" in unplaced) is not rule_on


@pytest.mark.parametrize(
    "name", ["ＡＢＣ・ＸＹＺグループ", "Ｚ市医師会", "Ｚ県予防接種協会", "ＸＹＺコンソーシアム"]
)
def test_a_body_named_without_a_company_word_is_a_contractor_too(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Groups, consortiums, 医師会 and 協会 are 委託先 as companies are (a 予防接種 or 健診 事務 often
    entrusts its local 医師会)."""
    _, items, unplaced = _read(monkeypatch, PAGE.replace("株式会社Ｚ\n", name + "\n"))
    assert [i.get("contractor") for i in items] == [name, "株式会社Ｂ", "株式会社Ｃ"]
    assert name not in unplaced


@pytest.mark.parametrize("rule_on", [True, False])
def test_a_line_a_few_characters_from_an_entrys_content_is_its_title(
    monkeypatch: pytest.MonkeyPatch, rule_on: bool
) -> None:
    _, items, _ = _read(monkeypatch, PAGE, None if rule_on else "_similar")
    assert items[2]["content"] == "ＣＣＣシステムの運用及び保守業務"
    assert items[2].get("title") == ("ＣＣＣシステム運用保守業務" if rule_on else None)


@pytest.mark.parametrize("rule_on", [True, False])
def test_a_text_printed_twice_is_title_and_content_of_the_only_entry_lacking_both(
    monkeypatch: pytest.MonkeyPatch, rule_on: bool
) -> None:
    file, items, unplaced = _read(monkeypatch, PAGE, None if rule_on else "_pair")
    pair = (items[1].get("title"), items[1].get("content"))
    assert pair == (("ＢＢＢ台帳保守業務",) * 2 if rule_on else (None, None))
    # one copy had been read into ③使用目的 (its label left empty above the grid): it leaves it
    purpose = file.get("acquisition_use", {}).get("purpose")
    assert purpose == (None if rule_on else "ＢＢＢ台帳保守業務")
    assert ("ＢＢＢ台帳保守業務" in unplaced) is not rule_on


def test_a_copy_reported_unplaced_within_a_page_before_the_section_is_taken_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # no empty label above the grid: the first copy is reported where it was met (under ②入手方法)
    _, items, unplaced = _read(monkeypatch, PAGE.replace(" ③使用目的　※\n", ""))
    assert (items[1].get("title"), items[1].get("content")) == ("ＢＢＢ台帳保守業務",) * 2
    assert "ＢＢＢ台帳保守業務" not in unplaced


def test_a_running_head_printed_on_every_page_is_no_title(monkeypatch: pytest.MonkeyPatch) -> None:
    # twice near the 委託 section, and once more pages before: a page's head left in the text
    page = "試験事務　評価書\n" + "\n" * 150 + PAGE.replace("ＢＢＢ台帳保守業務\n", "試験事務　評価書\n")
    _, items, unplaced = _read(monkeypatch, page)
    assert "title" not in items[1] and "content" not in items[1]
    assert unplaced.count("試験事務　評価書") >= 2


@pytest.mark.parametrize("rule_on", [True, False])
def test_fields_asked_only_under_a_choice_go_to_entries_where_it_is_set(
    monkeypatch: pytest.MonkeyPatch, rule_on: bool
) -> None:
    _, items, unplaced = _read(monkeypatch, PAGE, None if rule_on else "_conditional")
    # ⑤ repeating another entry's ⑤, to the only 再委託する entry without one
    assert items[0].get("subcontract_permission") == ("書面により承諾する。" if rule_on else None)
    # ⑥ by the words it shares with its entry's title (「ＡＡＡ」), never to a 再委託しない entry
    assert items[0].get("subcontract_items") == ("ＡＡＡ業務の一部" if rule_on else None)
    assert "subcontract_items" not in items[1] and "subcontract_permission" not in items[1]
    assert ("ＡＡＡ業務の一部" in unplaced) is not rule_on


@pytest.mark.parametrize("rule_on", [True, False])
def test_a_change_row_adding_a_named_entry_gives_its_title(
    monkeypatch: pytest.MonkeyPatch, rule_on: bool
) -> None:
    page = PAGE.replace("ＣＣＣシステム運用保守業務\n", "ＣＣＣ移行作業\n") + CHANGES
    _, items, unplaced = _read(monkeypatch, page, None if rule_on else "_named_by_changes")
    assert items[2].get("title") == ("ＣＣＣ移行作業" if rule_on else None)
    assert ("ＣＣＣ移行作業" in unplaced) is not rule_on


def test_without_a_single_candidate_nothing_is_guessed(monkeypatch: pytest.MonkeyPatch) -> None:
    # two company names loose for one entry without 委託先名: which is it? Both stay reported.
    page = PAGE.replace("株式会社Ｚ\n", "株式会社Ｚ\n\n株式会社Ｙ\n")
    _, items, unplaced = _read(monkeypatch, page)
    assert "contractor" not in items[0]
    assert {"株式会社Ｚ", "株式会社Ｙ"} <= set(unplaced)
    # an option the form prints is no company name, though it says 法人
    _, items, unplaced = _read(monkeypatch, PAGE.replace("株式会社Ｚ\n", "地方公共団体・地方独立行政法人\n"))
    assert "contractor" not in items[0]
    assert "地方公共団体・地方独立行政法人" in unplaced
    # two short lines for one entry lacking ⑥: neither is taken
    page = PAGE.replace("ＡＡＡ業務の一部\n", "ＡＡＡ業務の一部\n\nＡＡＡ業務の運用\n")
    _, items, unplaced = _read(monkeypatch, page)
    assert "subcontract_items" not in items[0]
    assert {"ＡＡＡ業務の一部", "ＡＡＡ業務の運用"} <= set(unplaced)


@needs_seeds
def test_kitakyushu_entrustment_is_complete() -> None:
    seed = next(SEEDS.glob("002_*.txt"))
    model = text.read(seed.read_bytes()).models[0]
    items = model.data["files"][0]["entrustment"]["items"]
    want = example("kitakyushu-shingata-influenza").data["files"][0]["entrustment"]["items"]
    assert [{k: v for k, v in i.items() if k != "id"} for i in items] == [
        {k: v for k, v in i.items() if k != "id"} for i in want
    ]
    # the copies of titles and of ⑤ extraction put under ③使用目的 are no longer its value
    assert "委託" not in str(model.data["files"][0]["acquisition_use"].get("purpose", ""))


def test_a_held_value_never_silently_replaces_one_the_item_had() -> None:
    # two entries' 取扱者数 read for one entry before their markers told them apart: the first is
    # reported with its line (for the completion pass to place), not lost
    item = next(i for i in reader.Index("focused").items if i.path[-1] == "handlers")
    out = reader.Parsed("focused")
    path = ("files", 0, "entrustment", "items", 0, "handlers")
    first, second = Line("10人以上50人未満", 547), Line("10人未満", 578)
    early.put(out, reader.Capture(item, path, first), "10人以上50人未満")
    early.put(out, reader.Capture(item, path, second), "10人未満")
    assert out.values[path][0] == "10人未満"
    assert out.unplaced == [(first, path)]
