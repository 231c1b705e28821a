"""Union of TrueType font subsets that WeasyPrint embedded in separately rendered parts of one PDF.

WeasyPrint subsets with retained glyph ids (CIDToGIDMap /Identity), so the subsets of one font that
parts embed differ only in which glyphs carry outlines. Their union is one font in which every part's
text draws the same glyphs: the merged PDF then embeds each font once instead of once per part.

Only the glyphs a part can draw count: those up to the highest glyph id its text uses (the PDF's /W
array). The subsetter appends, past that id, renumbered glyphs of its own closure that no text uses;
they are left out. Only subsets of the same font are merged: same `name` table, units per em and
revision, the same outline wherever two subsets both carry one, and no composite glyph pointing past
the glyphs kept. Anything else (CFF outlines, fonts that disagree) is left alone: `merge` returns None
and the caller keeps the separate subsets."""

from __future__ import annotations

import itertools
import operator
import struct
from dataclasses import dataclass

# Tables the PDF never reads for an Identity-encoded CIDFontType2 font and that describe the subset
# rather than the font (glyph classes of the shaping engine): not carried into the union.
_DROPPED = {b"GDEF"}


@dataclass
class _Metrics:
    """An hmtx/vmtx table: `long` (advance, side bearing) entries, then side bearings only."""

    table: bytes
    long: int

    def entry(self, gid: int) -> bytes:
        """The 4-byte long entry of glyph `gid`."""
        if gid < self.long:
            return self.table[4 * gid : 4 * gid + 4]
        side = 4 * self.long + 2 * (gid - self.long)
        return self.table[4 * self.long - 4 : 4 * self.long - 2] + self.table[side : side + 2]

    def expanded(self, count: int) -> bytearray:
        """The table for `count` glyphs with every entry long (advance and side bearing)."""
        out = bytearray(self.table[: 4 * min(self.long, count)])
        advance = self.table[4 * self.long - 4 : 4 * self.long - 2]
        start = 4 * self.long
        for gid in range(self.long, count):
            out += advance + self.table[start + 2 * (gid - self.long) : start + 2 * (gid - self.long) + 2]
        return out


@dataclass
class _Font:
    tables: dict[bytes, bytes]
    count: int  # glyph ids 0 … count - 1 are kept
    drawn: dict[int, bytes]  # glyph id → outline, for the glyphs that have one
    h_metrics: _Metrics
    v_metrics: _Metrics | None


def _tables(data: bytes) -> dict[bytes, bytes]:
    if data[:4] not in (b"\x00\x01\x00\x00", b"true"):
        raise ValueError("not a TrueType font")
    (count,) = struct.unpack_from(">H", data, 4)
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if offset + length > len(data):
            raise ValueError(f"table {tag!r} beyond the end of the font")
        out[tag] = data[offset : offset + length]
    return out


def _read(data: bytes, last: int) -> _Font:
    """The font's tables and its glyphs up to `last` (the rest is the subsetter's, unused)."""
    tables = _tables(data)
    for tag in (b"head", b"maxp", b"loca", b"glyf", b"hhea", b"hmtx", b"name"):
        if tag not in tables:
            raise ValueError(f"no {tag.decode()} table")
    (glyph_count,) = struct.unpack_from(">H", tables[b"maxp"], 4)
    if last >= glyph_count:
        raise ValueError("the text uses a glyph the font does not have")
    (long_loca,) = struct.unpack_from(">h", tables[b"head"], 50)
    offsets = struct.unpack_from(f">{last + 2}{'I' if long_loca else 'H'}", tables[b"loca"])
    scale = 1 if long_loca else 2  # short offsets count 16-bit words
    glyf = tables[b"glyf"]
    present = itertools.compress(range(last + 1), map(operator.ne, offsets, offsets[1:]))
    drawn = {gid: glyf[scale * offsets[gid] : scale * offsets[gid + 1]] for gid in present}
    h_metrics = _Metrics(tables[b"hmtx"], struct.unpack_from(">H", tables[b"hhea"], 34)[0])
    v_metrics = None
    if b"vhea" in tables and b"vmtx" in tables:
        v_metrics = _Metrics(tables[b"vmtx"], struct.unpack_from(">H", tables[b"vhea"], 34)[0])
    for metrics in filter(None, (h_metrics, v_metrics)):
        if not 0 < metrics.long <= glyph_count or len(metrics.table) < 2 * (metrics.long + glyph_count):
            raise ValueError("metrics shorter than the glyphs")
    return _Font(tables, last + 1, drawn, h_metrics, v_metrics)


def _identity(font: _Font) -> tuple[bytes, bytes]:
    head = font.tables[b"head"]
    return font.tables[b"name"], head[4:8] + head[18:20]  # fontRevision, unitsPerEm


