"""The cover's label and value cells side by side on one line, as `pdftotext` (raw or -layout) joins a
row: 「評価実施機関名 柏市長」 gives the value, not the label with it (cover._unlabelled)."""

from __future__ import annotations

import pytest

from piagen.importers import cover
from piagen.importers.lines import from_text


@pytest.mark.parametrize("gap", [" ", "                  ", "\t"])
def test_cover_values_beside_their_labels(gap: str) -> None:
    raw = "\n".join(
        [
            "特定個人情報保護評価書（全項目評価書）",
            f"評価書番号{gap}12",
            f"評価書名{gap}住民基本台帳に関する事務　全項目評価書",
            f"評価実施機関名{gap}どこか町長",
            f"公表日{gap}令和7年1月20日",
            "Ⅰ　基本情報",
        ]
    )
    found, _ = cover.read(from_text(raw))
    assert found["organization"] == "どこか町長"
    assert found["number"] == 12
    assert found["title"] == "住民基本台帳に関する事務　全項目評価書"
    assert found["published"] == "令和7年1月20日"
