"""Choice values printed apart from their item: an option text that only one choice item of the
form offers (「政府機関ではない」 is an option of ①NISC政府機関統一基準群 alone) belongs to that item,
whatever lines extraction put between them; values of other choices read under a choice are
offered to them, and ticked checkbox pieces read there go to the grids."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from piagen.importers import labels, values
from piagen.importers.labels import Item, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Parsed, common
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


_REVERSED = re.compile(r"^[0-9０-９]+\s*[)）].*[\]］]\s*([^\[\]［］()（）]+?)\s*[\[［]\s*$")


def after_list(text: str, options: frozenset[str]) -> str | None:
    """「2) 十分に行っている1) 特に力を入れて行っている]十分に行っている[」: a value in reversed
    brackets at the end of a ＜選択肢＞ line (the option as normalised), printed before its label."""
    found = _REVERSED.match(text.strip())
    value = norm(found.group(1)) if found else None
    return value if value in options else None


def settle(out: Parsed, held: list[tuple[str, Line, Concrete]], waiting: set[Concrete]) -> None:
    """Held values no label took: one that only one choice item of the form offers goes to that
    item when it was met in the item's section (its entry taken from where it was met) and the
    item's own label was never read (printed inside another line, 「…十分に遵守している ①NISC…」);
    the others stay held (and end unplaced)."""
    for entry in list(held):
        _, line, place = entry
        owner = only_owner(out.kind, line.text)
        if owner is None:
            continue
        item, option = owner
        shared = common(item.path, place)
        if shared < 2 or "*" in item.path[shared:]:
            continue
        path = (*place[:shared], *item.path[shared:])
        if path not in out.values and path not in waiting:
            out.values[path] = (option, Capture(item, path, line, [line]))
            held.remove(entry)


def sort_out(
    item: Item,
    pieces: list[Line],
    give: Callable[[Line], bool],
    fragments: list[tuple[int, Line]],
    options: frozenset[str],
) -> list[Line]:
    """Lines read under choice `item` that are not its value: values of other choices (a row of
    「十分に行っている」「十分に整備している」 beside the labels) are offered to them (`give`), ticked
    checkbox pieces go to `fragments` (placed with the grids); the rest is returned."""
    kept = []
    for piece in pieces:
        own = values.choice_of(item, piece.text) is not None
        if not own and norm(piece.text).strip("[]［］") in options and give(piece):
            continue
        if not own and _TICK_PIECE.search(piece.text):
            fragments.append((0, piece))
            continue
        kept.append(piece)
    return kept
