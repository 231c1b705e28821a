"""Entries told apart by name (the files: Ⅱ and Ⅲ repeat 「１．特定個人情報ファイル名」 for each, and
（別添２） prints each file's name before its record items)."""

from __future__ import annotations

import re

from piagen.importers import labels, values
from piagen.importers.labels import Item, Template, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place
from piagen.model import form


def is_name(item: Item) -> bool:
    """The name item of a list whose entries are told apart by name (x-names-title: the files)."""
    if len(item.path) < 3 or item.path[-2] != "*":
        return False
    node = form.node_at(tuple(0 if s == "*" else s for s in item.path[:-2])) or {}
    return "x-names-title" in node and item.path[-1] == "name"


def select(out: Parsed, place: Place, item: Item, name: str) -> None:
    """The same name is the same entry; a new name is the next entry."""
    list_path = place.concrete(item.path[:-2])
    key = key_of(name)
    known = _names(out, list_path)
    for n, seen in known:
        if seen == key:
            place.entries[list_path] = n
            return
    n = max((k for k, _ in known), default=-1) + 1
    place.entries[list_path] = n
    out.names[(*list_path, n)] = key


def enter(out: Parsed, place: Place, item: Item) -> None:
    """A chapter printed once per entry of a list told apart by name (Ⅲ for each file, after Ⅱ
    for each file): its first item read starts at the first entry, not at the entry read last (Ⅱ's
    last file), since the entry's name inside the chapter (「１．特定個人情報ファイル名」) may be
    extracted after the chapter's first values (pages out of order). Later entries are told by
    their names, or, for an item read again, by `free_entry` (within the named entries)."""
    name = Item((*item.path[:2], "name"), "", "", "text", 0)
    if len(item.path) < 3 or item.path[1] != "*" or not is_name(name) or not _in_chapter(item.path):
        return  # not a chapter of named entries (a section of Ⅱ is printed after its entry's name)
    list_path = place.concrete(item.path[:1])
    n = len(list_path)
    known = sorted(k for k, _ in _names(out, list_path))
    started = any(p[:n] == list_path and len(p) > n + 1 and p[n + 1] == item.path[2] for p in out.values)
    if known and not started:
        place.entries[list_path] = known[0]


_CHAPTER = re.compile(r"^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨ]")


def _in_chapter(path: Template | Concrete) -> bool:
    """Whether `path` (an entry's item) lies in a part of the entry printed as a chapter of its own
    (files.*.risks: 「Ⅲ　…リスク対策」), not in a section printed under the entry's name."""
    if len(path) < 3 or not isinstance(path[2], str):
        return False
    node = form.node_at((str(path[0]), 0, path[2])) or {}
    return bool(_CHAPTER.match(str(node.get("title", ""))))


def _names(out: Parsed, list_path: Concrete) -> list[tuple[int, str]]:
    return [(int(path[-1]), name) for path, name in out.names.items() if path[:-1] == list_path]


def key_of(name: str) -> str:
    """A name as compared: without its 「（１）」."""
    return re.sub(r"^[(（][0-9０-９]+[)）]", "", norm(name))


def below_named(item: Item) -> bool:
    """A text item of an entry told apart by name (（別添２） of each file)."""
    if item.kind != "text" or len(item.path) < 3 or is_name(item):
        return False
    return is_name(Item((*item.path[:2], "name"), "", "", "text", 0))


def split(out: Parsed, capture: Capture) -> bool:
    """Lines after an entry's name go to that entry (False when no known name is printed)."""
    list_path = capture.path[:1]
    names = {key: n for n, key in _names(out, list_path)}
    cuts = [n for n, p in enumerate(capture.pieces) if key_of(p.text) in names]
    if not cuts:
        return False
    for k, at in enumerate(cuts):
        entry = names[key_of(capture.pieces[at].text)]
        part = capture.pieces[
            at + _name_apart(capture.pieces, at) : cuts[k + 1] if k + 1 < len(cuts) else None
        ]
        path = (*list_path, entry, *capture.path[2:])
        text = values.text_of(part)
        if text and path not in out.values:
            out.values[path] = (text, Capture(capture.item, path, capture.pieces[at], part))
    out.unplaced.extend((p, capture.path) for p in capture.pieces[: cuts[0]] if p.text.strip())
    return True


