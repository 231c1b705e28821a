"""Editions, made once as data before anything is laid out: the 提出版 (the model, its withheld
items marked) and the 公表版 (a redacted model: withheld items, the 変更箇所 rows about them and every
quotation of their current or earlier texts replaced by 【非公表】). Every output is built from the
edition's data, so no later stage can see, and leak, withheld text."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from piagen.errors import PiagenError
from piagen.model import form
from piagen.model.source import json_path

Edition = Literal["internal", "public"]
MARKER = "【非公表】"
MARKER_NOTE = "【非公表】は、公表することによりセキュリティ上のリスクがあるため公表しない部分（特定個人情報保護評価に関する規則第13条）。"
INTERNAL_MARK = "提出版（非公表部分を含む）"
RUN = 12  # a cell that repeats a run of this many characters found only in withheld text quotes it
CHANGE_LISTS = (("changes",), ("basic", "changes"))
ROW_TEXTS = ("item", "before", "after", "explanation")  # the 変更箇所 columns that hold free text
# Top-level keys whose text is not printed as an item (the 変更箇所 rows are handled row by row).
UNPRINTED = (*form.unprinted_roots(), "changes")

Path = tuple[str | int, ...]


class WithheldPathError(PiagenError):
    """A `withheld` path that names nothing in the model (the 公表版 cannot be made safely)."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"公表しない部分の「{path}」はモデルにない項目です。piagen validate で確認してください。"
        )


@dataclass(frozen=True)
class Withheld:
    """One withheld item: where it is, why, and the texts it holds."""

    path: Path
    reason: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Made:
    """An edition as data: the model every output is built from, the 提出版's marks (json path →
    reason), the mark its cover and running title carry, and the notes of its cover."""

    which: Edition
    data: dict[str, Any]
    marked: dict[str, str] = field(default_factory=dict)
    mark: str = ""
    notes: tuple[str, ...] = ()


