"""The PDF in parts: `render.writers.pdf.split` cuts a long form into its sections, WeasyPrint lays them out in
parallel and `pdfparts.merge` joins them (pages, bookmarks, structure tree, one embedded font) and
stamps the running header and 「n / N」. The merged PDF must read and look exactly like the one laid
out in one go.

高槻市 住基 (full form, 80 pages) is rendered once per module both ways (~15 s). The merger itself is
tested on tiny WeasyPrint documents.
"""

from __future__ import annotations

import collections
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest

from piagen.errors import RenderError
from piagen.model import source
from piagen.render import forms as render
from piagen.render import html
from piagen.render.job import Options
from piagen.render.pdf import jobs as pdfjobs
from piagen.render.pdf import merge as pdfparts
from piagen.render.pdf import typeset as pdf
from piagen.render.writers import pdf as pdf_writer
from tests.shared import EXAMPLES, example_models

JUKI = EXAMPLES / "takatsuki-juki.yaml"
A4_HEIGHT = 842  # points; the page margins are 16 mm (45 pt) at the top and 14 mm (40 pt) at the bottom


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def tool(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True)
    assert done.stderr == "", done.stderr  # poppler reports every syntax error it works around
    return done.stdout


def page_texts(path: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    return tool("pdftotext", "-enc", "UTF-8", path, "-").split("\f")[:-1]


def region(path: Path, page: int, top: int, height: int) -> str:
    """The text in a horizontal band of one page (points from the top of the page)."""
    args = ("-f", str(page), "-l", str(page), "-x", "0", "-y", str(top), "-W", "600", "-H", str(height))
    return squash(tool("pdftotext", "-enc", "UTF-8", *args, path, "-"))


def header(path: Path, page: int) -> str:
    return region(path, page, 0, 45)


def footer(path: Path, page: int) -> str:
    return region(path, page, A4_HEIGHT - 40, 40)


def info(path: Path) -> dict[str, str]:
    lines = tool("pdfinfo", "-enc", "UTF-8", path).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int | None]]:
    """Every bookmark as (depth, title, page index), in order."""

    def flat(items: list[Any], depth: int) -> list[tuple[int, str, int | None]]:
        out: list[tuple[int, str, int | None]] = []
        for item in items:
            if isinstance(item, list):
                out.extend(flat(item, depth + 1))
            else:
                out.append((depth, str(item.title), reader.get_destination_page_number(item)))
        return out

    return flat(reader.outline, 0)


def structure(reader: pypdf.PdfReader) -> collections.Counter[str]:
    """The structure elements of the document by type (/Sect, /Table, /TD, /Span …)."""
    counts: collections.Counter[str] = collections.Counter()

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif isinstance(node, dict) and "/S" in node:
            counts[str(node["/S"])] += 1
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return counts


# ---- render.writers.pdf.split ----
def document(path: Path, kind: str, **options: Any) -> Any:
    return render.document(source.load(path).data, kind, **options)  # type: ignore[arg-type]


ALL = [(m, kind) for m in example_models() for kind in render.forms_for(source.load(m).data, "auto")]
# A few pages are faster laid out whole than split, merged and stamped (the 基礎項目評価書, 北九州市).
SMALL = [(m, kind) for m, kind in ALL if kind == "basic" or m.stem.startswith("kitakyushu")]


@pytest.mark.parametrize(("model", "kind"), SMALL, ids=[f"{m.stem}-{k}" for m, k in SMALL])
def test_small_documents_stay_whole(model: Path, kind: str) -> None:
    doc = document(model, kind)
    assert pdf_writer.split(doc) == [doc]


@pytest.mark.parametrize(("model", "kind"), ALL, ids=[f"{m.stem}-{k}" for m, k in ALL])
def test_parts_are_the_cover_then_each_section_in_order(model: Path, kind: str) -> None:
    doc = document(model, kind)
    parts = pdf_writer.split(doc)
    assert tuple(b for p in parts for b in p.blocks) == doc.blocks
    if len(parts) > 1:
        head, *sections = parts
        assert head.blocks == () and (head.cover, head.toc, head.notes) == (doc.cover, doc.toc, doc.notes)
        assert [p.blocks for p in sections] == [(b,) for b in doc.blocks]
        assert all((p.cover, p.toc, p.notes) == ((), (), ()) for p in sections)
        assert all((p.heading, p.title, p.stamp) == (doc.heading, doc.title, doc.stamp) for p in parts)


