"""Portfolios made from the examples, in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
# kashiwa-yobou-sesshu has validation errors of its source (see its header): it stays out of the
# clean portfolio and is the broken document of the others.
CLEAN = ("kawasaki-kenko-zoshin", "kitakyushu-shingata-influenza", "takatsuki-juki", "takatsuki-yobou-sesshu")


def make_portfolio(target: Path, names: tuple[str, ...] = CLEAN) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(EXAMPLES / f"{name}.yaml", target / f"{name}.yaml")
        if (EXAMPLES / name).is_dir():
            shutil.copytree(EXAMPLES / name, target / name)
    return target