def _components(glyph: bytes) -> list[int]:
    """The glyph ids a composite glyph is built from (none for a simple or empty glyph)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    out, i, more = [], 10, True
    while more:
        flags, gid = struct.unpack_from(">HH", glyph, i)
        out.append(gid)
        i += 4 + (4 if flags & 0x0001 else 2)  # arguments: words or bytes
        i += 2 if flags & 0x0008 else 4 if flags & 0x0040 else 8 if flags & 0x0080 else 0
        more = bool(flags & 0x0020)
    return out


def merge(subsets: list[tuple[bytes, int]]) -> bytes | None:
    """One font holding every glyph of `subsets` (retained-gid TrueType subsets of one font, each with
    the highest glyph id its text uses), or None when they cannot be merged safely."""
    try:
        fonts = [_read(data, last) for data, last in subsets]
        if any(
            c >= f.count for f in fonts for g in f.drawn.values() if g[:1] >= b"\x80" for c in _components(g)
        ):
            return None
    except (ValueError, struct.error):
        return None
    if not fonts or any(_identity(f) != _identity(fonts[0]) for f in fonts):
        return None
    if any((f.v_metrics is None) != (fonts[0].v_metrics is None) for f in fonts):
        return None
    count = max(f.count for f in fonts)
    glyphs: dict[int, bytes] = {}
    owner: dict[int, _Font] = {}
    for font in fonts:
        for gid, glyph in font.drawn.items():
            if gid not in glyphs:
                glyphs[gid], owner[gid] = glyph, font
            elif glyphs[gid] != glyph:
                return None  # two outlines for one glyph: not subsets of the same font
    longest = max(fonts, key=lambda f: f.count)
    h_metrics = longest.h_metrics.expanded(count)
    v_metrics = longest.v_metrics.expanded(count) if longest.v_metrics is not None else None
    for gid, font in owner.items():
        h_metrics[4 * gid : 4 * gid + 4] = font.h_metrics.entry(gid)
        if v_metrics is not None and font.v_metrics is not None:
            v_metrics[4 * gid : 4 * gid + 4] = font.v_metrics.entry(gid)
    return _build(
        fonts,
        [glyphs.get(gid, b"") for gid in range(count)],
        bytes(h_metrics),
        None if v_metrics is None else bytes(v_metrics),
    )


def _build(
    fonts: list[_Font],
    glyphs: list[bytes],
    h_metrics: bytes,
    v_metrics: bytes | None,
) -> bytes:
    base = max(fonts, key=lambda f: f.count)
    tables = {tag: data for tag, data in base.tables.items() if tag not in _DROPPED}
    count = len(glyphs)
    glyf, offsets = bytearray(), [0]
    for glyph in glyphs:
        glyf += glyph
        glyf += b"\0" * (-len(glyph) % 4)  # glyph data stays 4-byte aligned
        offsets.append(len(glyf))
    tables[b"glyf"] = bytes(glyf)
    tables[b"loca"] = struct.pack(f">{count + 1}I", *offsets)
    tables[b"hmtx"] = h_metrics
    if v_metrics is not None:
        tables[b"vmtx"] = v_metrics
        tables[b"vhea"] = _with_long_count(tables[b"vhea"], [f.tables[b"vhea"] for f in fonts], count)
    tables[b"hhea"] = _with_long_count(tables[b"hhea"], [f.tables[b"hhea"] for f in fonts], count)
    # maxp 1.0: every field after numGlyphs is a maximum over the glyphs, so the union takes the largest.
    maxp = bytearray(tables[b"maxp"])
    struct.pack_into(">H", maxp, 4, count)
    for offset in range(6, len(maxp) - 1, 2):
        struct.pack_into(
            ">H", maxp, offset, max(struct.unpack_from(">H", f.tables[b"maxp"], offset)[0] for f in fonts)
        )
    tables[b"maxp"] = bytes(maxp)
    head = bytearray(tables[b"head"])
    boxes = [struct.unpack_from(">4h", f.tables[b"head"], 36) for f in fonts]
    struct.pack_into(
        ">4h",
        head,
        36,
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set once the font is assembled
    tables[b"head"] = bytes(head)
    return _assemble(tables)


def _with_long_count(table: bytes, all_tables: list[bytes], count: int) -> bytes:
    """hhea/vhea with every metric long, and the extremes (advance max, bearings, extent) of all fonts."""
    out = bytearray(table)
    struct.pack_into(">H", out, 10, max(struct.unpack_from(">H", t, 10)[0] for t in all_tables))
    for offset in (12, 14):
        struct.pack_into(">h", out, offset, min(struct.unpack_from(">h", t, offset)[0] for t in all_tables))
    struct.pack_into(">h", out, 16, max(struct.unpack_from(">h", t, 16)[0] for t in all_tables))
    struct.pack_into(">H", out, 34, count)
    return bytes(out)


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF


def _assemble(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1
    while power * 2 <= count:
        power *= 2
    header = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    directory, body = bytearray(), bytearray()
    offset = 12 + 16 * count
    for tag in tags:
        data = tables[tag]
        directory += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    head_offset = (
        12 + 16 * count + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[: tags.index(b"head")])
    )
    struct.pack_into(">I", font, head_offset + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)