def test_juki_and_kawasaki_are_laid_out_in_parts() -> None:
    for path in (JUKI, EXAMPLES / "kawasaki-kenko-zoshin.yaml"):
        doc = document(path, "full")
        assert len(pdf_writer.split(doc)) == 1 + len(doc.blocks) > 10


def test_split_parts_keep_the_draft_watermark() -> None:
    doc = document(JUKI, "full", draft=True)
    parts = pdf_writer.split(doc)
    assert len(parts) > 2 and all(p.watermark == "案" for p in parts)
    assert parts[0].notes == doc.notes and parts[0].notes and parts[1].notes == ()


def test_part_html_has_no_margins_and_no_empty_cover() -> None:
    first, second = pdf_writer.split(document(JUKI, "full"))[:2]
    one, two = (html.render_html(p, margins=False) for p in (first, second))
    assert '<section class="cover">' in one and '<section class="cover">' not in two
    for page in (one, two):  # the overlay draws the header and 「n / N」 over the merged pages
        assert "@page { @top-right { content: none; } @bottom-center { content: none; } }" in page


# ---- 高槻市 住基 laid out in one go and in parts ----
@pytest.fixture(scope="module")
def juki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The full form as PDF laid out in one go ("serial") and in parts on two cores ("parallel")."""
    data = source.load(JUKI).data
    folder = tmp_path_factory.mktemp("juki")
    model = pdf.Attachment("model.yaml", source.dump(data).encode("utf-8"), "piagen モデル（YAML）")
    doc = render.document(data, "full")
    date = render.document_date(data)
    text = html.render_html(doc, created=date.date().isoformat())
    out = {"serial": folder / "serial.pdf", "parallel": folder / "parallel.pdf"}
    out["serial"].write_bytes(pdf.render_pdf(text, attachments=(model,), date=date))
    rendered = render.render(data, "full", ("pdf",), Options(model_yaml=source.dump(data), workers=2))
    out["parallel"].write_bytes(rendered["pdf"])
    return out


def overlaid(path: Path) -> list[bool]:
    """For each page, whether the overlay is drawn on it."""
    return ["/PiagenOverlay" in p["/Resources"].get("/XObject", {}) for p in pypdf.PdfReader(path).pages]


def test_parallel_pdf_was_merged(juki: dict[str, Path]) -> None:
    assert all(overlaid(juki["parallel"])) and not any(overlaid(juki["serial"]))


def test_parallel_pdf_reads_like_the_serial_one(juki: dict[str, Path]) -> None:
    serial, parallel = info(juki["serial"]), info(juki["parallel"])
    pages = int(serial["Pages"])
    assert pages > 50 and parallel["Pages"] == serial["Pages"]
    one, two = page_texts(juki["serial"]), page_texts(juki["parallel"])
    assert len(one) == len(two) == pages
    differ = [i + 1 for i, (a, b) in enumerate(zip(one, two, strict=True)) if squash(a) != squash(b)]
    assert differ == [], f"pages whose text differs: {differ[:10]}"
    for key in ("Title", "Subject", "Author", "Creator", "CreationDate", "Tagged", "Page size"):
        assert parallel[key] == serial[key], key
    assert parallel["Tagged"] == "yes"


def body_pixels(path: Path, page: int, folder: Path) -> bytes:
    """The page below the running header and above the page number, as grey pixels (50 dpi)."""
    from PIL import Image

    stem = folder / f"{path.stem}-{page}"
    tool("pdftoppm", "-r", "50", "-gray", "-f", str(page), "-l", str(page), "-singlefile", "-png", path, stem)
    with Image.open(f"{stem}.png") as image:
        width, height = image.size
        return image.crop((0, height * 45 // A4_HEIGHT, width, height - height * 40 // A4_HEIGHT)).tobytes()


def test_parallel_pdf_draws_the_same_glyphs(juki: dict[str, Path], tmp_path: Path) -> None:
    """Text extraction reads the ToUnicode maps, not the glyphs: compare the drawn pages, so that a
    wrong glyph in the merged font (one embedded font for all parts) would show."""
    pages = int(info(juki["serial"])["Pages"])
    for page in (1, 3, 9, 30, pages // 2, pages - 1, pages):
        assert body_pixels(juki["serial"], page, tmp_path) == body_pixels(juki["parallel"], page, tmp_path), (
            page
        )


@pytest.mark.parametrize("which", ["serial", "parallel"])
def test_running_header_and_page_numbers(juki: dict[str, Path], which: str) -> None:
    path = juki[which]
    pages = int(info(path)["Pages"])
    stamp = "[平成30年５月様式４]"
    title = squash(str(source.load(JUKI).data["cover"]["title"]))
    assert header(path, 1) == ""  # the cover: no running header
    assert region(path, 1, 45, 30) == stamp  # the 様式 stamp, once, at the top of the cover
    assert squash(tool("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", path, "-")).count(stamp) == 1
    assert footer(path, 1) == f"1/{pages}"
    for page in (2, pages // 2, pages // 2 + 1, pages):  # both pieces of the overlay
        assert header(path, page) == title
        assert footer(path, page) == f"{page}/{pages}"


def test_parallel_pdf_embeds_each_font_once(juki: dict[str, Path]) -> None:
    rows = tool("pdffonts", juki["parallel"]).splitlines()[2:]
    assert rows and any("IPAexGothic" in row for row in rows)
    assert all(row.split()[-5] == "yes" for row in rows), rows  # columns: … emb sub uni object ID
    files, families = set(), set()
    for page in pypdf.PdfReader(juki["parallel"]).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            files.add(descriptor.raw_get("/FontFile2").idnum)
            families.add(str(descriptor["/FontFamily"]))
    # Every part and the overlay drew IPAexGothic (and its synthetic bold): one font file for all.
    assert families == {"IPAexGothic"} and len(files) == 1


def test_parallel_pdf_has_the_model_attached_once(juki: dict[str, Path], tmp_path: Path) -> None:
    assert tool("pdfdetach", "-list", juki["parallel"]).splitlines() == ["1 embedded files", "1: model.yaml"]
    tool("pdfdetach", "-save", "1", "-o", tmp_path / "m.yaml", juki["parallel"])
    assert source.load(tmp_path / "m.yaml").data == source.load(JUKI).data


def test_parallel_pdf_bookmarks_and_structure(juki: dict[str, Path]) -> None:
    serial, parallel = (pypdf.PdfReader(juki[w]) for w in ("serial", "parallel"))
    marks = outline(parallel)
    assert len(marks) >= 10 and marks == outline(serial)
    pages = [p for _, _, p in marks]
    assert None not in pages and pages == sorted(p or 0 for p in pages)
    doc = document(JUKI, "full")  # a bookmark for the cover, the 項目一覧 and each section
    assert [t for _, t, _ in marks] == [doc.heading, "項目一覧", *(b.title for b in doc.blocks)]
    # One document element holding the same elements; one ParentTree key per page, in page order.
    assert len(parallel.trailer["/Root"]["/StructTreeRoot"]["/K"]) == 1
    assert structure(parallel) == structure(serial)
    keys = [page["/StructParents"] for page in parallel.pages]
    assert keys == list(range(len(keys)))
    assert parallel.trailer["/Root"]["/StructTreeRoot"]["/ParentTreeNextKey"] == len(keys)


def test_parallel_pdf_is_not_much_larger(juki: dict[str, Path]) -> None:
    """Fonts embedded once and dictionaries packed in object streams, as WeasyPrint packs them."""
    assert juki["parallel"].stat().st_size <= 1.3 * juki["serial"].stat().st_size


# ---- pdfparts.merge on tiny WeasyPrint documents ----
PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>部品</title><style>
@page {{ size: A6; margin: 12mm; {margin} }}
html {{ font-family: "IPAexGothic", sans-serif; }}
h2 {{ bookmark-level: 1; break-before: page; }}
div + div {{ break-before: page; }}
</style></head><body>{body}</body></html>"""


