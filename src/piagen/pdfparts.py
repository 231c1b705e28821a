"""Merging PDFs that WeasyPrint wrote for consecutive parts of one document (rendered in parallel),
and stamping each page with an overlay page (running header, 「n / N」), into one tagged PDF.

Only WeasyPrint's own uncompressed output is read: objects written as ``N 0 obj … endobj`` with
direct stream lengths, a flat page tree, one structure tree and one outline tree per part."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import struct
import zlib
from dataclasses import dataclass, field

_OBJ = re.compile(rb"(\d+) 0 obj\n")
_REF = re.compile(rb"(\d+) 0 R")
_LENGTH = re.compile(rb"/Length (\d+)")
_DELIMITER = re.compile(rb"<<|>>|[(<]")
_SIMPLE = re.compile(rb"[^\[\]<>()]*")  # numbers, names, references and blanks: no nested value


class MergeError(RuntimeError):
    """The parts are not in the form this merger reads (a bug, not a user error)."""


@dataclass
class Obj:
    """One indirect object: its dictionary (or other value) and its stream data, if any."""

    body: bytes
    stream: bytes | None = None


@dataclass
class Pdf:
    """A parsed part: objects by number, and the numbers of its root objects."""

    objects: dict[int, Obj]
    root: int
    info: int | None
    size: int = field(default=0)
    digest: bytes = b""  # SHA-256 of the part as written: the merged PDF's /ID derives from them


def parse(data: bytes) -> Pdf:
    """Read an uncompressed WeasyPrint PDF; anything else raises MergeError."""
    try:
        return _parse(data)
    except (ValueError, IndexError) as exc:
        raise MergeError(f"not an uncompressed WeasyPrint PDF ({exc})") from exc


def _parse(data: bytes) -> Pdf:
    objects: dict[int, Obj] = {}
    position = 0
    while (match := _OBJ.search(data, position)) is not None:  # object by object: streams are skipped
        number, start = int(match.group(1)), match.end()
        end = data.index(b"\nendobj", start)
        split = data.find(b"\nstream\n", start, end)
        if split < 0:
            objects[number] = Obj(data[start:end])
            position = end + 7
            continue
        head = data[start:split]
        length = _LENGTH.search(head)
        if length is None or re.search(rb"/Length \d+ \d+ R", head):
            raise MergeError(f"object {number}: stream without a direct /Length")
        body_start = split + len(b"\nstream\n")
        stream = data[body_start : body_start + int(length.group(1))]
        position = data.index(b"\nendobj", body_start + len(stream)) + 7
        objects[number] = Obj(head, stream)
    trailer = data[data.rindex(b"trailer") :]
    root = re.search(rb"/Root (\d+) 0 R", trailer)
    info = re.search(rb"/Info (\d+) 0 R", trailer)
    if root is None:
        raise MergeError("no /Root")
    if not objects:
        raise MergeError("no objects")
    digest = hashlib.sha256(data).digest()
    return Pdf(objects, int(root.group(1)), int(info.group(1)) if info else None, max(objects) + 1, digest)


def _value_end(body: bytes, i: int) -> int:
    """The end of the PDF value starting at `body[i]` (dictionary, array, string, name, number, ref)."""
    c = body[i : i + 1]
    if body.startswith(b"<<", i):
        depth, j = 0, i
        while (found := _DELIMITER.search(body, j)) is not None:
            j = found.start()
            if body.startswith(b"<<", j):
                depth, j = depth + 1, j + 2
            elif body.startswith(b">>", j):
                depth, j = depth - 1, j + 2
                if depth == 0:
                    return j
            else:
                j = _value_end(body, j)  # a string or hex string, which may hold ">>"
        raise MergeError("unterminated dictionary")
    if c == b"[":
        j = i + 1
        while True:
            j = _SIMPLE.match(body, j).end()  # type: ignore[union-attr]  # (the pattern matches "")
            if body[j : j + 1] == b"]":
                return j + 1
            if j >= len(body):
                raise MergeError("unterminated array")
            j = _value_end(body, j)
    if c == b"(":
        depth, j = 0, i
        while j < len(body):
            ch = body[j : j + 1]
            if ch == b"\\":
                j += 2
                continue
            depth += {b"(": 1, b")": -1}.get(ch, 0)
            j += 1
            if depth == 0:
                return j
        raise MergeError("unterminated string")
    if c == b"<":
        return body.index(b">", i) + 1
    ref = re.compile(rb"\d+ \d+ R").match(body, i)
    if ref:
        return ref.end()
    token = re.compile(rb"/?[^\s/\[\]<>()]*").match(body, i)
    assert token is not None
    return max(token.end(), i + 1)


def _entries(body: bytes) -> list[tuple[bytes, bytes]]:
    """The top-level (key, value) pairs of a dictionary."""
    if not body.startswith(b"<<"):
        raise MergeError("not a dictionary")
    out, i, end = [], 2, _value_end(body, 0) - 2
    while i < end:
        if body[i : i + 1] in b" \n\r\t":
            i += 1
            continue
        key_end = _value_end(body, i)
        j = key_end
        while body[j : j + 1] in b" \n\r\t":
            j += 1
        value_end = _value_end(body, j)
        out.append((body[i + 1 : key_end], body[j:value_end]))
        i = value_end
    return out


def _set(body: bytes, key: bytes, value: bytes) -> bytes:
    """Set /key in a dictionary to `value` (only top-level keys: a name value like /S /P is no key)."""
    entries = _entries(body)
    for n, (k, _) in enumerate(entries):
        if k == key:
            entries[n] = (k, value)
            break
    else:
        entries.append((key, value))
    return b"<<" + b"".join(b"/" + k + b" " + v for k, v in entries) + b">>"


def _ref(body: bytes, key: bytes) -> int | None:
    """The object number that /key refers to (top level)."""
    for k, v in _entries(body):
        if k == key:
            found = re.fullmatch(rb"(\d+) 0 R", v)
            return int(found.group(1)) if found else None
    return None


def _array(body: bytes, key: bytes) -> list[int]:
    """The object numbers in the array /key (top level)."""
    for k, v in _entries(body):
        if k == key:
            return [int(n) for n in _REF.findall(v)]
    return []


def _shift(pdf: Pdf, offset: int) -> Pdf:
    """Renumber every object of a part by `offset` (references in dictionaries only, never in streams)."""

    def move(body: bytes) -> bytes:
        return _REF.sub(lambda m: b"%d 0 R" % (int(m.group(1)) + offset), body)

    objects = {n + offset: Obj(move(o.body), o.stream) for n, o in pdf.objects.items()}
    return Pdf(
        objects,
        pdf.root + offset,
        None if pdf.info is None else pdf.info + offset,
        pdf.size + offset,
        pdf.digest,
    )


def _pages(pdf: Pdf) -> list[int]:
    pages = _ref(pdf.objects[pdf.root].body, b"Pages")
    if pages is None:
        raise MergeError("no page tree")
    return _array(pdf.objects[pages].body, b"Kids")


def precompress(data: bytes) -> bytes:
    """The uncompressed WeasyPrint PDF `data` with its streams deflated, fonts excepted (the merge
    reads them), in the same plain layout: done where the part is laid out (in parallel, and once for
    the part cache) rather than when the parts are merged."""
    pdf = parse(data)
    out = bytearray(b"%PDF-1.7\n")
    for number, obj in sorted(pdf.objects.items()):
        body, stream = obj.body, obj.stream
        if (
            stream is not None
            and b"/Filter" not in body
            and b"/Length1 " not in body
            and body.endswith(b">>")
        ):
            stream = zlib.compress(stream, 6)
            body = _LENGTH.sub(b"/Length %d" % len(stream), body[:-2] + b"/Filter /FlateDecode>>", count=1)
        out += b"%d 0 obj\n" % number + body
        out += b"\nendobj\n" if stream is None else b"\nstream\n" + stream + b"\nendstream\nendobj\n"
    info = b"/Info %d 0 R" % pdf.info if pdf.info is not None else b""
    out += b"trailer\n<</Size %d/Root %d 0 R%s>>\n%%%%EOF\n" % (pdf.size, pdf.root, info)
    return bytes(out)


def pages(pdf: Pdf) -> list[int]:
    """The object numbers of the pages, in order."""
    return _pages(pdf)


@dataclass(frozen=True)
class Embedded:
    """A file to embed in the merged PDF (shown by viewers as an attachment)."""

    name: str
    data: bytes
    description: str
    date: dt.datetime


def merge(
    parts: list[bytes] | list[Pdf],
    overlay: bytes | Pdf | list[Pdf] | None = None,
    attachments: tuple[Embedded, ...] = (),
) -> bytes:
    """One PDF with the pages of `parts` (as written, or parsed) in order; the first part gives the
    catalog, metadata and document structure element; page i of the overlay (one PDF, or several whose
    pages follow each other) is drawn on page i as an artifact; each font is embedded once; the
    `attachments` are embedded (as WeasyPrint embeds them, so the parts need not carry them)."""
    shifted: list[Pdf] = []
    offset = 0
    digests = []
    for data in parts:
        source = data if isinstance(data, Pdf) else parse(data)
        digests.append(source.digest)
        pdf = _shift(source, offset)
        shifted.append(pdf)
        offset = pdf.size
    objects: dict[int, Obj] = {}
    for pdf in shifted:
        objects.update(pdf.objects)
    first = shifted[0]
    catalog = objects[first.root]
    page_tree = _ref(catalog.body, b"Pages")
    assert page_tree is not None
    pages = [p for pdf in shifted for p in _pages(pdf)]
    kids = b" ".join(b"%d 0 R" % p for p in pages)
    objects[page_tree] = Obj(b"<</Type /Pages/Kids [" + kids + b"]/Count %d>>" % len(pages))
    for p in pages:
        objects[p].body = _set(objects[p].body, b"Parent", b"%d 0 R" % page_tree)
    _merge_outlines(objects, shifted)
    _merge_structure(objects, shifted, pages)
    for pdf in shifted[1:]:  # their catalogs, page trees and metadata are replaced by the first part's
        for number in (pdf.root, _ref(pdf.objects[pdf.root].body, b"Pages"), pdf.info):
            if number is not None:
                objects.pop(number, None)
    if overlay is not None:
        chunks = [
            o if isinstance(o, Pdf) else parse(o)
            for o in (overlay if isinstance(overlay, list) else [overlay])
        ]
        digests.extend(c.digest for c in chunks)
        offset = _stamp(objects, pages, chunks, offset)
    _merge_fonts(objects)
    if attachments:
        offset = _attach(objects, first.root, attachments, offset)
        digests += [hashlib.sha256(a.data).digest() for a in attachments]
    identifier = hashlib.sha256(b"".join(digests)).digest()[:16]
    return _write(objects, first.root, first.info, offset, identifier)


def _merge_outlines(objects: dict[int, Obj], parts: list[Pdf]) -> None:
    roots = [_ref(objects[p.root].body, b"Outlines") for p in parts]
    head = roots[0]
    if head is None:
        return
    count = 0
    last: int | None = None
    for root in roots:
        if root is None or root not in objects:
            continue
        body = objects[root].body
        first_item, last_item = _ref(body, b"First"), _ref(body, b"Last")
        counted = re.search(rb"/Count (-?\d+)", body)
        count += int(counted.group(1)) if counted else 0
        if first_item is None or last_item is None:
            continue
        item: int | None = first_item
        while item is not None:  # re-parent this part's top-level bookmarks under the first root
            objects[item].body = _set(objects[item].body, b"Parent", b"%d 0 R" % head)
            item = _ref(objects[item].body, b"Next")
        if last is not None:
            objects[last].body = _set(objects[last].body, b"Next", b"%d 0 R" % first_item)
            objects[first_item].body = _set(objects[first_item].body, b"Prev", b"%d 0 R" % last)
        else:
            objects[head].body = _set(objects[head].body, b"First", b"%d 0 R" % first_item)
        last = last_item
        if root != head:
            objects.pop(root, None)
    if last is not None:
        objects[head].body = _set(objects[head].body, b"Last", b"%d 0 R" % last)
    objects[head].body = _set(objects[head].body, b"Count", b"%d" % count)


def _merge_structure(objects: dict[int, Obj], parts: list[Pdf], pages: list[int]) -> None:
    """One structure tree: later parts' elements join the first part's document element, and their
    ParentTree keys (/StructParents of pages) are shifted after the first part's."""
    trees = [_ref(objects[p.root].body, b"StructTreeRoot") for p in parts]
    if trees[0] is None:
        return
    head_root = objects[trees[0]]
    head_doc = _array(head_root.body, b"K")[0]
    nums: list[bytes] = []
    next_key = 0
    for pdf, tree in zip(parts, trees, strict=True):
        if tree is None:
            continue
        parent_tree = _ref(objects[tree].body, b"ParentTree")
        assert parent_tree is not None
        nums_array = re.search(rb"/Nums \[(.*)\]", objects[parent_tree].body, re.S)
        if nums_array is None:
            raise MergeError("ParentTree without /Nums")
        entries = re.findall(rb"(\d+) (\[[^\]]*\]|\d+ 0 R)", nums_array.group(1))
        shift = next_key
        for key, value in entries:
            nums.append(b"%d %s" % (int(key) + shift, value))
        next_key = shift + (max((int(k) for k, _ in entries), default=-1) + 1)
        if tree == trees[0]:
            continue
        doc = _array(objects[tree].body, b"K")[0]
        _shift_struct_parents(objects, _pages(pdf), shift)
        children = _array(objects[doc].body, b"K")
        for child in children:
            objects[child].body = _set(objects[child].body, b"P", b"%d 0 R" % head_doc)
        head_kids = _array(objects[head_doc].body, b"K") + children
        objects[head_doc].body = _set(
            objects[head_doc].body, b"K", b"[" + b" ".join(b"%d 0 R" % k for k in head_kids) + b"]"
        )
        for number in (tree, parent_tree, doc):
            objects.pop(number, None)
    first_tree = _ref(head_root.body, b"ParentTree")
    assert first_tree is not None
    objects[first_tree] = Obj(b"<</Nums [" + b" ".join(nums) + b"]>>")
    head_root.body = _set(head_root.body, b"ParentTreeNextKey", b"%d" % next_key)


