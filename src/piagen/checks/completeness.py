"""Completeness: the items the 記載要領 asks for (schema `x-required`) that are blank or absent, and the
progress of each form the model prints 「記入済み 212 / 240 項目（88%）」."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from piagen.findings import Severity
from piagen.model import form
from piagen.model.fields import get
from piagen.model.form import FORM_NAMES, Condition, FormType, Requirement, form_type
from piagen.model.source import JsonPath, json_path

Kind = Literal["item", "text", "list", "choice", "checks"]
Finding = tuple[JsonPath, Severity, str]


@dataclass(frozen=True)
class Item:
    """One required item of a form, where it is and whether it is filled in."""

    path: JsonPath
    filled: bool
    kind: Kind


@dataclass(frozen=True)
class Progress:
    """How many of a form's required items are filled in, and where the blank ones are."""

    form: FormType
    filled: int
    total: int
    blank: tuple[JsonPath, ...] = ()

    @property
    def percent(self) -> int:
        """Rounded down, so 100% means every item is there."""
        return 100 * self.filled // self.total if self.total else 100

    def text(self) -> str:
        return f"{FORM_NAMES[self.form]}: 記入済み {self.filled} / {self.total} 項目（{self.percent}%）"

    def as_json(self) -> dict[str, str | int | list[str]]:
        return {
            "form": self.form,
            "name": FORM_NAMES[self.form],
            "filled": self.filled,
            "total": self.total,
            "percent": self.percent,
            "blank": [json_path(p) for p in self.blank],
        }


def printed_forms(data: Any) -> tuple[FormType, ...]:
    """The forms a model prints: its own, and the 基礎項目評価書 that always goes with a 重点/全項目評価書."""
    own = form_type(data)
    return (own,) if own == "basic" else (own, "basic")


def items(data: Any, kind: FormType) -> list[Item]:
    """Every required item of form `kind` in the model's shape (list entries as written)."""
    walk = _Walk(data if isinstance(data, dict) else {}, kind)
    return list(walk.node((), form.resolve(form.schema()), walk.root, form.FORMS))


def progress(data: Any) -> list[Progress]:
    """The progress of every form the model prints."""
    out = []
    for kind in printed_forms(data):
        found = items(data, kind)
        blank = tuple(i.path for i in found if not i.filled)
        out.append(Progress(kind, len(found) - len(blank), len(found), blank))
    return out


def missing(data: Any) -> Iterator[Finding]:
    """An error for every required item of the model's own form that is blank or absent. The companion
    基礎項目評価書 of a 重点/全項目 model is counted in `progress` only: a model may describe the
    全項目評価書 alone when the 基礎項目評価書 is written elsewhere."""
    for item in items(data, form_type(data)):
        if not item.filled:
            yield item.path, "error", MESSAGES[item.kind]


MESSAGES: dict[Kind, str] = {
    "item": "記入されていません。様式で記入する項目です。",
    "text": "記入されていません。様式で記入する項目です。該当がない場合もその旨を書いてください（例: 「－」「該当なし」）。",
    "choice": "選択されていません。＜選択肢＞から1つ選んで書いてください。",
    "checks": "どの選択肢にもチェックがありません。該当する選択肢を書いてください（例: 紙: true）。",
    "list": "1件も書かれていません。様式で記入する項目です。",
}


@dataclass(frozen=True)
class _Walk:
    root: dict[str, Any]
    kind: FormType

    def node(
        self, path: JsonPath, node: dict[str, Any], value: Any, forms: tuple[str, ...]
    ) -> Iterator[Item]:
        forms = tuple(node.get("x-forms", forms))
        rule = form.requirement(node)
        if (rule is not None and not self.applies(rule, path[:-1])) or (path and path[-1] == "id"):
            return
        if "properties" in node and node.get("x-layout") != "checks":
            child_values = value if isinstance(value, dict) else {}
            for key, child in node["properties"].items():
                yield from self.node((*path, key), form.resolve(child), child_values.get(key), forms)
            return
        if self.kind not in forms or node.get("x-layout") == "flag":
            return
        if node.get("type") == "array" or "items" in node:
            yield from self.entries(path, node, value, forms)
        else:
            yield Item(path, _filled(value), _kind(node))

    def entries(
        self, path: JsonPath, node: dict[str, Any], value: Any, forms: tuple[str, ...]
    ) -> Iterator[Item]:
        listed = value if isinstance(value, list) else []
        yield Item(path, bool(listed), "list")
        entry = form.resolve(node.get("items", {}))
        for i, child in enumerate(listed):
            yield from self.node((*path, i), entry, child, forms)

    def applies(self, rule: Requirement, holder: JsonPath) -> bool:
        if rule.never or self.kind not in rule.forms:
            return False
        return all(self.holds(c, holder) for c in rule.when) and not any(
            self.holds(c, holder) for c in rule.unless
        )

    def holds(self, condition: Condition, holder: JsonPath) -> bool:
        base = () if condition.absolute else holder[: len(holder) - condition.up]
        value = get(self.root, *base, *condition.path)
        return bool(value) if condition.value is None else bool(value == condition.value)


def _kind(node: dict[str, Any]) -> Kind:
    layout = node.get("x-layout")
    named: dict[Any, Kind] = {"choice": "choice", "checks": "checks", "text": "text"}
    return named.get(layout, "item")


def _filled(value: Any) -> bool:
    """Written: a dash or 「なし」 is an answer; an empty text, no tick or nothing at all is not."""
    if isinstance(value, dict):  # a checkbox list: some option ticked ({text, ticked: false} is not)
        return any(
            v is not None and v is not False and v != "" and not isinstance(v, dict) for v in value.values()
        )
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None
