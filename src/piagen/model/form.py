"""The official form definition (schema/model.schema.yaml): item lookup, labels, ※ marks, options."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from piagen import resources
from piagen.model import source

FormType = Literal["full", "focused", "basic"]
FORMS: tuple[FormType, ...] = ("full", "focused", "basic")


def records() -> tuple[str, ...]:
    """Top-level keys kept with the model but printed by no form (`x-forms: []` in the schema): the
    公表しない部分, the revision's causes, the 諮問書 settings."""
    props = schema()["properties"]
    return tuple(k for k, node in props.items() if resolve(node).get("x-forms") == [])


def unprinted_roots() -> tuple[str, ...]:
    """Top-level keys no form prints: the model's own header (piagen, form) and the records."""
    props = schema()["properties"]
    return tuple(k for k, node in props.items() if resolve(node).get("x-forms", []) == [])


def form_type(data: Any) -> FormType:
    """The model's declared form type (full when unreadable)."""
    declared = (
        data.get("form", {}).get("type")
        if isinstance(data, dict) and isinstance(data.get("form"), dict)
        else None
    )
    return declared if declared in FORMS else "full"


def label_in(data: Any, path: tuple[str | int, ...], style: Style | None = None) -> str:
    """The official label of `path` as the model's own form prints it; the 基礎項目評価書 items of a
    full or focused model (`basic`, `threshold`) are prefixed with that form's name. `style="table"`
    names every section as 変更箇所 tables do (「Ⅵ ３．第三者点検 ①実施日」)."""
    if not path:
        return ""
    kind = form_type(data)
    basic = path[0] in ("basic", "threshold") and kind != "basic"
    text = item_label(path, "basic" if basic else kind, style=style, numbers=entry_numbers(data))
    return f"基礎項目評価書 {text}" if basic else text


def _facts() -> dict[str, Any]:
    """The forms' own facts (schema/forms.yaml): names, headings, stamps, 項目一覧, bands."""
    data: dict[str, Any] = source.load_trusted(resources.data_dir("schema") / "forms.yaml")
    return data


_FACTS = _facts()
_FORMS: dict[str, dict[str, Any]] = _FACTS["forms"]
FORM_NAMES: dict[str, str] = {kind: str(f["name"]) for kind, f in _FORMS.items()}
# The heading printed on the cover and in the running title: 特定個人情報保護評価書（…）.
TITLES: dict[str, str] = {kind: str(f["heading"]) for kind, f in _FORMS.items()}
STAMPS: dict[tuple[str, str], str] = {
    (kind, str(version)): str(stamp) for kind, f in _FORMS.items() for version, stamp in f["stamps"].items()
}
DEFAULT_VERSION: dict[str, str] = {kind: str(f["default_version"]) for kind, f in _FORMS.items()}
# The 項目一覧 (table of contents) of each form, in section order.
TOC: dict[str, tuple[str, ...]] = {kind: tuple(f["toc"]) for kind, f in _FORMS.items() if f["toc"]}
Band = tuple[int, int | None]  # lower bound, upper bound exclusive (None: none)
# 対象人数 (しきい値判断), ②対象となる本人の数 (files, 委託事項), 使用者数 and 取扱者数.
BANDS: dict[str, dict[str, Band]] = {
    name: {band: (int(low), None if high is None else int(high)) for band, (low, high) in bands.items()}
    for name, bands in _FACTS["bands"].items()
}
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


def _group_name(path: Path, form: FormType, numbers: dict[Path, int] | None = None) -> str | None:
    """For a list entry, the form's name of that repetition (システム2, 委託事項3, （２） …): the number
    the document prints (`number:`) or else its position."""
    parent = node_at(path[:-1])
    group = parent.get("x-group") if parent else None
    index = path[-1]
    if not isinstance(index, int) or not group:
        return None
    n = (numbers or {}).get(path, index + 1)
    if group == "行目":
        return f"{n}行目"
    if group == "ファイル":
        return f"（{str(n).translate(_FULLWIDTH)}）"
    return f"{group}{n}"