def normal(text: str) -> str:
    """Text as compared for quotation: NFKC (full-width ASCII, half-width katakana) without spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def resolve(data: Any, dotted: str) -> Path:
    """A dotted path (list entries by number or by id) as a model path; raise if it names nothing."""
    path: list[str | int] = []
    node = data
    for part in dotted.split("."):
        if isinstance(node, list):
            index = (
                int(part)
                if part.isdigit() and len(part) < 9
                else next(
                    (i for i, e in enumerate(node) if isinstance(e, dict) and e.get("id") == part), None
                )
            )
            if index is None or index >= len(node):
                raise WithheldPathError(dotted)
            path.append(index)
            node = node[index]
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        else:
            raise WithheldPathError(dotted)
    return tuple(path)


def texts(value: Any) -> list[str]:
    """Every text a value holds (a ticked option's name too)."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in ([k] if v is True else texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return [str(value)] if value not in (None, False, True) else []


def _entries(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    listed = data.get("withheld")
    return [(j, e) for j, e in enumerate(listed if isinstance(listed, list) else []) if isinstance(e, dict)]


def _at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def _inside(path: Path, outer: Path) -> bool:
    return len(path) >= len(outer) and path[: len(outer)] == outer


def withheld(data: dict[str, Any]) -> list[Withheld]:
    """The model's withheld items (paths resolved; an item inside another withheld one is covered by it)."""
    found = sorted(
        ((resolve(data, str(e.get("path", ""))), str(e.get("reason") or "")) for _, e in _entries(data)),
        key=lambda item: len(item[0]),
    )
    out: list[Withheld] = []
    for path, reason in found:
        if not any(_inside(path, w.path) for w in out):
            out.append(Withheld(path, reason, tuple(texts(_at(data, path)))))
    return out


def overlaps(data: dict[str, Any]) -> Iterator[tuple[int, int]]:
    """Pairs (j, k) of `withheld` entries where entry k lies within (or repeats) entry j."""
    paths: list[tuple[int, Path]] = []
    for j, entry in _entries(data):
        try:
            paths.append((j, resolve(data, str(entry.get("path", "")))))
        except WithheldPathError:
            continue
    for j, outer in paths:
        for k, inner in paths:
            if j != k and _inside(inner, outer) and (len(inner) > len(outer) or j < k):
                yield j, k


def _rows(data: Any) -> Iterator[dict[str, Any]]:
    for key in CHANGE_LISTS:
        rows = data
        for step in key:
            rows = rows.get(step) if isinstance(rows, dict) else None
        yield from (r for r in (rows if isinstance(rows, list) else []) if isinstance(r, dict))


@lru_cache(maxsize=4096)
def _labels(path: Path) -> list[str]:
    """The texts that name an item in a hand-written 項目 cell (normalised): its printed label in
    every form, and its own title when that is distinctive enough."""
    out = {
        normal(form.item_label(path, kind, style=style))
        for kind in form.FORMS
        for style in ("short", "table")
    }
    titled = [p for p in range(len(path), 0, -1) if isinstance(path[p - 1], str)]
    if titled:
        own = normal(form.title(path[: titled[0]]))
        if len(own) >= 4:
            out.add(own)
    return [label for label in out if len(label) >= 4]


def about(row: dict[str, Any], item: Withheld) -> bool:
    """Whether a 変更箇所 row records a change of the withheld item: by the path piagen wrote, or (a row
    written by hand) by the item's label in its 項目 cell."""
    dotted = ".".join(map(str, item.path))
    where = row.get("path")
    if isinstance(where, str) and where:
        return where == dotted or where.startswith(dotted + ".") or dotted.startswith(where + ".")
    written = normal(str(row.get("item") or ""))
    return bool(written) and any(label in written for label in _labels(item.path))


def secrets(data: dict[str, Any], items: list[Withheld]) -> tuple[str, ...]:
    """Every withheld text: the items' current texts and the earlier ones their 変更箇所 rows record."""
    out = [t for item in items for t in item.texts]
    for row in _rows(data):
        if any(about(row, item) for item in items):
            out += [row[c] for c in ("before", "after") if isinstance(row.get(c), str)]
    return tuple(t for t in out if normal(t) and normal(t) != normal(MARKER))


def runs(secret: str) -> set[str]:
    """The windows of RUN characters (the whole text when shorter) that identify a withheld text."""
    s = normal(secret)
    return {s} if len(s) <= RUN else {s[i : i + RUN] for i in range(len(s) - RUN + 1)}


def _windows(text: str) -> set[str]:
    """Every window of RUN characters of a normalised text."""
    return {text[i : i + RUN] for i in range(len(text) - RUN + 1)}


@dataclass(frozen=True)
class _Quotes:
    """The distinctive parts of withheld texts: windows of RUN characters, and whole short texts."""

    long: frozenset[str]
    short: tuple[str, ...]

    def quoted_in(self, text: str) -> bool:
        flat = normal(text)
        return any(s in flat for s in self.short) or not self.long.isdisjoint(_windows(flat))


def _quotes(secrets: tuple[str, ...], published: list[str]) -> _Quotes:
    """The parts of `secrets` that no published text holds (boilerplate such as ＜中間サーバー・
    プラットフォームにおける措置＞ shared with a published item is not a quotation; validate warns when
    a withheld text is repeated in a published item)."""
    corpus = "\0".join(published)
    seen: set[str] = set().union(*map(_windows, published)) if published else set()
    long = {r for t in secrets if len(normal(t)) > RUN for r in runs(t)} - seen
    short = {normal(t) for t in secrets if 0 < len(normal(t)) <= RUN}
    return _Quotes(frozenset(long), tuple(s for s in short if s not in corpus))


def _published(value: Any, skip: tuple[str, ...] = UNPRINTED) -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in skip for t in _published(v, ())]
    if isinstance(value, list):
        return [t for v in value for t in _published(v, ())]
    return [normal(value)] if isinstance(value, str) else []


def public(data: dict[str, Any]) -> dict[str, Any]:
    """The 公表版 model: withheld items, the 変更箇所 rows about them and every cell quoting one of
    their texts become 【非公表】; causes, consultations and the withheld list itself are dropped."""
    items = withheld(data)
    hidden = secrets(data, items)
    out = copy.deepcopy(data)
    for item in items:
        _at(out, item.path[:-1])[item.path[-1]] = MARKER
    for key in form.records():
        out.pop(key, None)
    quotes = _quotes(hidden, _published(out))
    for row in _rows(out):
        whole = any(about(row, item) for item in items)
        for column in ROW_TEXTS:
            value = row.get(column)
            if isinstance(value, str) and ((whole and column != "item") or quotes.quoted_in(value)):
                row[column] = MARKER
        row.pop("path", None)
    return out


def make(data: dict[str, Any], which: Edition) -> Made:
    """The edition `which` of the model, as data (the 公表版 redacted, the 提出版 marked)."""
    if which == "public":
        notes = (MARKER_NOTE,) if _entries(data) else ()
        return Made("public", public(data), notes=notes)
    try:
        items = withheld(data)
    except WithheldPathError:  # (rendered with --allow-errors: validate reports the path)
        items = []
    marked = {json_path(w.path): w.reason for w in items}
    return Made("internal", data, marked, INTERNAL_MARK if _entries(data) else "")


def marked_paths(data: dict[str, Any]) -> set[Path]:
    """Paths the 提出版 marks as not published."""
    try:
        return {item.path for item in withheld(data)}
    except WithheldPathError:
        return set()


def repeated(data: dict[str, Any]) -> Iterator[tuple[Path, Path]]:
    """(withheld item, published item) pairs where the published item repeats a distinctive part of
    the withheld item's current or earlier text (the 公表版 would print it there)."""
    try:
        items = withheld(data)
    except WithheldPathError:
        return
    leaves = [
        (p, flat, _windows(flat))
        for p, v in _leaves(data)
        if not any(_inside(p, w.path) for w in items) and (flat := normal(v))
    ]
    for item in items:
        texts_ = [normal(t) for t in secrets(data, [item])]
        long = {r for t in texts_ if len(t) > RUN for r in runs(t)}
        short = [t for t in texts_ if t and len(t) <= RUN]
        for path, flat, windows in leaves:
            if not long.isdisjoint(windows) or any(s in flat for s in short):
                yield item.path, path


def _leaves(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(value, dict):
        for key, child in value.items():
            if path or key not in UNPRINTED:
                yield from _leaves(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _leaves(child, (*path, i))
    elif isinstance(value, str):
        yield path, value