def _shift_struct_parents(objects: dict[int, Obj], pages: list[int], shift: int) -> None:
    for page in pages:
        objects[page].body = re.sub(
            rb"/StructParents (\d+)",
            lambda m: b"/StructParents %d" % (int(m.group(1)) + shift),
            objects[page].body,
        )
        for annot in _array(objects[page].body, b"Annots"):
            objects[annot].body = re.sub(
                rb"/StructParent (\d+)",
                lambda m: b"/StructParent %d" % (int(m.group(1)) + shift),
                objects[annot].body,
            )


def _stamp(objects: dict[int, Obj], pages: list[int], overlay: list[Pdf], offset: int) -> int:
    """Draw overlay page i on page i, as a Form XObject wrapped in an /Artifact marked-content sequence."""
    over_objects: dict[int, Obj] = {}
    over_pages: list[int] = []
    for chunk in overlay:
        over = _shift(chunk, offset)
        offset = over.size
        chunk_pages = _pages(over)
        over_pages += chunk_pages
        over_objects.update(over.objects)
        for number, obj in over.objects.items():
            if number not in (
                over.root,
                over.info,
                _ref(over.objects[over.root].body, b"Pages"),
                *chunk_pages,
            ):
                objects[number] = obj
    if len(over_pages) != len(pages):
        raise MergeError(f"overlay has {len(over_pages)} pages for {len(pages)}")
    next_number = offset
    for page, stamp in zip(pages, over_pages, strict=True):
        body = over_objects[stamp].body
        content, resources, box = (
            _ref(body, b"Contents"),
            _ref(body, b"Resources"),
            re.search(rb"/MediaBox \[([^\]]*)\]", body),
        )
        assert content is not None and resources is not None and box is not None
        drawn = objects.pop(content)
        compressed = b"/Filter /FlateDecode" if b"/FlateDecode" in drawn.body else b""
        form = Obj(
            b"<</Type /XObject/Subtype /Form/BBox ["
            + box.group(1)
            + b"]/Resources %d 0 R%s>>" % (resources, compressed),
            drawn.stream,
        )
        form_number, call_number, save_number = next_number, next_number + 1, next_number + 2
        next_number += 3
        objects[form_number] = form
        # The page's own content leaves its coordinate transform in place: save and restore around it.
        objects[save_number] = Obj(b"<<>>", b"q")
        objects[call_number] = Obj(b"<<>>", b"Q /Artifact BMC q /PiagenOverlay Do Q EMC")
        own = objects[page].body
        resources_ref = _ref(own, b"Resources")
        contents = _ref(own, b"Contents")
        assert resources_ref is not None and contents is not None
        res = objects[resources_ref]
        # Each page gets its own resource dictionary so the same name can point at its own overlay.
        copied = next_number
        next_number += 1
        objects[copied] = Obj(_with_xobject(res.body, b"/PiagenOverlay %d 0 R" % form_number))
        own = _set(own, b"Resources", b"%d 0 R" % copied)
        objects[page].body = _set(
            own, b"Contents", b"[%d 0 R %d 0 R %d 0 R]" % (save_number, contents, call_number)
        )
    return next_number


