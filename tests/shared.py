"""What every test folder shares: the repository's layout, the example models and the corpora."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import openpyxl

from piagen.model import source

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"
INVALID_CASES = ROOT / "tests" / "cases" / "invalid"


def example_models() -> list[Path]:
    """Every complete model under examples/ (included fragments live in sub-folders)."""
    return sorted(EXAMPLES.glob("*.yaml"))


@cache
def example(name: str) -> source.Document:
    """An example model by name (loaded once per run; copy its data before changing it)."""
    return source.load(EXAMPLES / f"{name}.yaml")


def xlsx_snapshot(data: bytes) -> str:
    """Cell values, merges, hidden paths and validations of a workbook, as reviewable text."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for ws in wb.worksheets:
        lines.append(f"## {ws.title} print_area={ws.print_area} titles={ws.print_title_rows}")
        lines.append("merged: " + " ".join(sorted(str(r) for r in ws.merged_cells.ranges)))
        for dv in ws.data_validations.dataValidation:
            lines.append(f"list {dv.sqref}: {dv.formula1}")
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    lines.append(f"{c.coordinate}={c.value!r}")
    return "\n".join(lines) + "\n"
