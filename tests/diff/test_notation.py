"""変更箇所 cells as real tables write them: checkbox marks with their texts (only what changed, with the
ticks that stay), counts with 件, flags with their option words; `shorten` quotes the sub-heading."""

from __future__ import annotations

import copy
from typing import Any

from piagen.diff import compare
from piagen.model import source
from tests.shared import EXAMPLES


def kawasaki() -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(source.load(EXAMPLES / "kawasaki-kenko-zoshin.yaml").data)
    return data


def only_row(old: dict[str, Any], new: dict[str, Any]) -> compare.Change:
    (row,) = compare.compare(old, new).changes
    return row


def test_checkbox_list_as_marks_with_texts() -> None:
    old = kawasaki()
    old["files"][0]["acquisition_use"]["methods"] = {"紙": True, "専用線": True, "その他": "旧システム"}
    new = copy.deepcopy(old)
    new["files"][0]["acquisition_use"]["methods"] = {"紙": True, "電子メール": True, "その他": "新システム"}
    row = only_row(old, new)
    assert row.before == "[○]紙\n[ ]電子メール\n[○]専用線\n[○]その他（旧システム）"
    assert row.after == "[○]紙\n[○]電子メール\n[ ]専用線\n[○]その他（新システム）"


def test_counts_with_ken_and_counted_boxes() -> None:
    old = kawasaki()
    new = copy.deepcopy(old)
    new["files"][0]["entrustment"]["count"] = old["files"][0]["entrustment"]["count"] + 1
    row = only_row(old, new)
    assert (row.before, row.after) == (
        f"（ {old['files'][0]['entrustment']['count']} ）件",
        f"（ {new['files'][0]['entrustment']['count']} ）件",
    )
    old["files"][0]["provision"]["status"] = {"提供を行っている": 3}
    new = copy.deepcopy(old)
    new["files"][0]["provision"]["status"] = {"提供を行っている": 4}
    row = only_row(old, new)
    assert (row.before, row.after) == ("[○]提供を行っている（ 3 ）件", "[○]提供を行っている（ 4 ）件")


def test_flag_with_its_option_words() -> None:
    old = kawasaki()
    old["files"][0]["risks"]["provision"]["not_provided"] = False
    new = copy.deepcopy(old)
    new["files"][0]["risks"]["provision"]["not_provided"] = True
    row = only_row(old, new)
    assert (row.before, row.after) == ("[ ]提供・移転しない", "[○]提供・移転しない")


def test_shorten_quotes_the_sub_heading_before_the_changed_line() -> None:
    body = "".join(
        f"・{n}番目の措置として、端末の操作記録を保存し、定期的に確認している。\n" for n in range(1, 6)
    )
    before = "＜庁内における措置＞\n" + body + "＜クラウドにおける措置＞\n" + body + "・最後の措置。"
    after = before.replace("・最後の措置。", "・改めた最後の措置。")
    short_before, short_after = compare.shorten(before, after)
    assert short_before == "（略）＜クラウドにおける措置＞\n・最後の措置。"
    assert short_after == "（略）＜クラウドにおける措置＞\n・改めた最後の措置。"