def _with_xobject(resources: bytes, entry: bytes) -> bytes:
    """A resource dictionary with one more XObject entry (`/Name N 0 R`)."""
    current = dict(_entries(resources)).get(b"XObject", b"<<>>")
    if not current.startswith(b"<<"):
        raise MergeError("indirect /XObject dictionary")
    return _set(resources, b"XObject", current[:-2] + entry + b">>")


def _text(value: str) -> bytes:
    """A PDF text string: literal when plain ASCII, else UTF-16BE with its byte order mark."""
    if value.isascii() and value.isprintable() and not any(c in value for c in "()\\"):
        return b"(" + value.encode("ascii") + b")"
    return b"<feff" + value.encode("utf-16-be").hex().encode("ascii") + b">"


def _attach(objects: dict[int, Obj], catalog: int, attachments: tuple[Embedded, ...], number: int) -> int:
    """Embed the files: one EmbeddedFile stream and Filespec each, named in the catalog's name tree."""
    names = []
    for a in attachments:
        stamp = a.date.strftime("(D:%Y%m%d%H%M%SZ)").encode("ascii")
        checksum = hashlib.md5(a.data, usedforsecurity=False).hexdigest().encode("ascii")
        objects[number] = Obj(
            b"<</Type /EmbeddedFile/Subtype /application#2foctet-stream/Params <</CheckSum <%s>/Size %d"
            b"/CreationDate %s/ModDate %s>>>>" % (checksum, len(a.data), stamp, stamp),
            a.data,
        )
        objects[number + 1] = Obj(
            b"<</Type /Filespec/F %s/UF %s/EF <</F %d 0 R>>/Desc %s>>"
            % (_text(a.name), _text(a.name), number, _text(a.description))
        )
        names.append(b"%s %d 0 R" % (_text(a.name), number + 1))
        number += 2
    objects[number] = Obj(b"<</Names [" + b" ".join(names) + b"]>>")
    body = objects[catalog].body
    current = dict(_entries(body)).get(b"Names", b"<<>>")
    if not current.startswith(b"<<"):
        raise MergeError("indirect /Names dictionary")
    objects[catalog].body = _set(body, b"Names", _set(current, b"EmbeddedFiles", b"%d 0 R" % number))
    return number + 1


