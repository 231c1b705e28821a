"""A portfolio made from the examples, copied into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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


@pytest.fixture
def portfolio_dir(tmp_path: Path) -> Path:
    """The four valid examples as one portfolio, with a project file."""
    folder = make_portfolio(tmp_path / "pia")
    (folder / "piagen-project.yaml").write_text(
        "name: 見本市\norganization: 見本市長\noutput: public\n", encoding="utf-8"
    )
    return folder
