"""`piagen figure`: the 事務の流れ drawn from every example model — every official name and method
in it, nothing overlapping or clipped, the same bytes each time — and embedded as （別添１）."""

from __future__ import annotations

import copy
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
import yaml

from piagen import figure
from piagen.figure import flow as flows
from piagen.figure.svg import FONT, em
from piagen.model import source
from tests.shared import ROOT, example_models

WITH_FILES = [m for m in example_models() if source.load(m).data.get("files")]
KAWASAKI = ROOT / "examples" / "kawasaki-kenko-zoshin.yaml"
Rect = tuple[float, float, float, float]


def _texts(svg: str) -> list[tuple[float, float, float, str]]:
    """Each text line: x, baseline y, font size and its text."""
    out = []
    for attrs, body in re.findall(r"<text ([^>]*)>([^<]*)</text>", svg):
        size = re.search(r'font-size="([\d.]+)"', attrs)
        x, y = (float(re.search(rf'{k}="([\d.]+)"', attrs).group(1)) for k in ("x", "y"))  # type: ignore[union-attr]
        out.append((x, y, float(size.group(1)) if size else FONT, unescape(body)))
    return out


def _rects(svg: str) -> list[Rect]:
    return [
        (float(x), float(y), float(x) + float(w), float(y) + float(h))
        for x, y, w, h in re.findall(
            r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg
        )
    ]


def _extent(x: float, y: float, size: float, text: str) -> Rect:
    return (x, y - size * 0.88, x + sum(em(ch) for ch in text) * size, y + size * 0.12)


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("model", WITH_FILES, ids=lambda m: m.stem)
def test_every_official_name_and_method_is_drawn(model: Path) -> None:
    data = source.load(model).data
    svg = figure.flow_svg(data)
    drawn = "".join(t for *_, t in _texts(svg))
    flow = flows.flow_of(data)
    wanted = [flow.task, *flow.systems]
    for f in flow.files:
        wanted += [f.name, f.method, *(p.name for p in f.sources)]
        wanted += [x for p in f.targets for x in (p.kind, p.name, p.method)]
    for text in wanted:
        assert re.sub(r"\s", "", text) in re.sub(r"\s", "", drawn), text
    assert "（この図はモデルから生成）" in drawn
    for i, f in enumerate(data["files"]):
        assert f["name"] in flow.files[i].name
        for key in f["acquisition_use"]["sources"]:
            assert key in drawn


@pytest.mark.parametrize("model", WITH_FILES, ids=lambda m: m.stem)
def test_nothing_overlaps_and_no_text_leaves_its_box(model: Path) -> None:
    svg = figure.flow_svg(source.load(model).data)
    rects = _rects(svg)
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())  # type: ignore[union-attr]
    for i, a in enumerate(rects):
        assert a[2] <= width and a[3] <= height
        assert not any(_overlap(a, b) for b in rects[i + 1 :]), a
    for x, y, size, text in _texts(svg):
        box = _extent(x, y, size, text)
        assert box[2] <= width + 0.1 and box[1] >= 0 and box[3] <= height, text
        inside = [r for r in rects if r[0] <= x <= r[2] and r[1] <= y <= r[3]]
        if inside:  # a box's own line stays inside it
            assert box[2] <= inside[0][2] and box[1] >= inside[0][1], text
        else:  # an arrow's label or the caption touches no box
            assert not any(_overlap(box, r) for r in rects), text
    labels = [
        _extent(*t)
        for t in _texts(svg)
        if not any(r[0] <= t[0] <= r[2] and r[1] <= t[1] <= r[3] for r in rects)
    ]
    assert not any(_overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :])


def test_same_model_same_bytes(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outs = []
    for name in ("a.svg", "b.svg"):
        code, _, err = run_cli("figure", str(KAWASAKI), "-o", str(tmp_path / name))
        assert code == 0, err
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1] == figure.flow_svg(source.load(KAWASAKI).data).encode()
    assert outs[0].startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')


def test_a_changed_model_changes_the_figure() -> None:
    data = copy.deepcopy(source.load(KAWASAKI).data)
    data["files"][0]["provision"]["recipients"][0]["name"] = "都道府県知事"
    assert "都道府県知事" in figure.flow_svg(data)
    assert "都道府県知事" not in figure.flow_svg(source.load(KAWASAKI).data)


def test_a_long_list_is_one_party_as_in_the_form() -> None:
    entry = {"name": "大臣", "methods": {"紙": True}}
    f = {"name": "F", "provision": {"recipients": [entry] * (flows.MAX_LISTED + 1)}}
    (party,) = flows.flow_of({"files": [f]}).files[0].targets
    assert (party.kind, party.method) == ("提供先", "紙") and f"提供先{flows.MAX_LISTED + 1}件" in party.name


def test_figure_cli_refuses_other_suffixes(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("figure", str(KAWASAKI), "-o", str(tmp_path / "flow.png"))
    assert code == 2 and ".svg" in err and not (tmp_path / "flow.png").exists()


def _without_figure(tmp_path: Path) -> Path:
    data = yaml.safe_load(KAWASAKI.read_text(encoding="utf-8"))
    del data["annex_flow"][0]["figure"]
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_page_without_figure_warns_and_prints_a_placeholder(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    model = _without_figure(tmp_path)
    _, out, _ = run_cli("validate", str(model))
    assert "（別添１）事務の内容に図がありません" in out
    code, _, err = run_cli("render", str(model), "--out", str(tmp_path / "out"), "--to", "html")
    assert code == 0, err
    html = (tmp_path / "out" / "model-full-internal.html").read_text(encoding="utf-8")
    assert "（図は未掲載）" in html and "図の内容（文字による説明）" in html


def test_the_public_edition_under_strict_needs_the_figure(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    model = _without_figure(tmp_path)
    args = ("--edition", "public", "--strict", "--to", "html")
    code, _, err = run_cli("render", str(model), "--out", str(tmp_path / "out"), *args)
    assert code == 1 and "図がありません" in err and not (tmp_path / "out").exists()
    code, _, err = run_cli("render", str(KAWASAKI), "--out", str(tmp_path / "ok"), *args)
    assert code == 0, err


def test_the_generated_figure_is_in_the_pdf(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("render", str(KAWASAKI), "--out", str(tmp_path), "--to", "pdf")
    assert code == 0, err
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(tmp_path / "kawasaki-kenko-zoshin-full-internal.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\f")
    page = next(p for p in text if "（別添1） 事務の内容" in p)
    flat = re.sub(r"\s", "", page)
    for name in ("（この図はモデルから生成）", "成人検診情報ファイル", "本人又は本人の代理人", "市町村長"):
        assert name in flat
    assert "基\nテ\n住民基本台" not in page  # the original figure's text fragments are not printed
