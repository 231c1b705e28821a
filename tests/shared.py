"""What every test folder shares: the repository's layout, the example models and the corpora."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from piagen.model import source

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"
INVALID_CASES = ROOT / "tests" / "cases" / "invalid"


def published_cover(
    task: str = "住民税に関する事務", *, number: str | None = None, first_item: bool = True
) -> str:
    """The first lines of a published 全項目評価書 as text extraction gives them: stamp, title, the
    評価書番号 (when given), 評価書名 and, with `first_item`, Ⅰ１①, for importer tests that add the lines
    they are about."""
    numbered = f" 評価書番号\n{number}\n" if number is not None else ""
    first = (
        f"Ⅰ　基本情報\n １．特定個人情報ファイルを取り扱う事務\n ①事務の名称\t{task}\n" if first_item else ""
    )
    return f"[令和６年10月　様式４]\n特定個人情報保護評価書（全項目評価書）\n{numbered} 評価書名\n{task}　全項目評価書\n{first}"


PUBLISHED_COVER = published_cover()


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


NPM_FOLDER = ROOT / "tests" / "editor"  # package.json and package-lock.json of the npm packages tests use


def npm_package(name: str) -> Path:
    """The folder of an npm package the tests use, installed from the lock file (`npm ci`) when
    missing. Without node and npm the test is skipped on a developer's machine, and fails in CI."""
    folder = NPM_FOLDER / "node_modules" / name
    if not folder.exists() and shutil.which("npm"):
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=NPM_FOLDER,
            check=True,
            timeout=600,
        )
    if folder.exists() and shutil.which("node"):
        return folder
    message = f"{name} needs node and npm (make system-deps installs them)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