def _merge_fonts(objects: dict[int, Obj]) -> None:
    """Embed each font once: the TrueType subsets that the parts embedded of one font family become
    their union (see fontmerge), and every font descriptor points at it."""
    from piagen import fontmerge

    descriptors: dict[int, list[int]] = {}  # font file → the descriptors that embed it
    last_glyph: dict[int, int] = {}  # descriptor → highest glyph id its text draws
    for number, obj in objects.items():
        body = obj.body
        if b"/FontFile2 " in body and b"/Type /FontDescriptor" in body:
            font_file = _ref(body, b"FontFile2")
            if font_file is not None:
                descriptors.setdefault(font_file, []).append(number)
        elif b"/CIDFontType2" in body:
            found_descriptor = re.search(rb"/FontDescriptor (\d+) 0 R", body)
            widths = body.find(b"/W [")
            if found_descriptor is not None and widths >= 0:
                number = int(found_descriptor.group(1))
                found = _last_cid(body[widths + 3 : _value_end(body, widths + 3)])
                last_glyph[number] = max(last_glyph.get(number, 0), found)
    families: dict[bytes, list[int]] = {}
    for font_file, users in descriptors.items():
        family = dict(_entries(objects[users[0]].body)).get(b"FontFamily", b"")
        families.setdefault(family, []).append(font_file)
    for files in families.values():
        if len(files) < 2 or any(objects[f].stream is None or b"/Filter" in objects[f].body for f in files):
            continue
        subsets = [
            (objects[f].stream or b"", max(last_glyph.get(d, 0) for d in descriptors[f])) for f in files
        ]
        union = fontmerge.merge(subsets)
        if union is None:
            continue
        keep = files[0]
        objects[keep] = Obj(b"<</Length1 %d>>" % len(union), union)
        for font_file in files[1:]:
            objects.pop(font_file)
            for descriptor in descriptors[font_file]:
                objects[descriptor].body = _set(objects[descriptor].body, b"FontFile2", b"%d 0 R" % keep)


