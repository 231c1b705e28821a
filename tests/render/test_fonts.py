"""fontmerge: the union of the font subsets that separately rendered parts embed. Checked on subsets
WeasyPrint really wrote for tiny documents, glyph by glyph with fontTools."""

from __future__ import annotations

import io
import re
import struct

import pytest
from fontTools.ttLib import TTFont

from piagen.render.pdf import fonts as fontmerge
from piagen.render.pdf import merge as pdfparts
from piagen.render.pdf import typeset as pdf

PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><style>
html {{ font-family: "{family}"; }}</style></head><body><p>{text}</p></body></html>"""


def subset(text: str, family: str = "IPAexGothic") -> tuple[bytes, int]:
    """The font file WeasyPrint embedded for `text`, and the highest glyph id the text draws."""
    parsed = pdfparts.parse(pdf.render_pdf(PAGE.format(family=family, text=text), uncompressed=True))
    (font,) = [o for o in parsed.objects.values() if b"/Length1 " in o.body]
    (cid_font,) = [o.body for o in parsed.objects.values() if b"/CIDFontType2" in o.body]
    widths = cid_font[cid_font.index(b"/W [") + 3 :]
    last = max(int(first) + len(ws.split()) - 1 for first, ws in re.findall(rb"(\d+) \[([^\]]*)\]", widths))
    assert font.stream is not None
    return font.stream, last


def outlines(font: TTFont, last: int) -> dict[int, object]:
    """Glyph id → its outline (coordinates and contour ends) for the glyphs up to `last` that have one."""
    glyf, order = font["glyf"], font.getGlyphOrder()
    out: dict[int, object] = {}
    for gid in range(last + 1):
        glyph = glyf[order[gid]]
        if glyph.numberOfContours:
            coordinates, ends, _ = glyph.getCoordinates(glyf)
            out[gid] = (list(coordinates), list(ends))
    return out


@pytest.fixture(scope="module")
def two() -> list[tuple[bytes, int]]:
    return [subset("特定個人情報保護評価書①"), subset("全項目評価書の変更箇所Ⅲ")]


def test_union_holds_every_glyph_of_every_subset(two: list[tuple[bytes, int]]) -> None:
    union = fontmerge.merge(two)
    assert union is not None
    merged = TTFont(io.BytesIO(union))
    assert merged["maxp"].numGlyphs == max(last for _, last in two) + 1
    expected: dict[int, object] = {}
    for data, last in two:
        expected.update(outlines(TTFont(io.BytesIO(data)), last))
    assert len(expected) > 20
    assert outlines(merged, merged["maxp"].numGlyphs - 1) == expected
    hmtx = merged["hmtx"]
    for data, last in two:
        own = TTFont(io.BytesIO(data))
        for gid in outlines(own, last):
            name = own.getGlyphOrder()[gid]
            assert hmtx[merged.getGlyphOrder()[gid]] == own["hmtx"][name]
    # A font that fontTools writes back without complaint, with a correct checksum adjustment.
    saved = io.BytesIO()
    merged.save(saved)
    assert sum(struct.unpack(f">{len(union) // 4}I", union)) & 0xFFFFFFFF == 0xB1B0AFBA


def test_subsets_of_another_font_are_not_merged(two: list[tuple[bytes, int]]) -> None:
    assert fontmerge.merge([two[0], subset("評価書", family="IPAexMincho")]) is None


def test_two_outlines_for_one_glyph_are_not_merged(two: list[tuple[bytes, int]]) -> None:
    (first, first_last), (data, last) = two
    font = TTFont(io.BytesIO(data))
    shared = set(outlines(TTFont(io.BytesIO(first)), first_last)) & set(outlines(font, last))
    assert shared  # 評価書 is in both texts
    glyph = font["glyf"][font.getGlyphOrder()[min(shared)]]
    glyph.coordinates[0] = (glyph.coordinates[0][0] + 7, glyph.coordinates[0][1])
    changed = io.BytesIO()
    font.save(changed)
    assert fontmerge.merge([two[0], (changed.getvalue(), last)]) is None
    assert fontmerge.merge(two) is not None


def test_a_composite_glyph_pointing_past_the_kept_glyphs_is_not_merged(two: list[tuple[bytes, int]]) -> None:
    data, last = two[0]
    font = TTFont(io.BytesIO(data))
    order = font.getGlyphOrder()
    gid = next(iter(outlines(font, last)))
    composite = struct.pack(">hhhhhHHbb", -1, 0, 0, 100, 100, 0, last + 1, 0, 0)
    tables = fontmerge._tables(data)
    # Rebuild the font with glyph `gid` replaced by a composite of glyph last + 1 (past the text's glyphs).
    long_loca = struct.unpack_from(">h", tables[b"head"], 50)[0]
    count = font["maxp"].numGlyphs
    fmt = f">{count + 1}{'I' if long_loca else 'H'}"
    offsets = [o * (1 if long_loca else 2) for o in struct.unpack_from(fmt, tables[b"loca"])]
    glyphs = [tables[b"glyf"][offsets[i] : offsets[i + 1]] for i in range(count)]
    glyphs[gid] = composite
    glyf, loca = b"", [0]
    for g in glyphs:
        glyf += g + b"\0" * (-len(g) % 4)
        loca.append(len(glyf))
    tables[b"glyf"], tables[b"loca"] = glyf, struct.pack(f">{count + 1}I", *loca)
    head = bytearray(tables[b"head"])
    struct.pack_into(">h", head, 50, 1)
    tables[b"head"] = bytes(head)
    assert order[gid]  # (the glyph exists in the font)
    assert fontmerge.merge([(fontmerge._assemble(tables), last), two[1]]) is None


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(lambda d, n: (b"OTTO" + d[4:], n), id="cff-outlines"),
        pytest.param(lambda d, n: (d[:100], n), id="truncated"),
        pytest.param(lambda d, n: (d, 60000), id="glyph-beyond-the-font"),
    ],
)
def test_fonts_that_cannot_be_read_are_left_alone(two: list[tuple[bytes, int]], bad: object) -> None:
    data, last = two[0]
    assert fontmerge.merge([bad(data, last), two[1]]) is None  # type: ignore[operator]