def part(*sections: str, wrap: str = "section") -> bytes:
    """One page per section, each with a bookmark (uncompressed, as render_parts writes parts). Like
    piagen's forms, the body holds <section> elements unless `wrap` is empty."""
    start, end = (f"<{wrap}>", f"</{wrap}>") if wrap else ("", "")
    body = "".join(f"{start}<h2>{s}</h2><p>{s}の本文です。</p>{end}" for s in sections)
    return pdf.render_pdf(PAGE.format(margin="", body=body), uncompressed=True)


def overlay_html(pages: int, first: int = 1, last: int | None = None) -> str:
    """Overlay pages first…last of `pages`, each with 「上書きn／N」 at its top edge."""
    numbers = range(first, (pages if last is None else last) + 1)
    body = "".join(f'<div><p style="margin: 1mm 0 0">上書き{n}／{pages}</p></div>' for n in numbers)
    return PAGE.format(margin="margin: 0;", body=body)


def overlay(pages: int, first: int = 1, last: int | None = None) -> bytes:
    return pdf.render_pdf(overlay_html(pages, first, last), uncompressed=True, tags=False)


def parent_tree(reader: pypdf.PdfReader) -> dict[int, Any]:
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    return {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}


@pytest.fixture(scope="module")
def parts() -> tuple[bytes, bytes]:
    return part("第一"), part("第二", "第三")


