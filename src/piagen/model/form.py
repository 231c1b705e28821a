"""The official form definition (schema/model.schema.yaml): item lookup, labels, ※ marks, options."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from piagen import resources
from piagen.model import source

FormType = Literal["full", "focused", "basic"]
FORMS: tuple[FormType, ...] = ("full", "focused", "basic")


def form_type(data: Any) -> FormType:
    """The model's declared form type (full when unreadable)."""
    declared = (
        data.get("form", {}).get("type")
        if isinstance(data, dict) and isinstance(data.get("form"), dict)
        else None
    )
    return declared if declared in FORMS else "full"


def label_in(data: Any, path: tuple[str | int, ...]) -> str:
    """The official label of `path` as the model's own form prints it; the 基礎項目評価書 items of a
    full or focused model (`basic`, `threshold`) are prefixed with that form's name."""
    if not path:
        return ""
    kind = form_type(data)
    basic = path[0] in ("basic", "threshold") and kind != "basic"
    text = item_label(path, "basic" if basic else kind)
    return f"基礎項目評価書 {text}" if basic else text


FORM_NAMES: dict[str, str] = {"full": "全項目評価書", "focused": "重点項目評価書", "basic": "基礎項目評価書"}
STAMPS: dict[tuple[str, str], str] = {
    ("full", "H30.5"): "[平成30年５月　様式４]",
    ("full", "R6.10"): "[令和６年10月　様式４]",
    # The 様式3 stamp is not in the extracted seed 002; H30.5 is assumed (FROM MEMORY, unverified).
    ("focused", "H30.5"): "[平成30年５月　様式３]",
    ("basic", "H31.1"): "[平成31年１月　様式２]",
}
DEFAULT_VERSION: dict[str, str] = {"full": "R6.10", "focused": "H30.5", "basic": "H31.1"}
# The 様式2 edition printed beside each 様式4/様式3 edition unless `form.basic_version` says otherwise.
# 様式2 and 様式4 are not revised together (様式2: H26.4, H28.1, H29.5, H31.1; 様式4: H26.4, H28.1,
# H30.5, R6.10). No 令和６年10月 様式２ has been found in any public document or PPC notice
# (reference/rules-verified.md §2.1, UNVERIFIED either way): H31.1, the newest seen, goes with R6.10.
BASIC_WITH: dict[str, str] = {"H30.5": "H31.1", "R6.10": "H31.1"}

Path = tuple[str | int, ...]
_ROMAN = re.compile(r"^([ⅠⅡⅢⅣⅤⅥ])")
_SECTION_NO = re.compile(r"^([０-９]+．)")
_RISK = re.compile(r"^(リスク[０-９]?)：")
_CIRCLED = re.compile(r"^[①-⑳]")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The model schema (JSON Schema 2020-12 with x- annotations)."""
    data: dict[str, Any] = source.load_trusted(resources.data_dir("schema") / "model.schema.yaml")
    return data


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Merge a node with the target of its $ref (the node's own keys win)."""
    seen = 0
    while "$ref" in node and seen < 10:
        target = _deref(node["$ref"])
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


def _deref(ref: str) -> dict[str, Any]:
    assert ref.startswith("#/$defs/"), ref
    defs: dict[str, Any] = schema()["$defs"]
    return dict(defs[ref.split("/")[-1]])


def node_at(path: Path) -> dict[str, Any] | None:
    """The resolved schema node describing the value at `path`, or None if the path is not in the form."""
    node = resolve(schema())
    for step in path:
        if isinstance(step, int):
            items = node.get("items")
            if not isinstance(items, dict):
                return None
            node = resolve(items)
        else:
            props = node.get("properties", {})
            if step not in props:
                return None
            node = resolve(props[step])
    return node


def _override(node: dict[str, Any], form: FormType) -> dict[str, Any]:
    over = node.get(f"x-{form}")
    return over if isinstance(over, dict) else {}


def title(path: Path, form: FormType = "full") -> str:
    """The label of the item at `path` as printed in `form` (without ※)."""
    node = node_at(path)
    if node is None:
        return ""
    return str(_override(node, form).get("title", node.get("title", "")))


def star(path: Path, form: FormType = "full") -> str:
    """The ※ suffix printed after the label in `form` ("" when the item carries no ※)."""
    node = node_at(path)
    if node is None:
        return ""
    over = _override(node, form)
    value = over["star"] if "star" in over else node.get("x-star")
    return str(value) if value else ""


def label(path: Path, form: FormType = "full") -> str:
    """Label with its ※ exactly as printed, e.g. 「①入手元　※」."""
    return title(path, form) + star(path, form)


def is_starred(path: Path, form: FormType = "full") -> bool:
    """True when a change at `path` can be a 重要な変更 in `form` (※ on the item or an ancestor)."""
    for depth in range(len(path), 0, -1):
        prefix = path[:depth]
        node = node_at(prefix)
        if node is None:
            continue
        if node.get("x-not-significant"):
            return False
        if star(prefix, form):
            return True
    return False


