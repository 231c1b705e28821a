"""Merging PDFs that WeasyPrint wrote for consecutive parts of one document (rendered in parallel),
and stamping each page with an overlay page (running header, 「n / N」), into one tagged PDF.

Only WeasyPrint's own uncompressed output is read (see pdfsyntax): a flat page tree, one structure
tree and one outline tree per part."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from piagen.render.pdf.syntax import (
    MergeError,
    Obj,
    Pdf,
    array,
    entries,
    page_list,
    parse,
    precompress,
    ref,
    set_key,
    shift,
    value_end,
    write,
)

__all__ = ["Embedded", "MergeError", "Pdf", "merge", "pages", "parse", "precompress"]


def pages(pdf: Pdf) -> list[int]:
    """The object numbers of the pages, in order."""
    return page_list(pdf)


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
        pdf = shift(source, offset)
        shifted.append(pdf)
        offset = pdf.size
    objects: dict[int, Obj] = {}
    for pdf in shifted:
        objects.update(pdf.objects)
    first = shifted[0]
    catalog = objects[first.root]
    page_tree = ref(catalog.body, b"Pages")
    assert page_tree is not None
    pages = [p for pdf in shifted for p in page_list(pdf)]
    kids = b" ".join(b"%d 0 R" % p for p in pages)
    objects[page_tree] = Obj(b"<</Type /Pages/Kids [" + kids + b"]/Count %d>>" % len(pages))
    for p in pages:
        objects[p].body = set_key(objects[p].body, b"Parent", b"%d 0 R" % page_tree)
    _merge_outlines(objects, shifted)
    _merge_structure(objects, shifted, pages)
    for pdf in shifted[1:]:  # their catalogs, page trees and metadata are replaced by the first part's
        for number in (pdf.root, ref(pdf.objects[pdf.root].body, b"Pages"), pdf.info):
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
    return write(objects, first.root, first.info, offset, identifier)


def _merge_outlines(objects: dict[int, Obj], parts: list[Pdf]) -> None:
    roots = [ref(objects[p.root].body, b"Outlines") for p in parts]
    head = roots[0]
    if head is None:
        return
    count = 0
    last: int | None = None
    for root in roots:
        if root is None or root not in objects:
            continue
        body = objects[root].body
        first_item, last_item = ref(body, b"First"), ref(body, b"Last")
        counted = re.search(rb"/Count (-?\d+)", body)
        count += int(counted.group(1)) if counted else 0
        if first_item is None or last_item is None:
            continue
        item: int | None = first_item
        while item is not None:  # re-parent this part's top-level bookmarks under the first root
            objects[item].body = set_key(objects[item].body, b"Parent", b"%d 0 R" % head)
            item = ref(objects[item].body, b"Next")
        if last is not None:
            objects[last].body = set_key(objects[last].body, b"Next", b"%d 0 R" % first_item)
            objects[first_item].body = set_key(objects[first_item].body, b"Prev", b"%d 0 R" % last)
        else:
            objects[head].body = set_key(objects[head].body, b"First", b"%d 0 R" % first_item)
        last = last_item
        if root != head:
            objects.pop(root, None)
    if last is not None:
        objects[head].body = set_key(objects[head].body, b"Last", b"%d 0 R" % last)
    objects[head].body = set_key(objects[head].body, b"Count", b"%d" % count)


def _merge_structure(objects: dict[int, Obj], parts: list[Pdf], pages: list[int]) -> None:
    """One structure tree: later parts' elements join the first part's document element, and their
    ParentTree keys (/StructParents of pages) are shifted after the first part's."""
    trees = [ref(objects[p.root].body, b"StructTreeRoot") for p in parts]
    if trees[0] is None:
        return
    head_root = objects[trees[0]]
    head_doc = array(head_root.body, b"K")[0]
    nums: list[bytes] = []
    next_key = 0
    for pdf, tree in zip(parts, trees, strict=True):
        if tree is None:
            continue
        parent_tree = ref(objects[tree].body, b"ParentTree")
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
        doc = array(objects[tree].body, b"K")[0]
        _shift_struct_parents(objects, page_list(pdf), shift)
        children = array(objects[doc].body, b"K")
        for child in children:
            objects[child].body = set_key(objects[child].body, b"P", b"%d 0 R" % head_doc)
        head_kids = array(objects[head_doc].body, b"K") + children
        objects[head_doc].body = set_key(
            objects[head_doc].body, b"K", b"[" + b" ".join(b"%d 0 R" % k for k in head_kids) + b"]"
        )
        for number in (tree, parent_tree, doc):
            objects.pop(number, None)
    first_tree = ref(head_root.body, b"ParentTree")
    assert first_tree is not None
    objects[first_tree] = Obj(b"<</Nums [" + b" ".join(nums) + b"]>>")
    head_root.body = set_key(head_root.body, b"ParentTreeNextKey", b"%d" % next_key)


