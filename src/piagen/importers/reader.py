"""Reads the items of one 評価書 from its lines: every line that starts with an official label (taken
from the form definition) opens that item; the lines after it, up to the next label, are its value.
Where a label is printed more than once in the form (具体的な方法, リスクへの対策は十分か …) the
item nearest to the current place in the form that is still empty wins."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from piagen.importers import labels
from piagen.importers.labels import Item, Template, norm
from piagen.importers.lines import Line
from piagen.model import form

Concrete = tuple[str | int, ...]
_BOUNDARY = " 　[［※(（"
_MAX_LABEL_LINES = 6


@dataclass
class Capture:
    """An item being read: its path, the lines of its value and where its label was."""

    item: Item
    path: Concrete
    at: Line
    pieces: list[Line] = field(default_factory=list)


@dataclass
class Parsed:
    """Values by concrete path (with the capture that read them) and the lines placed nowhere."""

    kind: form.FormType
    values: dict[Concrete, tuple[Any, Capture]] = field(default_factory=dict)
    unplaced: list[tuple[Line, Concrete]] = field(default_factory=list)
    names: dict[Concrete, str] = field(default_factory=dict)
    grids: list[tuple[Capture, list[Line]]] = field(default_factory=list)  # each grid and its lines


class Index:
    """Labels of one form, by the first character of their normalised key (longest first)."""

    def __init__(self, kind: form.FormType) -> None:
        self.kind = kind
        every = [i for i in labels.items(kind) if i.path[0] not in ("piagen", "form")]
        # A flag (「[ ○ ] 委託しない」) is printed as a tick, not as a label that opens a value.
        self.flags = [i for i in every if i.kind == "flag"]
        self.items = [i for i in every if i.kind != "flag"]
        self.by_first: dict[str, list[Item]] = {}
        for item in sorted(self.items, key=lambda i: -len(i.key)):
            if len(item.key) >= 2:
                self.by_first.setdefault(item.key[0], []).append(item)
        self.prefixes = {i.key[:n] for i in self.items for n in range(3, len(i.key))}
        self.groups = _groups(self.items)

    def match(self, lines: list[Line], i: int) -> tuple[list[Item], int, str] | None:
        """The items whose label starts line i (possibly wrapped over the next lines), the number
        of lines the label took and the text after it."""
        text = lines[i].text
        joined = norm(text)
        if not joined:
            return None
        for extra in range(_MAX_LABEL_LINES):
            found = self._match_one(joined, text)
            if found:
                return found[0], extra + 1, found[1]
            if joined not in self.prefixes or i + extra + 1 >= len(lines):
                return None
            text = text + lines[i + extra + 1].text.strip()
            joined = norm(text)
        return None

    def _match_one(self, joined: str, text: str) -> tuple[list[Item], str] | None:
        for item in self.by_first.get(joined[0], []):
            if not joined.startswith(item.key):
                continue
            rest = _after(text, item.key)
            if rest is None or (rest and rest[0] not in _BOUNDARY and len(item.key) < 6):
                continue
            if rest and len(item.key) < 4 and rest[0] not in " 　":
                continue  # 「別紙（…）を参照」 is text, not the heading 「別紙」
            same = [o for o in self.by_first[joined[0]] if o.key == item.key]
            return same, rest.lstrip(" 　※").strip()
        return None


def _after(text: str, key: str) -> str | None:
    """The part of `text` after the characters that normalise to `key`."""
    consumed = ""
    for k, char in enumerate(text):
        if len(consumed) >= len(key):
            return text[k:] if consumed == key else None
        consumed += norm(char)
    return "" if consumed == key else None


def _groups(items: list[Item]) -> dict[str, Template]:
    """Repetition names (システム, 委託事項, 提供先 …) → the list they number."""
    out: dict[str, Template] = {}
    for item in items:
        if item.kind != "heading" or not item.path or item.path[-1] == "*":
            continue
        group = labels.group_of(item.path)
        if group and group not in ("行目", "ファイル"):
            out[group] = item.path
    return out


@dataclass
class Place:
    """Where in the form the reader is: the last item read and the current entry of every list."""

    path: Concrete = ()
    entries: dict[Concrete, int] = field(default_factory=dict)

    def concrete(self, template: Template) -> Concrete:
        out: list[str | int] = []
        for step in template:
            if step == "*":
                out.append(self.entries.get(tuple(out), 0))
            else:
                out.append(step)
        return tuple(out)


def common(template: Template, path: Concrete) -> int:
    """How many leading steps a template shares with a concrete path (`*` matches an index)."""
    n = 0
    for a, b in zip(template, path, strict=False):
        if a == b or (a == "*" and isinstance(b, int)):
            n += 1
        else:
            break
    return n


_GROUP_LINE = re.compile(r"^\s*(\D+?)\s*(\d+)(\s*[～~〜].*)?$")


def group_marker(index: Index, text: str) -> tuple[Template, int, str] | None:
    """「システム2」「委託事項3 …」「提供先1 市町村長」: the list, the entry index and the rest;
    a range marker (「システム2～5」, the blank rows) gives index -1."""
    plain = unicodedata.normalize("NFKC", text).strip()
    for group, template in index.groups.items():
        if not plain.startswith(group):
            continue
        m = re.match(r"^(\d+)(\s*[～~〜]\s*\d+)?\s*(.*)$", plain[len(group) :])
        if not m:
            continue
        number = int(m.group(1))
        if m.group(2):
            return template, -1, ""
        return template, number - 1, text.strip()[len(group) + len(m.group(1)) :].strip()
    return None
