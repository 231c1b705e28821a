"""Reading and writing the PDFs that WeasyPrint writes uncompressed: objects `N 0 obj … endobj` with
direct stream lengths (streams may be deflated one by one, see `precompress`), no object streams,
dictionaries edited as bytes. Used by `pdfparts` to merge laid-out parts."""

from __future__ import annotations

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
    """Read an uncompressed WeasyPrint PDF (or one `precompress` wrote); anything else raises MergeError."""
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


def value_end(body: bytes, i: int) -> int:
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
                j = value_end(body, j)  # a string or hex string, which may hold ">>"
        raise MergeError("unterminated dictionary")
    if c == b"[":
        j = i + 1
        while True:
            j = _SIMPLE.match(body, j).end()  # type: ignore[union-attr]  # (the pattern matches "")
            if body[j : j + 1] == b"]":
                return j + 1
            if j >= len(body):
                raise MergeError("unterminated array")
            j = value_end(body, j)
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


def entries(body: bytes) -> list[tuple[bytes, bytes]]:
    """The top-level (key, value) pairs of a dictionary."""
    if not body.startswith(b"<<"):
        raise MergeError("not a dictionary")
    out, i, end = [], 2, value_end(body, 0) - 2
    while i < end:
        if body[i : i + 1] in b" \n\r\t":
            i += 1
            continue
        key_end = value_end(body, i)
        j = key_end
        while body[j : j + 1] in b" \n\r\t":
            j += 1
        end_of_value = value_end(body, j)
        out.append((body[i + 1 : key_end], body[j:end_of_value]))
        i = end_of_value
    return out


def set_key(body: bytes, key: bytes, value: bytes) -> bytes:
    """Set /key in a dictionary to `value` (only top-level keys: a name value like /S /P is no key)."""
    pairs = entries(body)
    for n, (k, _) in enumerate(pairs):
        if k == key:
            pairs[n] = (k, value)
            break
    else:
        pairs.append((key, value))
    return b"<<" + b"".join(b"/" + k + b" " + v for k, v in pairs) + b">>"


def ref(body: bytes, key: bytes) -> int | None:
    """The object number that /key refers to (top level)."""
    for k, v in entries(body):
        if k == key:
            found = re.fullmatch(rb"(\d+) 0 R", v)
            return int(found.group(1)) if found else None
    return None


def array(body: bytes, key: bytes) -> list[int]:
    """The object numbers in the array /key (top level)."""
    for k, v in entries(body):
        if k == key:
            return [int(n) for n in _REF.findall(v)]
    return []


def shift(pdf: Pdf, offset: int) -> Pdf:
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


def page_list(pdf: Pdf) -> list[int]:
    pages = ref(pdf.objects[pdf.root].body, b"Pages")
    if pages is None:
        raise MergeError("no page tree")
    return array(pdf.objects[pages].body, b"Kids")


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


def write(objects: dict[int, Obj], root: int, info: int | None, size: int, identifier: bytes = b"") -> bytes:
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
                else set_key(body, b"Filter", b"/FlateDecode")
            )
        if body.count(b"/Length ") == 1 and _LENGTH.search(body):  # the usual case, without parsing
            body = _LENGTH.sub(b"/Length %d" % len(data), body)
        else:
            body = set_key(body, b"Length", b"%d" % len(data))
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