def _name_apart(pieces: list[Line], at: int) -> int:
    """1 when the entry's name is a row label beside its text (a PDF cell left of the text's
    column), 0 when it is the first line of the text itself (as a published （別添２） prints it)."""
    name = pieces[at]
    after = next((p for p in pieces[at + 1 :] if p.text.strip()), None)
    if not name.cells or after is None or not after.cells:
        return 0
    return 1 if abs(after.x0 - name.x0) > 12.0 else 0


def _field(index: Index, heading: Item, layout: str) -> Item | None:
    """The first field of an entry of `heading`'s list printed as `layout` (line, text)."""
    for item in index.items:
        if item.path[:-1] == (*heading.path, "*"):
            node = form.node_at(tuple(0 if s == "*" else s for s in item.path)) or {}
            if node.get("x-layout") == layout:
                return item
    return None


def titled(out: Parsed, place: Place, index: Index, heading: Item, title: Line) -> None:
    """A list heading printed with a title (「別紙　…」, a list without entry markers): a new entry
    whose title it is; its text follows."""
    node = form.node_at(tuple(0 if s == "*" else s for s in heading.path)) or {}
    field = _field(index, heading, "line")
    if node.get("type") != "array" or node.get("x-group") or field is None:
        out.unplaced.append((title, place.path))
        return
    list_path = place.concrete(heading.path)
    taken = {
        p[len(list_path)] for p in out.values if p[: len(list_path)] == list_path and len(p) > len(list_path)
    }
    n = max((int(t) for t in taken if isinstance(t, int)), default=-1) + 1
    place.entries[list_path] = n
    place.path = (*list_path, n)
    path = place.concrete(field.path)
    out.values[path] = (title.text, Capture(field, path, title, [title]))


def body_item(index: Index, heading: Item) -> Item | None:
    """The text field of an entry of a titled list."""
    node = form.node_at(tuple(0 if s == "*" else s for s in heading.path)) or {}
    if node.get("type") != "array" or node.get("x-group"):
        return None
    return _field(index, heading, "text")


def repeated_name(out: Parsed, capture: Capture, text: str | None) -> bool:
    """An entry's name printed again where the form repeats it (Ⅲ's 「１．特定個人情報ファイル名」
    for the file named in Ⅱ): the same entry, nothing new to keep."""
    if not is_name(capture.item) or capture.path not in out.values:
        return False
    return key_of(str(out.values[capture.path][0])) == key_of(text or "")


def name_item(index: Index, template: Template) -> Item | None:
    """The field of a list's entry printed on its marker's row (「委託事項1 …」, 「提供先1 …」)."""
    group = labels.group_of(template)
    return next((it for it in index.items if it.path[:-1] == (*template, "*") and it.label == group), None)


def is_marker_name(item: Item) -> bool:
    """Whether `item` is the field printed beside its entry's marker: its text comes on the
    marker's row or right below it, never pages later (so an empty one waits for nothing)."""
    return len(item.path) > 2 and item.path[-2] == "*" and item.label == labels.group_of(item.path[:-2])


def open_slot(out: Parsed, path: Concrete) -> bool:
    """Whether the item at `path` can still take a value: it is empty, or the same item of an
    earlier entry of its list is (extracted text may print an entry's lines before its marker, after
    the next entry's: 「提供先2」, its lines, then 提供先1's lines, then 「提供先1」)."""
    if path not in out.values:
        return True
    at = max((n for n, step in enumerate(path) if isinstance(step, int)), default=None)
    if at is None or path[0] == "changes":
        return False
    return any((*path[:at], k, *path[at + 1 :]) not in out.values for k in range(int(path[at])))


def free_entry(out: Parsed, path: Concrete) -> Concrete | None:
    """An entry's item read twice (its marker was printed after its lines): the first entry of the
    same list where that item is still empty."""
    at = max((n for n, step in enumerate(path) if isinstance(step, int)), default=None)
    if at is None or path[0] == "changes":
        return None
    named = [n for n, _ in _names(out, path[:at])]
    # Ⅲ comes after Ⅱ has named every file: no new file there
    limit = max(named) + 1 if named and _in_chapter(path) else int(path[at]) + 2
    for index in range(limit):
        other = (*path[:at], index, *path[at + 1 :])
        if other not in out.values:
            return other
    return None
