"""Repeating groups read from seeds (text extracted from real published 評価書, layout scrambled):
a 委託事項's title printed on the lines below its marker, and the entries of a list whose lines come
before their marker (提供先2's marker, its lines, then 提供先1's lines, then 「提供先1」)."""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

import pytest

from piagen.importers import text
from piagen.model import source
from tests.importers.test_import_published import SEEDS, needs_seeds
from tests.shared import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_seeds  # noqa: E402


@cache
def _pair(prefix: str, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    seed = next(SEEDS.glob(f"{prefix}_*.txt"))
    example = source.load(EXAMPLES / f"{name}.yaml").data
    models = [m.data for m in text.read(seed.read_bytes()).models]
    return example, import_seeds.match(models, example)


def _both(prefix: str, name: str, path: tuple[Any, ...]) -> tuple[Any, Any]:
    example, got = _pair(prefix, name)
    return import_seeds.get(example, path), import_seeds.get(got, path)


@needs_seeds
@pytest.mark.parametrize(
    ("prefix", "name", "n"),
    [("000", "kashiwa-yobou-sesshu", 0)],
)
def test_an_entrustment_title_below_its_marker_is_read(prefix: str, name: str, n: int) -> None:
    want, got = _both(prefix, name, ("files", 0, "entrustment", "items", n, "title"))
    assert want and import_seeds.same(got, want)


@needs_seeds
@pytest.mark.parametrize("field", ["legal_basis", "timing"])
def test_a_recipient_read_before_its_marker_keeps_its_own_values(field: str) -> None:
    """000 prints 提供先2's ⑦ and ① first, then 提供先1's ①–⑦, then 「提供先1」: the second
    「①法令上の根拠」 goes to the entry still without one, not to 移転先1."""
    for n in (0, 1):
        want, got = _both("000", "kashiwa-yobou-sesshu", ("files", 0, "provision", "recipients", n, field))
        assert want and import_seeds.same(got, want), (n, got)
    _, transferee = _both("000", "kashiwa-yobou-sesshu", ("files", 0, "provision", "transferees", 0, field))
    assert transferee is None


@needs_seeds
@pytest.mark.parametrize(
    ("prefix", "name", "n"),
    [
        ("000", "kashiwa-yobou-sesshu", 0),  # 「市町村長」 among 提供先1's items, its marker after them
        ("000", "kashiwa-yobou-sesshu", 1),  # 「市区町村長」 after 「提供先2～5」, 提供先2's marker before
        ("003", "takatsuki-yobou-sesshu", 1),
        ("004", "kawasaki-kenko-zoshin", 0),  # after 「移転先1」 and 「提供先16～20」: not 移転先1's
    ],
)
def test_a_recipient_name_printed_apart_from_its_marker_is_its_name(prefix: str, name: str, n: int) -> None:
    want, got = _both(prefix, name, ("files", 0, "provision", "recipients", n, "name"))
    assert want and import_seeds.same(got, want)


@needs_seeds
def test_a_list_label_after_another_lists_marker_goes_to_its_own_list() -> None:
    """004 prints 「移転先1」 (no 移転: its items are not printed), then 「提供先16～20」 and 提供先1's
    items: ⑦時期・頻度 is 提供先1's; no 移転先 is made up."""
    want, got = _both("004", "kawasaki-kenko-zoshin", ("files", 0, "provision", "recipients", 0, "timing"))
    assert want and import_seeds.same(got, want)
    assert not _pair("004", "kawasaki-kenko-zoshin")[1]["files"][0]["provision"].get("transferees")


def test_two_paragraphs_among_an_entrys_items_name_it_only_when_one_is_left() -> None:
    """A paragraph no label reads, met among an entry's items, names the entry only when it is the
    only one there; two leave the name empty (both reported as unplaced)."""
    from piagen.importers import parse
    from piagen.importers.lines import Line
    from tests.shared import PUBLISHED_COVER

    def read(extra: list[str]) -> tuple[Any, list[str]]:
        body = [
            "５．特定個人情報の提供・移転（委託に伴うものを除く。）",
            "提供先1",
            "",
            "①法令上の根拠 番号法第19条第8号",
            "",
            "④提供する情報の対象となる本人の数 [ 10万人以上100万人未満 ]",
            "",
        ]
        text = PUBLISHED_COVER.splitlines() + body + extra + ["", "②提供先における用途 予防接種に関する事務"]
        parsed = parse.parse([Line(t, n + 1) for n, t in enumerate(text)], "full")
        name = parsed.values.get(("files", 0, "provision", "recipients", 0, "name"))
        return (name[0] if name else None), [line.text for line, _ in parsed.unplaced]

    assert read(["市町村長"])[0] == "市町村長"
    name, unplaced = read(["市町村長", "", "都道府県知事"])
    assert name is None and {"市町村長", "都道府県知事"} <= set(unplaced)


def test_a_choice_with_a_vertical_labels_first_character_joined_is_read() -> None:
    """「⑦再委託の有無　※ [ 再委託しない再」 then 「委」「託」 (高槻予防接種 委託事項1): the 「再」 of the
    vertical label 「再／委／託」 joined to the value's line; two characters more are no option."""
    from piagen.importers import values
    from piagen.importers.reader import Index

    item = next(i for i in Index("full").items if i.path[-1] == "subcontract")
    assert values.choice_of(item, "[ 再委託しない再") == "再委託しない"
    assert values.choice_of(item, "[ 再委託する再") == "再委託する"
    assert values.choice_of(item, "[ 再委託しない再委") is None
    want, got = _both("003", "takatsuki-yobou-sesshu", ("files", 0, "entrustment", "items", 0, "subcontract"))
    assert want and import_seeds.same(got, want)


def _usage_block(empty_labels: list[str]) -> tuple[dict[str, Any], list[str]]:
    """A file whose 「該当なし」 extraction put among 「２．基本情報」's checkbox pieces, before the
    block of 「⑧使用方法」 whose `empty_labels` are printed without a value."""
    from piagen.importers import parse
    from piagen.importers.lines import Line
    from tests.shared import PUBLISHED_COVER

    body = [
        "Ⅱ　特定個人情報ファイルの概要",
        "１．特定個人情報ファイル名",
        "予防接種ファイル",
        "２．基本情報",
        "②対象となる本人の数 [ 10万人以上100万人未満 ]",
        "",
        "該当なし",
        "",
        "）",
        "",
        "] 本人又は本人の代理人",
        "",
        "３．特定個人情報の入手・使用",
        "⑧使用方法　※ 予診票を発行する。",
        "",
        "情報の突合　※ 宛名番号で突合する。",
        "",
        *empty_labels,
        "⑨使用開始日 平成28年1月1日",
    ]
    text = PUBLISHED_COVER.splitlines() + body
    parsed = parse.parse([Line(t, n + 1) for n, t in enumerate(text)], "full")
    got = {".".join(map(str, path)): value for path, (value, _) in parsed.values.items()}
    return got, [line.text for line, _ in parsed.unplaced]


def test_a_value_printed_before_its_block_goes_to_the_one_label_left_empty() -> None:
    got, unplaced = _usage_block(["権利利益に影響を", "与え得る決定　※", ""])
    assert got["files.0.acquisition_use.usage.decisions"] == "該当なし"
    assert "該当なし" not in unplaced
    got, unplaced = _usage_block(["情報の統計分析　※", "", "権利利益に影響を", "与え得る決定　※", ""])
    assert "files.0.acquisition_use.usage.decisions" not in got, "two labels left empty: which one?"
    assert "files.0.acquisition_use.usage.statistics" not in got
    assert "該当なし" in unplaced


@needs_seeds
@pytest.mark.parametrize("n", [1, 2])
def test_a_decision_printed_among_another_sections_pieces_is_read(n: int) -> None:
    """高槻住基 files 2 and 3: 「該当なし」 among 「②対象となる本人の数」's lines, then ⑨ and ⑧'s block."""
    path = ("files", n, "acquisition_use", "usage", "decisions")
    want, got = _both("003", "takatsuki-juki", path)
    assert want and import_seeds.same(got, want)