def entry_numbers(data: Any, path: Path = ()) -> dict[Path, int]:
    """The printed numbers of list entries that state one (`number: 6` after a removed システム5)."""
    out: dict[Path, int] = {}
    if isinstance(data, dict):
        for key, child in data.items():
            out.update(entry_numbers(child, (*path, key)))
    elif isinstance(data, list):
        for i, child in enumerate(data):
            number = child.get("number") if isinstance(child, dict) else None
            if isinstance(number, int) and not isinstance(number, bool) and path[-1:] != ("cover",):
                out[(*path, i)] = number
            out.update(entry_numbers(child, (*path, i)))
    return out


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


Style = Literal["short", "long", "table"]


def item_label(
    path: Path,
    form: FormType = "full",
    long: bool = False,
    names: dict[Path, str] | None = None,
    style: Style | None = None,
    with_star: bool = True,
    numbers: dict[Path, int] | None = None,
) -> str:
    """Where an item sits in the form: short 「Ⅱ ３．①入手元」, long with every section title, or
    table (as 変更箇所 tables write it) 「Ⅱ ３．特定個人情報の入手・使用 ①入手元」.

    `names` gives an entry's own name (a file's name, a 提供先 …) to print after its number;
    an empty name omits the entry marker (e.g. the only file of a document); `numbers` the printed
    number of entries that state one (`entry_numbers`).
    """
    style = style or ("long" if long else "short")
    parts: list[str] = []
    for depth in range(1, len(path) + 1):
        prefix = path[:depth]
        if isinstance(prefix[-1], int):
            parts.append(_entry_part(prefix, form, names, numbers))
            continue
        node = node_at(prefix)
        text = title(prefix, form)
        # A list titled like its entries (委託事項 › 委託事項1) is named by the entry alone.
        if node is None or (
            node.get("type") == "array" and depth < len(path) and text == node.get("x-group")
        ):
            continue
        last = depth == len(path)
        if node.get("x-within"):  # printed under other headings than the model's (様式2 Ⅰ１．②)
            parts = [_part(str(heading), False, style) for heading in node["x-within"]]
        if node.get("x-heading") is False and not last:
            continue
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


def _entry_part(
    prefix: Path, form: FormType, names: dict[Path, str] | None, numbers: dict[Path, int] | None
) -> str:
    name = _group_name(prefix, form, numbers) or ""
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


@dataclass(frozen=True)
class Condition:
    """`path` (relative to the object holding the item, `up` levels higher, or from the root with "$.")
    has value `value` (any ticked/true value when `value` is None)."""

    path: tuple[str, ...]
    absolute: bool
    value: Any = None
    up: int = 0


@dataclass(frozen=True)
class Requirement:
    """An item's x-required: never, or in `forms` when every `when` holds and no `unless` does."""

    never: bool = False
    forms: tuple[FormType, ...] = FORMS
    when: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()


def requirement(node: dict[str, Any]) -> Requirement | None:
    """The node's own x-required annotation (None when it has none: the parent's applies)."""
    raw = node.get("x-required")
    if raw is None:
        return None
    if raw is True or raw is False:
        return Requirement(never=not raw)
    return Requirement(
        forms=tuple(raw.get("forms", FORMS)),
        when=(_condition(raw["when"]),) if "when" in raw else (),
        unless=(_condition(raw["unless"]),) if "unless" in raw else (),
    )


def _condition(raw: dict[str, Any]) -> Condition:
    text = str(raw["path"])
    absolute = text.startswith("$.")
    steps = tuple((text[2:] if absolute else text).split("."))
    return Condition(steps, absolute, raw.get("is"), int(raw.get("up", 0)))


def printed_choices(path: Path, form: FormType = "full") -> list[str]:
    """The option texts `form` prints for a choice item, without numbers (x-printed, else the enum)."""
    node = node_at(path)
    if node is None:
        return []
    printed = node.get("x-printed", {}).get(form)
    return list(printed) if printed else choices(path)


def as_printed(value: str, printed: list[str] | tuple[str, ...]) -> str:
    """The printed option standing for a model value: itself, or it with the form's own note
    (「1,000人未満」 is 「1,000人未満（任意実施）」 in 様式2); the value unchanged when none fits."""
    if value in printed:
        return value
    return next((p for p in printed if p.startswith(value + "（")), value)


def as_value(text: str, path: Path) -> str:
    """The model value of a printed option (the inverse of `as_printed`); the text unchanged otherwise."""
    allowed = choices(path)
    if text in allowed:
        return text
    fits = [v for v in allowed if text.startswith(v + "（")]
    return max(fits, key=len) if fits else text