def _last_cid(widths: bytes) -> int:
    """The highest CID of a /W array (`c [w …]` and `c_first c_last w` entries)."""
    tokens = re.findall(rb"\[[^\]]*\]|-?[\d.]+", widths[1:-1])
    last, i = 0, 0
    while i + 1 < len(tokens):
        first = int(tokens[i])
        if tokens[i + 1].startswith(b"["):
            last, i = max(last, first + len(tokens[i + 1][1:-1].split()) - 1), i + 2
        else:
            last, i = max(last, int(tokens[i + 1])), i + 3
    return last


def _write(objects: dict[int, Obj], root: int, info: int | None, size: int, identifier: bytes = b"") -> bytes:
    """The merged PDF: streams deflated, the other objects packed into object streams, and a
    cross-reference stream (PDF 1.5+), as WeasyPrint itself writes compressed PDFs."""
    out = bytearray(b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n")
    entries: dict[int, tuple[int, int, int]] = {}  # number → (type, field 2, field 3) of the xref stream
    packed = [n for n in sorted(objects) if objects[n].stream is None]
    next_number = max(max(objects) + 1, size)
    for start in range(0, len(packed), _PER_OBJECT_STREAM):
        chunk = packed[start : start + _PER_OBJECT_STREAM]
        holder = next_number
        next_number += 1
        index, packed_bodies = [], bytearray()
        for position, number in enumerate(chunk):
            index.append(b"%d %d" % (number, len(packed_bodies)))
            packed_bodies += objects[number].body + b"\n"
            entries[number] = (2, holder, position)
        head = b" ".join(index) + b"\n"
        objects[holder] = Obj(
            b"<</Type /ObjStm/N %d/First %d>>" % (len(chunk), len(head)), head + bytes(packed_bodies)
        )
    for number in sorted(objects):
        obj = objects[number]
        if obj.stream is None:
            continue
        entries[number] = (1, len(out), 0)
        body, data = obj.body, obj.stream
        if b"/Filter" not in body:
            data = zlib.compress(data, 6)
            body = (
                body[:-2] + b"/Filter /FlateDecode>>"
                if body.endswith(b">>")
                else _set(body, b"Filter", b"/FlateDecode")
            )
        if body.count(b"/Length ") == 1 and _LENGTH.search(body):  # the usual case, without parsing
            body = _LENGTH.sub(b"/Length %d" % len(data), body)
        else:
            body = _set(body, b"Length", b"%d" % len(data))
        out += b"%d 0 obj\n" % number + body + b"\nstream\n" + data + b"\nendstream\nendobj\n"
    xref_number = next_number
    total = xref_number + 1
    entries[xref_number] = (1, len(out), 0)
    rows = b"".join(struct.pack(">BIH", *entries.get(n, (0, 0, 0 if n else 65535))) for n in range(total))
    xref_data = zlib.compress(rows, 6)
    trailer = (
        b"<</Type /XRef/Size %d/W [1 4 2]/Root %d 0 R" % (total, root)
        + (b"/Info %d 0 R" % info if info is not None else b"")
        + (b"/ID [<%s> <%s>]" % (identifier.hex().encode(), identifier.hex().encode()) if identifier else b"")
        + b"/Filter /FlateDecode/Length %d>>" % len(xref_data)
    )
    xref = len(out)
    out += b"%d 0 obj\n" % xref_number + trailer + b"\nstream\n" + xref_data + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


_PER_OBJECT_STREAM = 200
