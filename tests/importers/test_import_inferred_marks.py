"""Values a completion pass placed (the extracted text had torn them from their labels), and texts
read far below their label with other labels between, carry a 「# 要確認」 comment in the imported YAML, so the officer knows which values to check against the
published document; values read beside their labels, and every value of a PDF read in order, do not."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from piagen.importers import pdf, text, yamlout
from piagen.model import source
from tests.shared import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_seeds  # noqa: E402

SEED = next(import_seeds.SEEDS.glob("002_*.txt"), None)


@pytest.mark.skipif(SEED is None, reason="the seeds are not beside the checkout")
def test_values_placed_by_completion_are_marked_and_others_are_not() -> None:
    assert SEED is not None
    model = text.read(SEED.read_bytes()).models[0]
    out = yamlout.to_yaml(model, SEED.name)
    rows = out.splitlines()

    def marked(fragment: str) -> bool:
        n = next(k for k, row in enumerate(rows) if fragment in row and not row.lstrip().startswith("#"))
        return rows[n - 1].strip() == yamlout.INFERRED

    # 委託事項1's 委託先名 is printed inside 委託事項2's block: placed by its kind, marked
    assert marked("contractor: 日立・NTTデータ企業連合")
    # ②事務の内容 is printed 8 lines below its label with ③他のシステムとの接続 and others between:
    # placed by nearness, marked
    assert marked("description: |-")
    # the task name is printed on its label's line: not marked
    assert not marked("name: 予防接種に関する事務")
    assert f"値{len(model.inferred)}件" in out and len(model.inferred) >= 10
    # the comments leave the YAML loadable and the data unchanged
    assert source.load(Path("x.yaml"), reader=lambda _p, _s: out).data == model.data


def test_a_pdf_read_in_order_has_no_marks(tmp_path: Path) -> None:
    from import_roundtrip import rendered, stripped

    model = ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"
    imported = pdf.read(stripped(rendered(model, "focused", tmp_path)))
    assert imported.models[0].inferred == ()
    assert yamlout.INFERRED not in yamlout.to_yaml(imported.models[0], "x.pdf")
