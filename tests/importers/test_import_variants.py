"""Import of the same 評価書 extracted by other tools than the ones the importer was tuned on: piagen's
rendered PDF (attached model removed) as poppler's `pdftotext -raw` and `pdftotext -layout` text,
imported through the text importer (benchmarks/import_variants.py prints every variant and example).
Floors just under today's figures."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

import pytest

from tests.shared import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import_variants = importlib.import_module("import_variants")

pytestmark = [
    pytest.mark.poppler,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler (pdftotext) is not installed"),
]

# Share of the leaf values the rendered PDF prints that come back from each extraction. The -raw
# text loses most of the （別添３）変更箇所 cells: its columns are printed one after another with only a
# space between cells that wrap over several lines.
FLOORS = {
    ("kitakyushu-shingata-influenza", "raw"): 0.85,
    ("kitakyushu-shingata-influenza", "layout"): 0.93,
    ("kashiwa-yobou-sesshu", "raw"): 0.97,
    ("kashiwa-yobou-sesshu", "layout"): 0.88,
}


@pytest.mark.parametrize("name", sorted({name for name, _ in FLOORS}))
def test_other_extractions_of_the_rendered_pdf_import(name: str, tmp_path: Path) -> None:
    variants = [v for n, v in FLOORS if n == name]
    got = import_variants.measure(ROOT / "examples" / f"{name}.yaml", tmp_path, variants)
    for variant in variants:
        hits, total, missed, _, error = got[variant]
        assert not error, f"{name} {variant}: {error}"
        assert hits / total >= FLOORS[(name, variant)], (name, variant, hits / total, missed[:10])
