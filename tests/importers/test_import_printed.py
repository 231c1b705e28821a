"""Import of a 評価書 printed from its workbook, as real published PDFs are (the PPC's 様式 is an
Excel/Word form filled in and printed by hand, not piagen's own layout): each example's workbook
printed by LibreOffice, its PDF imported through `piagen import`, the example's leaf values counted
(benchmarks/import_printed.py prints them per section). Floors just under today's figures."""

from __future__ import annotations

import importlib
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from piagen.importers import pdf
from piagen.model import source
from tests.shared import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_seeds  # noqa: E402

import_printed = importlib.import_module("import_printed")  # the benchmark's printing and scoring

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]

# Share of the example's printed leaf values read back from LibreOffice's printout of its workbook.
FLOORS = {
    "kashiwa-yobou-sesshu": 0.98,
    "kawasaki-kenko-zoshin": 0.97,
    "kitakyushu-shingata-influenza": 0.99,
    "takatsuki-juki": 0.98,
    "takatsuki-yobou-sesshu": 0.98,
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The examples' workbooks printed to PDF by one LibreOffice run."""
    folder = tmp_path_factory.mktemp("printed")
    yield import_printed.printed([ROOT / "examples" / f"{name}.yaml" for name in FLOORS], folder)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_printed_workbook_reads_back_above_its_floor(
    printed: dict[str, Path], name: str, run_cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    out = tmp_path / "imported.yaml"
    code, _, err = run_cli("import", str(printed[name]), "--out", str(out))
    assert code == 0, err
    assert "piagen が出力した PDF" not in err, "a printed workbook carries no model: it is read from its text"
    example = source.load(ROOT / "examples" / f"{name}.yaml").data
    per, missed = import_seeds.score(import_printed.expected(example), source.load(out).data)
    hits, total = sum(c[0] for c in per.values()), sum(c[1] for c in per.values())
    assert hits / total >= FLOORS[name], f"{name}: {hits}/{total}\n" + "\n".join(missed[:40])


def test_running_headers_and_page_numbers_of_a_printed_workbook_are_left_out(tmp_path: Path) -> None:
    """The same workbook printed with Excel's header (document name, sheet name) and footer
    (「- 3 -」, 「3 / 49」) on every sheet reads back as well as without them."""
    name = "kawasaki-kenko-zoshin"
    printed = import_printed.printed([ROOT / "examples" / f"{name}.yaml"], tmp_path, margins=True)
    imported = pdf.read(printed[name].read_bytes())
    example = source.load(ROOT / "examples" / f"{name}.yaml").data
    per, missed = import_seeds.score(import_printed.expected(example), imported.models[0].data)
    hits, total = sum(c[0] for c in per.values()), sum(c[1] for c in per.values())
    assert hits / total >= FLOORS[name], f"{name}: {hits}/{total}\n" + "\n".join(missed[:40])
    lines = pdf.lines_of(printed[name].read_bytes())
    margin = [
        ln.text
        for ln in lines
        if re.fullmatch(r"(\d+ / \d+|- \d+ -|特定個人情報保護評価書)", ln.text.strip())
    ]
    assert not margin


def test_labels_centred_vertically_beside_their_values_read_back(tmp_path: Path) -> None:
    """The workbook with every cell's text centred vertically (a label prints level with the middle
    of its value; a 変更日 level with the middle of a long 変更前の記載): each ruled cell's text is read
    from its cell's top, the 変更箇所 table and the 別紙 lists row by row from the rules LibreOffice draws
    between their rows — also on the pages where the repeated column heads are taken for a running
    header, and where a row runs over a page's foot. About as much comes back as from a top-aligned
    printout."""
    names = ["kitakyushu-shingata-influenza", "takatsuki-juki", "takatsuki-yobou-sesshu"]
    printed = import_printed.printed([ROOT / "examples" / f"{n}.yaml" for n in names], tmp_path, centred=True)
    sections = {}
    for name, floor in zip(names, (0.99, 0.98, 0.98), strict=True):
        imported = pdf.read(printed[name].read_bytes())
        example = source.load(ROOT / "examples" / f"{name}.yaml").data
        per, missed = import_seeds.score(import_printed.expected(example), imported.models[0].data)
        sections[name] = per
        hits, total = sum(c[0] for c in per.values()), sum(c[1] for c in per.values())
        assert hits / total >= floor, f"{name}: {hits}/{total}\n" + "\n".join(missed[:40])
        changed, rows = per["changes"]
        assert rows > 50 and changed / rows >= 0.95, f"{name} 変更箇所: {changed}/{rows}"
    # 高槻住基's 別紙１/別紙２ (58 提供先, 47 移転先): each 番号 centred beside its row's long cells
    provided, leaves = sections["takatsuki-juki"]["files.provision"]
    assert leaves > 600 and provided / leaves >= 0.97, f"別紙: {provided}/{leaves}"


def test_cells_set_at_the_bottom_read_back(tmp_path: Path) -> None:
    """The workbook with every cell's text at the bottom of its cell (Excel's default alignment)."""
    name = "takatsuki-yobou-sesshu"
    printed = import_printed.printed([ROOT / "examples" / f"{name}.yaml"], tmp_path, centred="bottom")
    imported = pdf.read(printed[name].read_bytes())
    example = source.load(ROOT / "examples" / f"{name}.yaml").data
    per, missed = import_seeds.score(import_printed.expected(example), imported.models[0].data)
    hits, total = sum(c[0] for c in per.values()), sum(c[1] for c in per.values())
    assert hits / total >= 0.98, f"{name}: {hits}/{total}\n" + "\n".join(missed[:40])


def test_printed_workbook_is_not_taken_for_a_piagen_pdf(printed: dict[str, Path]) -> None:
    imported = pdf.read(printed["kitakyushu-shingata-influenza"].read_bytes())
    assert len(imported.models) == 1 and not imported.attached
    assert imported.models[0].data["form"] == {"type": "focused", "version": "H30.5"}
