"""The 変更箇所 table read from a real layout text extraction: piagen's own PDF through poppler's
`pdftotext -layout` (the table's columns side by side, parted by runs of spaces), imported as text."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from piagen.importers import text
from piagen.model import form, source
from tests.shared import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_seeds  # noqa: E402

pytestmark = pytest.mark.poppler


@pytest.mark.parametrize(
    ("mode", "floor"), [(["-layout"], 0.95), ([], 0.75)], ids=["layout", "reading-order"]
)
def test_changes_come_back_from_pdftotext(tmp_path: Path, mode: list[str], floor: float) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    from import_roundtrip import rendered

    model = ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"
    data = source.load(model).data
    (tmp_path / "x.pdf").write_bytes(rendered(model, form.form_type(data), tmp_path))
    extracted = subprocess.run(
        ["pdftotext", *mode, str(tmp_path / "x.pdf"), "-"], capture_output=True, check=True
    )
    imported = text.read(extracted.stdout)
    per, missed = import_seeds.score({"changes": data["changes"]}, imported.models[0].data)
    hits, total = per["changes"]
    assert hits / total >= floor, "\n".join(missed)  # 61/63 and 51/63 today