@pytest.fixture(scope="module")
def merged(parts: tuple[bytes, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("merged") / "merged.pdf"
    path.write_bytes(pdfparts.merge(list(parts), overlay(3)))
    return path


def test_tiny_parts_as_expected(parts: tuple[bytes, bytes]) -> None:
    one, two = (pypdf.PdfReader(io.BytesIO(p)) for p in parts)
    assert (len(one.pages), len(two.pages)) == (1, 2)
    assert [p["/StructParents"] for p in two.pages] == [0, 1]  # each part counts from 0


def test_merge_pages_in_order_with_the_overlay(merged: Path) -> None:
    assert info(merged)["Pages"] == "3"
    texts = [squash(t) for t in page_texts(merged)]
    for i, name in enumerate(("第一", "第二", "第三")):
        assert f"{name}の本文です。" in texts[i]
        assert region(merged, i + 1, 0, 30) == f"上書き{i + 1}／3"


def test_merge_bookmarks(merged: Path) -> None:
    reader = pypdf.PdfReader(merged)
    assert outline(reader) == [(0, "第一", 0), (0, "第二", 1), (0, "第三", 2)]
    assert reader.trailer["/Root"]["/Outlines"]["/Count"] == 3


def check_structure(parts: list[bytes], merged: bytes, wrap: str) -> None:
    """One structure tree: the second part's ParentTree keys follow the first part's, each key lists
    elements of its own page, every element of the top level hangs under the one document element, and
    the elements are those of the same document laid out in one go."""
    first = parent_tree(pypdf.PdfReader(io.BytesIO(parts[0])))
    reader = pypdf.PdfReader(io.BytesIO(merged))
    keys = [page["/StructParents"] for page in reader.pages]
    assert keys[1] == len(first) == 1 and keys == [0, 1, 2]
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    assert tree["/ParentTreeNextKey"] == 3 and sorted(parent_tree(reader)) == keys
    for page, key in zip(reader.pages, keys, strict=True):
        elements = [e.get_object() for e in parent_tree(reader)[key] if e is not None]
        assert elements and all(e["/Pg"].get_object() == page.get_object() for e in elements)
    (document,) = tree["/K"]
    document = document.get_object()
    assert document["/S"] == "/Document"
    top = [kid.get_object() for kid in document["/K"]]
    assert all("/K" in e and e["/P"].get_object() == document for e in top)
    assert structure(reader) == structure(
        pypdf.PdfReader(io.BytesIO(part("第一", "第二", "第三", wrap=wrap)))
    )


def test_merge_structure_tree(parts: tuple[bytes, bytes], merged: Path) -> None:
    assert info(merged)["Tagged"] == "yes"
    check_structure(list(parts), merged.read_bytes(), "section")
    top = pypdf.PdfReader(merged).trailer["/Root"]["/StructTreeRoot"]["/K"][0]["/K"]
    assert [e.get_object()["/S"] for e in top] == ["/Sect"] * 3


def test_merge_structure_tree_with_top_level_paragraphs() -> None:
    parts = [part("第一", wrap=""), part("第二", "第三", wrap="")]
    check_structure(parts, pdfparts.merge(parts), "")


def test_overlay_is_an_artifact(merged: Path) -> None:
    page = pypdf.PdfReader(merged).pages[0]
    contents = b"".join(c.get_object().get_data() for c in page["/Contents"])
    assert contents.startswith(b"q") and contents.endswith(b"Q /Artifact BMC q /PiagenOverlay Do Q EMC")


def test_merge_stamps_an_overlay_in_pieces(parts: tuple[bytes, bytes], tmp_path: Path) -> None:
    path = tmp_path / "pieces.pdf"
    pieces = [pdfparts.parse(overlay(3, 1, 1)), pdfparts.parse(overlay(3, 2, 3))]
    path.write_bytes(pdfparts.merge(list(parts), pieces))
    assert [region(path, i, 0, 30) for i in (1, 2, 3)] == ["上書き1／3", "上書き2／3", "上書き3／3"]


def test_merge_refuses_an_overlay_of_another_length(parts: tuple[bytes, bytes]) -> None:
    with pytest.raises(pdfparts.MergeError, match="overlay has 2 pages for 3"):
        pdfparts.merge(list(parts), overlay(2))


CONTENT = b"0 0 m 50 50 l S"


def foreign(length: bytes, trailer: bytes = b"/Root 1 0 R") -> bytes:
    """A small PDF written by another program (a line drawn on one page)."""
    objects = [
        b"<</Type /Catalog/Pages 2 0 R>>",
        b"<</Type /Pages/Kids [3 0 R]/Count 1>>",
        b"<</Type /Page/Parent 2 0 R/MediaBox [0 0 100 100]/Contents 4 0 R>>",
        b"<</Length " + length + b">>\nstream\n" + CONTENT + b"\nendstream",
        b"%d" % len(CONTENT),
    ]
    out = bytearray(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    return bytes(out + b"trailer\n<</Size 6" + trailer + b">>\nstartxref\n0\n%%EOF\n")


def test_merge_refuses_a_pdf_without_a_catalog(parts: tuple[bytes, bytes]) -> None:
    with pytest.raises(pdfparts.MergeError, match="no /Root"):
        pdfparts.merge([parts[0], foreign(b"%d" % len(CONTENT), trailer=b"")])


def test_merge_refuses_an_indirect_stream_length(parts: tuple[bytes, bytes]) -> None:
    with pytest.raises(pdfparts.MergeError, match="/Length"):
        pdfparts.merge([parts[0], foreign(b"5 0 R")])


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: pdf.render_pdf(PAGE.format(margin="", body="<p>圧縮</p>")), id="compressed"),
        pytest.param(lambda: b"not a PDF", id="not-a-pdf"),
        pytest.param(lambda: part("第一")[:2000], id="truncated"),
    ],
)
def test_merge_refuses_what_weasyprint_did_not_write_uncompressed(
    parts: tuple[bytes, bytes], data: Any
) -> None:
    with pytest.raises(pdfparts.MergeError):
        pdfparts.merge([parts[0], data()])


# ---- pdfjobs.render_parts: parts laid out in parallel processes ----
def test_render_parts(tmp_path: Path) -> None:
    htmls = [PAGE.format(margin="", body=f"<h2>{s}</h2><p>{s}の本文です。</p>") for s in ("甲", "乙")]
    path = tmp_path / "parts.pdf"
    path.write_bytes(pdfjobs.render_parts(htmls, overlay_html))
    assert info(path)["Pages"] == "2"
    assert [region(path, i, 0, 30) for i in (1, 2)] == ["上書き1／2", "上書き2／2"]
    assert outline(pypdf.PdfReader(path)) == [(0, "甲", 0), (0, "乙", 1)]


def test_render_parts_reports_a_merge_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: Any) -> bytes:
        raise pdfparts.MergeError("no /Root")

    monkeypatch.setattr(pdfparts, "merge", fail)
    htmls = [PAGE.format(margin="", body=f"<p>{s}</p>") for s in ("甲", "乙")]
    with pytest.raises(RenderError, match=r"PDF の結合に失敗しました（no /Root）"):
        pdfjobs.render_parts(htmls, overlay_html)
