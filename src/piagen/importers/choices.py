"""Choice values printed apart from their item: after its label (the latest open choice that takes
it), before it (a value no item took, a few lines above the label), or anywhere when only one choice
item of the form offers it (「政府機関ではない」 is an option of ①NISC政府機関統一基準群 alone)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from piagen.importers import labels, values
from piagen.importers.labels import Item, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Parsed, Place
from piagen.model import form


@lru_cache(maxsize=4)
def _owners(kind: form.FormType) -> dict[str, tuple[Item, ...]]:
    out: dict[str, list[Item]] = {}
    for item in labels.items(kind):
        if item.kind == "choice":
            for option in labels.choices(item.path):
                out.setdefault(norm(option), []).append(item)
    return {key: tuple(items) for key, items in out.items()}


@lru_cache(maxsize=4)
def _ticks(kind: form.FormType) -> frozenset[str]:
    """The option labels of the form's checkbox lists (a bare one may be a box's label)."""
    return frozenset(
        norm(o)
        for item in labels.items(kind)
        if item.kind == "checks"
        for o in labels.check_options(item.path)
    )


def only_owner(kind: form.FormType, text: str) -> tuple[Item, str] | None:
    """The one choice item of the form that offers `text` (a bare option, brackets allowed) as an
    option, with the option; None when no item or several do."""
    plain = norm(text)
    if plain.startswith(("]", "］")):
        return None  # 「] 行っていない」: the label of a checkbox, not a value in 「[ ]」
    key = plain.lstrip("[［").rstrip("]］")
    if key in _ticks(kind):
        return None
    found = _owners(kind).get(key, ())
    if len(found) != 1:
        return None
    item = found[0]
    return item, next(o for o in labels.choices(item.path) if norm(o) == key)


_TICK_PIECE = re.compile(r"[○〇◯]\s*[\]］]|[\[［]\s*[○〇◯]")  # a ticked box, whole or in part
_RECENT = 6  # open choices a value printed after its label may still go to
_BEFORE = 12  # source lines: how far before its label a choice's value may be printed


@dataclass
class Waiting:
    """Choices whose value has not come yet, and values no choice has taken yet."""

    out: Parsed
    choices: list[Capture] = field(default_factory=list)
    values: list[tuple[Line, str]] = field(default_factory=list)

    def late(self, text: str) -> bool:
        """「[ 十分である」 printed after other lines: the latest choice still without a value."""
        for capture in reversed(self.choices[-_RECENT:]):
            value = values.choice_of(capture.item, text)
            if value is not None and capture.path not in self.out.values:
                self.out.values[capture.path] = (value, capture)
                self.choices.remove(capture)
                return True
        return False

    def give(self, line: Line, place: Place) -> bool:
        """A value printed apart: to the latest open choice that takes it, else to the one item of
        the form that offers it (in the current entry), while that item is still empty."""
        if self.late(line.text):
            return True
        owner = only_owner(self.out.kind, line.text)
        if owner is None:
            return False
        item, option = owner
        path = place.concrete(item.path)
        if path in self.out.values:
            return False
        self.out.values[path] = (option, Capture(item, path, line, [line]))
        return True

    def early(self, capture: Capture, fragments: list[tuple[int, Line]]) -> bool:
        """A choice whose cell was empty: its value printed a few lines before its label and taken
        by no item then (the value column of a band printed before its label column)."""
        for k in range(len(self.values) - 1, -1, -1):
            line, text = self.values[k]
            distance = capture.at.number - line.number
            value = values.choice_of(capture.item, text)
            if 0 < distance <= _BEFORE and value is not None:
                del self.values[k]
                fragments[:] = [(n, f) for n, f in fragments if f is not line]
                self.out.unplaced[:] = [(u, p) for u, p in self.out.unplaced if u is not line]
                self.out.values[capture.path] = (
                    value,
                    Capture(capture.item, capture.path, capture.at, [line]),
                )
                return True
        return False

    def sort_out(
        self,
        item: Item,
        pieces: list[Line],
        place: Place,
        fragments: list[tuple[int, Line]],
        option_texts: frozenset[str],
    ) -> list[Line]:
        """Lines read under choice `item` that are not its value: values of other choices (a row
        of 「十分に行っている」「十分に整備している」 beside the labels) go to them or wait for their
        label, ticked checkbox pieces go to `fragments` (placed with the grids); the rest is returned."""
        kept = []
        for piece in pieces:
            own = values.choice_of(item, piece.text) is not None
            if not own and norm(piece.text).strip("[]［］") in option_texts:
                if self.give(piece, place):
                    continue
                self.values.append((piece, piece.text))  # its label may come after
            if not own and _TICK_PIECE.search(piece.text):
                fragments.append((0, piece))
                continue
            kept.append(piece)
        return kept
