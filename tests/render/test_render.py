"""Rendering tests on every real example: golden HTML, Excel snapshots, PDF structure and safety."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from piagen.document import pages
from piagen.document.layout import Row
from piagen.errors import RenderError
from piagen.model import source
from piagen.render import forms as render
from piagen.render.job import Options
from tests.shared import GOLDEN, ROOT, example_models, xlsx_snapshot

CASES = [(m, kind) for m in example_models() for kind in render.forms_for(source.load(m).data, "auto")]
IDS = [f"{m.stem}-{kind}" for m, kind in CASES]


@cache
def rendered(model: Path, kind: str) -> dict[str, bytes]:
    doc = source.load(model)
    return render.render(doc.data, kind, ("html", "pdf", "xlsx"), Options(model_yaml=source.dump(doc.data)))  # type: ignore[arg-type]


def pdf_text(data: bytes, tmp_path: Path) -> list[str]:
    """Text of each page (poppler's pdftotext)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.split("\f")


DASHES = str.maketrans({c: "-" for c in "‐‑–—―－"})


def squash(text: str) -> str:
    """Text without white space, dashes unified (text extraction maps U+2010 etc. inconsistently)."""
    return re.sub(r"\s+", "", text).translate(DASHES)


@pytest.mark.parametrize(("model", "kind"), CASES, ids=IDS)
def test_html_golden(model: Path, kind: str, golden) -> None:  # type: ignore[no-untyped-def]
    golden(GOLDEN / f"{model.stem}-{kind}.html", rendered(model, kind)["html"].decode("utf-8"))


@pytest.mark.parametrize(("model", "kind"), CASES, ids=IDS)
def test_xlsx_golden(model: Path, kind: str, golden) -> None:  # type: ignore[no-untyped-def]
    golden(GOLDEN / f"{model.stem}-{kind}.xlsx.txt", xlsx_snapshot(rendered(model, kind)["xlsx"]))


@pytest.mark.parametrize(("model", "kind"), CASES, ids=IDS)
def test_pdf_has_every_label_and_value(model: Path, kind: str, tmp_path: Path) -> None:
    doc = pages.build(source.load(model).data, kind)  # type: ignore[arg-type]
    pdf = rendered(model, kind)["pdf"]
    texts = pdf_text(pdf, tmp_path)
    assert len([t for t in texts if t.strip()]) >= len(doc.blocks)
    # Drop the running header/footer lines so text broken across pages joins up again.
    body = squash("".join(_strip_running(page, {doc.stamp, doc.title or doc.heading}) for page in texts))
    missing = [s for s in _expected_strings(doc) if not _present(squash(s), body)]
    assert not missing[:5], f"{len(missing)} strings missing from the PDF text, e.g. {missing[:5]}"


CHUNK = 12


def _present(text: str, body: str) -> bool:
    """True when `text` is in the PDF text. A table row split over pages interleaves its columns in the
    extracted text, so long strings are checked in chunks, and a chunk may straddle one page break per
    ~1,200 characters (a clipped or missing passage loses many consecutive chunks)."""
    if len(text) <= 3 * CHUNK:
        return text in body
    chunks = [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)]
    lost = sum(chunk not in body for chunk in chunks)
    return lost <= 1 + len(text) // 1200


def _strip_running(page: str, header: set[str]) -> str:
    """A page's text without its running header (first lines) and page number."""
    lines = [line for line in page.splitlines() if line.strip()]
    while lines and lines[0].strip() in header:
        lines.pop(0)
    if lines and re.fullmatch(r"\d+ / \d+", lines[-1].strip()):
        lines.pop()
    return "\n".join(lines)


def _expected_strings(doc: pages.Document) -> list[str]:
    out: list[str] = [doc.heading]
    rows: list[Row] = [*doc.cover]
    for block in doc.blocks:
        out.append(block.title)
        rows.extend(block.rows)
        if block.table:
            out.extend(c for cells in block.table.rows for c in cells)
    for row in rows:
        out.append(row.label)
        if row.cell is not None:
            out.extend(line for line in row.cell.text.splitlines())
            out.extend(c.text for c in row.cell.checks)
            out.extend(row.cell.options)
    return out


