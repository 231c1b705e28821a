"""The HTML deliverable in a real browser (Debian's headless Chromium): readable on a screen and on
a phone, its 項目一覧 linked to the sections, nothing fetched, no console error."""

from __future__ import annotations

from pathlib import Path

import pytest

from piagen.model import source
from piagen.render import forms as render
from tests.portfolio.chromium import browser, executable
from tests.shared import example_models

pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(
        executable() is None, reason="headless Chromium (apt-get install chromium) is not installed"
    ),
]


@pytest.mark.parametrize("width", [1280, 390])
def test_html_reads_on_a_screen_with_a_linked_table_of_contents(tmp_path: Path, width: int) -> None:
    model = next(m for m in example_models() if m.stem == "kitakyushu-shingata-influenza")
    page_file = tmp_path / "form.html"
    page_file.write_bytes(render.render(source.load(model).data, "focused", ("html",))["html"])
    with browser() as page:
        page.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=width < 500,
        )
        assert page.open(page_file.as_uri()) is None
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('td')).fontSize)")
        assert size >= 14  # the print stylesheet's 8.6pt is 11.5px
        margin = page.evaluate("document.querySelector('h1').getBoundingClientRect().left")
        assert margin >= 8
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # no sideways scrolling
        targets = page.evaluate(
            "[...document.querySelectorAll('.toc a')].map(a => !!document.getElementById(a.hash.slice(1)))"
        )
        assert targets == [True] * 7
        assert page.problems == []
