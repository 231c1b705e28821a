"""The text importer on the shapes extracted text takes (tab-separated cells, HTML tags, every
checkbox encoding, labels wrapped over lines, values after their label), and an item added to the
form definition is read without new code."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from piagen.importers import labels, parse, text
from piagen.model import form
from tests.shared import published_cover

COVER = published_cover(number="12", first_item=False)

BODY = """Ⅰ　基本情報
 １．特定個人情報ファイルを取り扱う事務
 ①事務の名称\t住民税に関する事務
<p> ②事務の内容　※</p>
地方税法に基づく住民税の賦課
<br>徴収に関する事務
 ２．特定個人情報ファイルを取り扱う事務において使用するシステム
 システム1
 ①システムの名称 税務システム
 ③他のシステムとの接続
<input type="checkbox" checked> 庁内連携システム
[○] 宛名システム等
[ 〇 ] その他 （ 中間サーバー ）
[ ] 税務システム
 ６．情報提供ネットワークシステムによる情報連携 ※
 ①実施の有無 [ 実施する ]
＜選択肢＞
1) 実施する
2) 実施しない
3) 未定
 ７．評価実施機関における担当部署
 ①部署 市民税課
 ②所属長の役職名 課長
"""


def test_extracted_text_shapes_are_read() -> None:
    imported = text.read((COVER + BODY).encode("utf-8"))
    assert len(imported.models) == 1
    data = imported.models[0].data
    assert data["form"] == {"type": "full", "version": "R6.10"}
    assert data["cover"]["number"] == 12
    assert data["cover"]["title"] == "住民税に関する事務　全項目評価書"
    task = data["basic_info"]["task"]
    assert task["name"] == "住民税に関する事務"
    assert task["description"] == "地方税法に基づく住民税の賦課\n徴収に関する事務"
    system = data["basic_info"]["systems"][0]
    assert system["name"] == "税務システム"
    assert system["connections"] == {
        "庁内連携システム": True,
        "宛名システム等": True,
        "その他": "中間サーバー",
    }
    assert data["basic_info"]["linkage"]["status"] == "実施する"
    assert data["basic_info"]["department"] == {"name": "市民税課", "head_title": "課長"}


def test_lines_that_fit_nowhere_are_kept_with_their_line() -> None:
    stray = "この行は様式のどの項目にも当たらない注記\n"
    imported = text.read((COVER + stray + BODY).encode("utf-8"))
    kept = [u.line for u in imported.models[0].unplaced]
    assert any(line.text == stray.strip() and line.number == COVER.count("\n") + 1 for line in kept)


@pytest.fixture
def schema_with_a_new_item(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The form definition with one more item under Ⅰ１ (as a new 様式 would add it)."""
    changed: dict[str, Any] = copy.deepcopy(form.schema())
    task = changed["properties"]["basic_info"]["properties"]["task"]["properties"]
    task["new_item"] = {"title": "③新しく加わった項目", "$ref": "#/$defs/text"}
    monkeypatch.setattr(form, "schema", lambda: changed)
    labels.items.cache_clear()
    parse._INDEXES.clear()
    yield
    labels.items.cache_clear()
    parse._INDEXES.clear()


@pytest.mark.usefixtures("schema_with_a_new_item")
def test_an_item_added_to_the_schema_is_read_without_new_code() -> None:
    body = BODY.replace(" ２．特定個人", " ③新しく加わった項目 新しい値\n ２．特定個人")
    data = text.read((COVER + body).encode("utf-8")).models[0].data
    assert data["basic_info"]["task"]["new_item"] == "新しい値"
