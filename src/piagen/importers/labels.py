"""The printed items of a form, read from the form definition: each with its model path (list
indices as `*`), its label as printed in that form, the label's normalised key and its kind of value.
An item added to the schema is found in a document without new code."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from piagen.model import form

Template = tuple[str, ...]  # a path with "*" for every list index
Kind = Literal["heading", "text", "choice", "checks", "count", "number", "date", "value", "flag"]

_STAR = re.compile(r"[　 ]*※.*$")
_SPACE = re.compile(r"[\s　]+")


def norm(text: str) -> str:
    """A label or a line as compared: NFKC (full/half width alike), no spaces, no ※."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).replace("※", "")


@dataclass(frozen=True)
class Item:
    """One printed item (or heading) of a form."""

    path: Template
    label: str  # as printed, without ※
    key: str  # norm(label)
    kind: Kind
    order: int

    def parent(self) -> Template:
        return self.path[:-1]


def _kind(node: dict[str, Any]) -> Kind:
    layout = node.get("x-layout")
    if layout == "choice":
        return "choice"
    if layout == "checks":
        return "checks"
    if layout == "count":
        return "count"
    if layout == "date":
        return "date"
    if layout == "value":
        return "value"
    if layout == "flag":
        return "flag"
    types = node.get("type")
    if types == "integer" or (isinstance(types, list) and "integer" in types and "string" in types):
        return "number"
    if "properties" in node or node.get("type") == "array":
        return "heading"
    return "text"


@lru_cache(maxsize=4)
def items(kind: form.FormType) -> tuple[Item, ...]:
    """Every item `kind` prints, in schema (= printed) order."""
    out: list[Item] = []
    root = form.resolve(form.schema())
    for key, node in root.get("properties", {}).items():
        _walk(out, (key,), form.resolve(node), kind)
    return tuple(out)


def _concrete(template: Template) -> tuple[str | int, ...]:
    return tuple(0 if step == "*" else step for step in template)


def _walk(out: list[Item], path: Template, node: dict[str, Any], kind: form.FormType) -> None:
    concrete = _concrete(path)
    forms = form.forms_of(concrete)
    printed = kind in forms or (path[0] == "threshold" and node.get("x-forms") != [])
    if path[-1] == "id" or node.get("x-forms") == []:
        return
    title = form.title(concrete, kind)
    item_kind = _kind(node)
    if not printed and item_kind != "heading":
        return
    if title and printed:
        key = norm(_STAR.sub("", title))
        # 「（手数料額、納付方法：　）」 is printed around its value: it opens at the colon.
        key = key[:-1] if key.startswith("(") and key.endswith(":)") else key
        out.append(Item(path, _STAR.sub("", title), key, item_kind, len(out)))
    names = node.get("x-names-title")
    if names and printed:  # Ⅰ３．特定個人情報ファイル名: the row listing the entries' names, a label too
        out.append(Item(path, str(names), norm(str(names)), "heading", len(out)))
    if node.get("type") == "array":
        sub = form.resolve(node.get("items", {}))
        if "properties" in sub:
            for key, child in sub["properties"].items():
                _walk(out, (*path, "*", key), form.resolve(child), kind)
        return
    if item_kind == "heading" and "properties" in node:
        for key, child in node.get("properties", {}).items():
            _walk(out, (*path, key), form.resolve(child), kind)


def choices(template: Template) -> list[str]:
    """The option texts of a choice item."""
    return form.choices(_concrete(template))


def check_options(template: Template) -> list[str]:
    return form.check_options(_concrete(template))


def group_of(template: Template) -> str | None:
    """The repetition name of a list (システム, 委託事項, 提供先 …)."""
    node = form.node_at(_concrete(template))
    group = (node or {}).get("x-group")
    return str(group) if group else None


def option_spec(template: Template, option: str) -> dict[str, Any]:
    """The schema of one checkbox option (whether it takes the text in its （　）)."""
    node = form.node_at(_concrete(template)) or {}
    return form.resolve(node.get("properties", {}).get(option, {}))