def _shift_struct_parents(objects: dict[int, Obj], pages: list[int], shift: int) -> None:
    for page in pages:
        objects[page].body = re.sub(
            rb"/StructParents (\d+)",
            lambda m: b"/StructParents %d" % (int(m.group(1)) + shift),
            objects[page].body,
        )
        for annot in array(objects[page].body, b"Annots"):
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
        over = shift(chunk, offset)
        offset = over.size
        chunk_pages = page_list(over)
        over_pages += chunk_pages
        over_objects.update(over.objects)
        for number, obj in over.objects.items():
            if number not in (
                over.root,
                over.info,
                ref(over.objects[over.root].body, b"Pages"),
                *chunk_pages,
            ):
                objects[number] = obj
    if len(over_pages) != len(pages):
        raise MergeError(f"overlay has {len(over_pages)} pages for {len(pages)}")
    next_number = offset
    for page, stamp in zip(pages, over_pages, strict=True):
        body = over_objects[stamp].body
        content, resources, box = (
            ref(body, b"Contents"),
            ref(body, b"Resources"),
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
        resources_ref = ref(own, b"Resources")
        contents = ref(own, b"Contents")
        assert resources_ref is not None and contents is not None
        res = objects[resources_ref]
        # Each page gets its own resource dictionary so the same name can point at its own overlay.
        copied = next_number
        next_number += 1
        objects[copied] = Obj(_with_xobject(res.body, b"/PiagenOverlay %d 0 R" % form_number))
        own = set_key(own, b"Resources", b"%d 0 R" % copied)
        objects[page].body = set_key(
            own, b"Contents", b"[%d 0 R %d 0 R %d 0 R]" % (save_number, contents, call_number)
        )
    return next_number


def _with_xobject(resources: bytes, entry: bytes) -> bytes:
    """A resource dictionary with one more XObject entry (`/Name N 0 R`)."""
    current = dict(entries(resources)).get(b"XObject", b"<<>>")
    if not current.startswith(b"<<"):
        raise MergeError("indirect /XObject dictionary")
    return set_key(resources, b"XObject", current[:-2] + entry + b">>")


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
    current = dict(entries(body)).get(b"Names", b"<<>>")
    if not current.startswith(b"<<"):
        raise MergeError("indirect /Names dictionary")
    objects[catalog].body = set_key(body, b"Names", set_key(current, b"EmbeddedFiles", b"%d 0 R" % number))
    return number + 1


def _merge_fonts(objects: dict[int, Obj]) -> None:
    """Embed each font once: the TrueType subsets that the parts embedded of one font family become
    their union (see fontmerge), and every font descriptor points at it."""
    from piagen.render.pdf import fonts as fontmerge

    descriptors: dict[int, list[int]] = {}  # font file → the descriptors that embed it
    last_glyph: dict[int, int] = {}  # descriptor → highest glyph id its text draws
    for number, obj in objects.items():
        body = obj.body
        if b"/FontFile2 " in body and b"/Type /FontDescriptor" in body:
            font_file = ref(body, b"FontFile2")
            if font_file is not None:
                descriptors.setdefault(font_file, []).append(number)
        elif b"/CIDFontType2" in body:
            found_descriptor = re.search(rb"/FontDescriptor (\d+) 0 R", body)
            widths = body.find(b"/W [")
            if found_descriptor is not None and widths >= 0:
                number = int(found_descriptor.group(1))
                found = _last_cid(body[widths + 3 : value_end(body, widths + 3)])
                last_glyph[number] = max(last_glyph.get(number, 0), found)
    families: dict[bytes, list[int]] = {}
    for font_file, users in descriptors.items():
        family = dict(entries(objects[users[0]].body)).get(b"FontFamily", b"")
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
                objects[descriptor].body = set_key(objects[descriptor].body, b"FontFile2", b"%d 0 R" % keep)


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
