"""A figure file the model names (PNG, JPEG, SVG) is embedded as the （別添１） image in the HTML and PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from PIL import Image

from tests.shared import ROOT

KAWASAKI = ROOT / "examples" / "kawasaki-kenko-zoshin.yaml"


def _model_with(tmp_path: Path, figure: str) -> Path:
    data = yaml.safe_load(KAWASAKI.read_text(encoding="utf-8"))
    data["annex_flow"][0]["figure"] = figure
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "kind"), [("flow.png", "PNG"), ("flow.jpg", "JPEG")])
def test_a_raster_figure_is_embedded(run_cli, tmp_path: Path, name: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    Image.new("RGB", (400, 240), (40, 90, 160)).save(tmp_path / name, kind)
    model = _model_with(tmp_path, name)
    code, _, err = run_cli("render", str(model), "--out", str(tmp_path / "out"), "--to", "html,pdf")
    assert code == 0, err
    html = (tmp_path / "out" / "model-full-internal.html").read_text(encoding="utf-8")
    mime = "png" if kind == "PNG" else "jpeg"
    assert f'<div class="figure"><img src="data:image/{mime};base64,' in html
    assert "（図は未掲載）" not in html and "図の内容（文字による説明）" not in html
    listing = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "out" / "model-full-internal.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert any(line.split()[3:5] == ["400", "240"] for line in listing.splitlines()[2:]), listing


def test_an_svg_figure_file_is_embedded_with_its_text(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("figure", str(KAWASAKI), "-o", str(tmp_path / "flow.svg"))
    assert code == 0, err
    svg = (tmp_path / "flow.svg").read_text(encoding="utf-8")
    (tmp_path / "flow.svg").write_text(
        svg.replace("成人検診情報ファイル", "手で直した図のファイル"), encoding="utf-8"
    )
    model = _model_with(tmp_path, "flow.svg")
    code, _, err = run_cli("render", str(model), "--out", str(tmp_path / "out"), "--to", "pdf")
    assert code == 0, err
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "model-full-internal.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "手で直した図のファイル" in text
