"""Choice values printed apart from their item: an option text that only one choice item of the
form offers (「政府機関ではない」 is an option of ①NISC政府機関統一基準群 alone) belongs to that item,
whatever lines extraction put between them."""

from __future__ import annotations

from functools import lru_cache

from piagen.importers import labels
from piagen.importers.labels import Item, norm
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
