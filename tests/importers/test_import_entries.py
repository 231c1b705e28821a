"""Repeating groups read from seeds (text extracted from real published 評価書, layout scrambled):
a 委託事項's title printed on the lines below its marker, and the entries of a list whose lines come
before their marker (提供先2's marker, its lines, then 提供先1's lines, then 「提供先1」)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from piagen.importers import text
from piagen.model import source
from tests.importers.test_import_published import SEEDS, import_seeds, needs_seeds
from tests.shared import EXAMPLES


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
    [("000", "kashiwa-yobou-sesshu", 0), ("003", "takatsuki-yobou-sesshu", 1)],
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