def forms_of(path: Path) -> tuple[FormType, ...]:
    """Forms that print the item at `path` (x-forms, inherited from the nearest ancestor)."""
    for depth in range(len(path), -1, -1):
        node = node_at(path[:depth])
        if node is not None and "x-forms" in node:
            return tuple(node["x-forms"])
    return FORMS


def _group_name(path: Path, form: FormType) -> str | None:
    """For a list entry, the form's name of that repetition (システム2, 委託事項3, （２） …)."""
    parent = node_at(path[:-1])
    group = parent.get("x-group") if parent else None
    index = path[-1]
    if not isinstance(index, int) or not group:
        return None
    if group == "行目":
        return f"{index + 1}行目"
    if group == "ファイル":
        return f"（{str(index + 1).translate(_FULLWIDTH)}）"
    return f"{group}{index + 1}"


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


Style = Literal["short", "long", "table"]


def item_label(
    path: Path,
    form: FormType = "full",
    long: bool = False,
    names: dict[Path, str] | None = None,
    style: Style | None = None,
    with_star: bool = True,
) -> str:
    """Where an item sits in the form: short 「Ⅱ ３．①入手元」, long with every section title, or
    table (as 変更箇所 tables write it) 「Ⅱ ３．特定個人情報の入手・使用 ①入手元」.

    `names` gives an entry's own name (a file's name, a 提供先 …) to print after its number;
    an empty name omits the entry marker (e.g. the only file of a document).
    """
    style = style or ("long" if long else "short")
    parts: list[str] = []
    for depth in range(1, len(path) + 1):
        prefix = path[:depth]
        if isinstance(prefix[-1], int):
            parts.append(_entry_part(prefix, form, names))
            continue
        node = node_at(prefix)
        text = title(prefix, form)
        # A list titled like its entries (委託事項 › 委託事項1) is named by the entry alone.
        if node is None or (
            node.get("type") == "array" and depth < len(path) and text == node.get("x-group")
        ):
            continue
        last = depth == len(path)
        if last and node.get("x-under") and style != "short":
            parts.append(str(node["x-under"]))  # a sub-item printed under a numbered item (委託事項 ②)
        if _ROMAN.match(text) and not last:
            parts = [_part(text, False, style)] + [p for p in parts if not _ROMAN.match(p)]
            continue
        if text.startswith("（別添"):
            parts = [text]
            continue
        parts.append(_part(text, last, style) + (star(prefix, form) if last and with_star else ""))
    return _join([p for p in parts if p])


def _entry_part(prefix: Path, form: FormType, names: dict[Path, str] | None) -> str:
    name = _group_name(prefix, form) or ""
    if names is not None and prefix in names:
        own = names[prefix]
        return f"{name}{own}" if own else ""
    return name


def _part(text: str, last: bool, style: Style) -> str:
    if last:
        return text
    roman = _ROMAN.match(text)
    if roman:
        return text if style == "long" else roman.group(1)
    number = _SECTION_NO.match(text)
    if number:
        return number.group(1) if style == "short" else text
    if text == "変更箇所":
        return text
    risk = _RISK.match(text)
    if risk:
        return text.replace("：　", "：") if style == "long" else risk.group(1)
    if _CIRCLED.match(text) or style != "short":
        return text
    return ""


def _join(parts: list[str]) -> str:
    if len(parts) > 1 and parts[-2].startswith(parts[-1]):
        parts = parts[:-1]  # an entry's own header field: 「提供先1」, not 「提供先1 提供先」
    out = ""
    for part in parts:
        if not out:
            out = part
        elif out.endswith("．"):
            out += part
        else:
            out += " " + part
    # A leaf that repeats its group's circled label (⑤物理的対策 › ⑤物理的対策) is said once.
    return re.sub(r"(\S+) \1$", r"\1", out)


def options(path: Path, form: FormType = "full") -> list[str]:
    """The ＜選択肢＞ of a choice item exactly as printed in `form`, e.g. ['1） 十分である', …]."""
    node = node_at(path)
    if node is None or node.get("x-layout") != "choice":
        return []
    printed = node.get("x-printed", {}).get(form)
    values = printed if printed else [v for v in node.get("enum", []) if v is not None]
    parens = node.get("x-paren", {})
    paren = parens.get(form) or parens.get("full") or "）"
    override = node.get("x-paren-override", {})
    return [f"{i}{override.get(v, paren)} {v}" for i, v in enumerate(values, start=1)]


def choices(path: Path) -> list[str]:
    """The allowed values of a choice item (option texts without numbers)."""
    node = node_at(path)
    return [v for v in (node or {}).get("enum", []) if v is not None]


def check_options(path: Path) -> list[str]:
    """The option texts of a checkbox list, in printed order."""
    node = node_at(path)
    return list((node or {}).get("properties", {}).keys())
