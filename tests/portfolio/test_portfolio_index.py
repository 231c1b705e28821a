"""The publication page in a real browser (Debian's headless Chromium over the DevTools protocol):
it loads without a console error, lists every 評価書, and every link opens its document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .chromium import browser, executable

pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(
        executable() is None, reason="headless Chromium (apt-get install chromium) is not installed"
    ),
]


def test_index_loads_lists_every_document_and_every_link_resolves(
    run_cli: Callable[..., tuple[int, str, str]], portfolio_dir: Path
) -> None:
    code, _, _ = run_cli("build", str(portfolio_dir), "--to", "html", "--today", "2025-06-01")
    assert code == 0
    index = portfolio_dir / "public" / "index.html"
    with browser() as page:
        assert page.open(index.as_uri()) is None
        assert page.evaluate("document.title") == "見本市 特定個人情報保護評価書の公表"
        cells = page.evaluate(
            "[...document.querySelectorAll('#documents tbody tr')].map(r => [...r.cells].map(c => c.innerText))"
        )
        links = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
        assert page.problems == []
        assert [c[0] for c in cells] == ["42", "59", "1", "49"]  # by 評価実施機関, then number
        kitakyushu = cells[0]
        assert kitakyushu[3:6] == ["令和3年10月4日", "令和7年10月4日", "令和8年10月4日"]
        assert kitakyushu[2].startswith("重点項目評価書")
        assert len(links) == 8
        for link in links:
            assert page.open(link) is None, link
            assert "評価書" in page.evaluate("document.body.innerText"), link
        assert page.problems == []
