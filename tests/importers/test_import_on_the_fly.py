"""`piagen review` and `piagen diff` take a published 評価書 (text or PDF) directly."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.importers.test_import_published import SEEDS, needs_seeds
from tests.shared import ROOT

pytestmark = needs_seeds


def test_review_a_published_text_directly(run_cli: Callable[..., tuple[int, str, str]]) -> None:
    seed = next(SEEDS.glob("004_*.txt"))
    code, out, err = run_cli("review", str(seed), "--today", "2025-03-01")
    assert code in (0, 1), err
    assert "適合性" in out and "妥当性" in out
    assert "Traceback" not in err


def test_diff_published_text_against_the_model(run_cli: Callable[..., tuple[int, str, str]]) -> None:
    seed = next(SEEDS.glob("004_*.txt"))
    model = ROOT / "examples" / "kawasaki-kenko-zoshin.yaml"
    code, out, err = run_cli("diff", str(model), str(seed), "--exit-zero")
    assert code == 0, err
    assert "変更" in out


@pytest.mark.parametrize("command", [("review",), ("diff", str(ROOT / "examples" / "takatsuki-juki.yaml"))])
def test_a_file_with_several_assessments_is_refused(
    command: tuple[str, ...], run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    code, _, err = run_cli(*command, str(seed))
    assert code == 1
    assert "評価書が2件あります" in err and "piagen import" in err and "Traceback" not in err
