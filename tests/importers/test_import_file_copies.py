"""A line left unplaced in one file's Ⅱ that repeats the other files' answer to an item this file left
empty (高槻住基's 「該当なし」 for ⑧権利利益に影響を与え得る決定, extracted far from its label on file 1's
page): importers/file_copies.py. Synthetic snippets in the form's own labels, and the seed."""

from __future__ import annotations

from typing import Any

import pytest

from piagen.importers import file_copies, text
from tests.importers.test_import_published import SEEDS, needs_seeds
from tests.shared import published_cover

HEAD = published_cover("住民基本台帳に関する事務") + "Ⅱ　特定個人情報ファイルの概要\n"


def _file(name: str, loose: str, decisions: str) -> str:
    # the file with the loose line leaves ⑥使用目的 empty too, as the seed's page leaves several
    # labels empty (so no rule of the one-pass reader places the line: strays.py wants one empty label)
    purpose = " ⑥使用目的　※\n" if loose else " ⑥使用目的　※ 記録を管理するため。\n"
    return f""" １．特定個人情報ファイル名
{name}
 ２．基本情報
 ①ファイルの種類　※ [ システム用ファイル ]
{loose}
 ３．特定個人情報の入手・使用
{purpose} ⑧使用方法　※ {name}を使用する。
 情報の突合　※ 住民票と突合する。
 情報の統計分析
※ 統計分析は行わない。
 権利利益に影響を
与え得る決定　※{decisions}
 ⑨使用開始日 平成27年10月5日
"""


def _read(body: str) -> tuple[list[dict[str, Any]], list[str]]:
    model = text.read((HEAD + body).encode("utf-8")).models[0]
    return model.data["files"], [u.line.text.strip() for u in model.unplaced]


def _decisions(files: list[dict[str, Any]]) -> list[Any]:
    return [f.get("acquisition_use", {}).get("usage", {}).get("decisions") for f in files]


SHAPE = (
    _file("住民基本台帳ファイル", "\n[ ○\n\n 該当なし\n\n）\n", "")
    + _file("本人確認情報ファイル", "", " 該当なし")
    + _file("送付先情報ファイル", "", " 該当なし")
)


def test_a_loose_line_repeating_the_other_files_answer_fills_the_empty_item() -> None:
    files, unplaced = _read(SHAPE)
    assert _decisions(files) == ["該当なし", "該当なし", "該当なし"]
    assert "該当なし" not in unplaced


def test_switched_off_the_line_stays_unplaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_copies, "place", lambda *args: None)
    files, unplaced = _read(SHAPE)
    assert _decisions(files) == [None, "該当なし", "該当なし"]
    assert "該当なし" in unplaced


def test_files_that_answer_differently_give_nothing() -> None:
    differ = (
        _file("住民基本台帳ファイル", "\n[ ○\n\n 該当なし\n\n）\n", "")
        + _file("本人確認情報ファイル", "", " 該当なし")
        + _file("送付先情報ファイル", "", " 給付の決定")
    )
    files, unplaced = _read(differ)
    assert _decisions(files) == [None, "該当なし", "給付の決定"]
    assert "該当なし" in unplaced


def test_a_dash_is_never_taken_on_this_ground() -> None:
    files, unplaced = _read(SHAPE.replace("該当なし", "―"))
    assert _decisions(files)[0] is None
    assert "―" in unplaced


@needs_seeds
def test_seed_takatsuki_juki_decisions() -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    models = text.read(seed.read_bytes()).models
    juki = next(m for m in models if len(m.data.get("files", [])) == 3)
    assert _decisions(juki.data["files"]) == ["該当なし", "該当なし", "該当なし"]
