"""The （別添１） figure drawn from the model (`figure: generated`) carries no withheld text into the
公表版: the drawing is embedded as a base64 data: URL, which a plain byte search of the HTML cannot see."""

from __future__ import annotations

import base64
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.shared import EXAMPLES

SECRET = "富士通Ｊａｐａｎ株式会社"  # 川崎市's 委託先 (Ⅱ４ 委託事項1 ③委託先名), drawn in the figure
Run = Callable[..., tuple[int, str, str]]


def _svgs(html: str) -> str:
    """Every embedded SVG of the page, decoded."""
    found = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)
    assert found, "no generated figure embedded"
    return "\n".join(base64.b64decode(b).decode("utf-8") for b in found)


def test_the_generated_figure_of_the_public_edition_withholds(run_cli: Run, tmp_path: Path) -> None:
    model = tmp_path / "kawasaki-kenko-zoshin.yaml"
    shutil.copy(EXAMPLES / model.name, model)
    with model.open("a", encoding="utf-8") as fh:
        fh.write(
            "\nwithheld:\n"
            "  - path: files.0.entrustment.items.0.contractor\n"
            "    reason: 規則第13条（セキュリティ上のリスク）\n"
        )
    out = tmp_path / "out"
    for edition in ("internal", "public"):
        code, _, err = run_cli(
            "render", str(model), "--form", "full", "--to", "html", "--edition", edition, "--out", str(out)
        )
        assert code == 0, err
    internal = _svgs((out / "kawasaki-kenko-zoshin-full-internal.html").read_text(encoding="utf-8"))
    public = _svgs((out / "kawasaki-kenko-zoshin-full.html").read_text(encoding="utf-8"))
    assert SECRET in internal  # the 提出版 draws it: the search below can find it
    assert SECRET not in public
