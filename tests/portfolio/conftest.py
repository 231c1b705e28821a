"""The portfolio fixture: the valid examples with a project file."""

from __future__ import annotations

from pathlib import Path

import pytest

from .sample import make_portfolio


@pytest.fixture
def portfolio_dir(tmp_path: Path) -> Path:
    """The four valid examples as one portfolio, with a project file."""
    folder = make_portfolio(tmp_path / "pia")
    (folder / "piagen-project.yaml").write_text(
        "name: 見本市\norganization: 見本市長\noutput: public\n", encoding="utf-8"
    )
    return folder
