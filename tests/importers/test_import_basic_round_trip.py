"""Round trip of a 基礎項目評価書 (様式2) through piagen's own PDF without its attached model: its
変更箇所 rows have no 変更日 (the column is printed empty), which must not shift the other columns."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.shared import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))


def test_basic_form_round_trip_with_an_empty_date_column(tmp_path: Path) -> None:
    from import_roundtrip import measure

    hits, total, missed, _, _ = measure(ROOT / "examples" / "takatsuki-juki.yaml", tmp_path, "basic")
    assert not [m for m in missed if m.startswith("basic.changes")], "\n".join(missed)
    assert hits / total >= 0.98, "\n".join(missed)