@pytest.mark.parametrize(("model", "kind"), CASES[:2], ids=IDS[:2])
def test_pdf_fonts_embedded_and_model_attached(model: Path, kind: str, tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(rendered(model, kind)["pdf"])
    fonts = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts
    assert any("IPAex" in line for line in fonts)
    detach = subprocess.run(
        ["pdfdetach", "-list", str(path)], check=True, capture_output=True, text=True
    ).stdout
    assert "model.yaml" in detach
    subprocess.run(["pdfdetach", "-save", "1", "-o", str(tmp_path / "m.yaml"), str(path)], check=True)
    assert source.load(tmp_path / "m.yaml").data == source.load(model).data


def test_output_is_deterministic() -> None:
    model = ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"
    doc = source.load(model)
    first = render.render(
        doc.data, "focused", ("html", "pdf", "xlsx"), Options(model_yaml=source.dump(doc.data))
    )
    second = render.render(
        doc.data, "focused", ("html", "pdf", "xlsx"), Options(model_yaml=source.dump(doc.data))
    )
    assert first == second


def test_user_text_is_escaped_and_never_a_formula() -> None:
    data = source.load(ROOT / "examples" / "kitakyushu-shingata-influenza.yaml").data
    data["basic_info"]["task"]["name"] = (
        '=HYPERLINK("http://example.invalid","x") <img src="http://example.invalid/a.png">'
    )
    out = render.render(data, "focused", ("html", "xlsx"))
    assert b'<img src="http' not in out["html"]
    assert b"&lt;img src=&#34;http://example.invalid/a.png&#34;&gt;" in out["html"]
    wb = openpyxl.load_workbook(io.BytesIO(out["xlsx"]))
    cells = [
        c
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")
    ]
    assert cells and all(c.data_type == "s" for c in cells)


def test_pdf_refuses_to_fetch_anything() -> None:
    from piagen.render.pdf import typeset as pdf

    for url in ("http://example.invalid/x.png", "file:///etc/hostname"):
        with pytest.raises(RenderError, match="PDF の作成中にエラーがありました: .*外部の資源"):
            pdf.render_pdf(f'<html lang="ja"><body><p>日本語</p><img src="{url}"></body></html>')


def test_missing_japanese_font_is_reported() -> None:
    from piagen.render.pdf import typeset as pdf

    class Font:
        family = b"DejaVu Sans"

    class Doc:
        fonts = {1: Font()}

    with pytest.raises(RenderError, match="日本語フォントが見つかりません（使われたフォント: DejaVu Sans）"):
        pdf._check_fonts(Doc())


def test_render_writes_nothing_when_a_format_fails(
    run_cli: Callable[..., tuple[int, str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from piagen.xlsx import write as xlsx

    out = tmp_path / "out"
    out.mkdir()
    old = out / "kitakyushu-shingata-influenza-focused-internal.pdf"
    old.write_bytes(b"previous")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RenderError("テスト用の失敗")

    monkeypatch.setattr(xlsx, "render_xlsx", broken)
    code, _, err = run_cli(
        "render", str(ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"), "--out", str(out)
    )
    assert code == 1
    assert err.strip() == f"{ROOT / 'examples' / 'kitakyushu-shingata-influenza.yaml'}: テスト用の失敗"
    assert sorted(p.name for p in out.iterdir()) == ["kitakyushu-shingata-influenza-focused-internal.pdf"]
    assert old.read_bytes() == b"previous"


def test_render_refuses_models_with_errors(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    model = ROOT / "examples" / "kashiwa-yobou-sesshu.yaml"
    code, _, err = run_cli("render", str(model), "--out", str(tmp_path), "--to", "html")
    assert code == 1
    assert "エラーが2件あるため出力しません（--allow-errors で出力できます）。" in err
    assert list(tmp_path.iterdir()) == []
    code, out, _ = run_cli("render", str(model), "--out", str(tmp_path), "--to", "html", "--allow-errors")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "kashiwa-yobou-sesshu-basic-internal.html",
        "kashiwa-yobou-sesshu-full-internal.html",
    ]


def test_outputs_get_ordinary_permissions(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Written through a private temporary file, an output still ends up as a plain write leaves it
    (0666 less the umask), or keeps the permissions of the file it replaces: staff publish these."""
    import os
    import stat

    model = ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"
    kept = tmp_path / "kitakyushu-shingata-influenza-focused-internal.xlsx"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    mask = os.umask(0o022)
    try:
        code, _, err = run_cli("render", str(model), "--out", str(tmp_path), "--to", "html,xlsx")
    finally:
        os.umask(mask)
    assert code == 0, err
    assert (
        stat.S_IMODE((tmp_path / "kitakyushu-shingata-influenza-focused-internal.html").stat().st_mode)
        == 0o644
    )
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_bytes() != b"old"
