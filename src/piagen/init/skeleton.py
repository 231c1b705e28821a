"""The skeleton of a model: every item of a form as a key, with the official label and number, the
＜選択肢＞ and a one-line guidance as YAML comments. Walked from the form definition alone, so an item
added to the schema appears without new code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from piagen.errors import UsageError
from piagen.model import form

Path = tuple[str | int, ...]

# Keys never printed in any form (x-forms: []) are piagen's own bookkeeping: left out of the skeleton.
_ALWAYS = ("piagen", "form")
# The 基礎項目評価書 items of a full or focused model are derived from the other items; the
# threshold items (Ⅰ１．③対象人数 and しきい値判断) are needed by every form.
_EVERY_FORM = ("threshold",)


# The first sentence of a description (a 。 inside 「」 does not end it).
_GUIDANCE = re.compile(r"^((?:「[^」]*」|[^。「])*。?)")


@dataclass(frozen=True)
class _Writer:
    kind: form.FormType
    lines: list[str]

    def add(self, depth: int, text: str) -> None:
        self.lines.append("  " * depth + text)


def skeleton(kind: str, version: str | None = None) -> str:
    """YAML text of a blank model of `kind` (full, focused, basic) in the given form version."""
    if kind not in form.FORMS:
        raise UsageError(f"--form は full・focused・basic のいずれかです（指定: {kind}）。")
    kind_t: form.FormType = kind
    versions = [v for (k, v) in form.STAMPS if k == kind]
    chosen = version or form.DEFAULT_VERSION[kind]
    if chosen not in versions:
        raise UsageError(
            f"{form.FORM_NAMES[kind]}の様式の版は {'・'.join(versions)} のいずれかです（指定: {chosen}）。"
        )
    out = _Writer(kind_t, [])
    out.lines.extend(
        [
            f"# {form.FORM_NAMES[kind]} {form.STAMPS[(kind_t, chosen)]} の雛形（piagen init）。",
            "# 各項目の右のコメントは様式の項目名と記載の手引きです。空欄の項目は piagen validate が一覧にします。",
            "piagen: 1",
            f"form: {{type: {kind}, version: {chosen}}}",
        ]
    )
    root = form.resolve(form.schema())
    for key, node in root.get("properties", {}).items():
        if key in _ALWAYS or not _printed((key,), kind_t):
            continue
        _item(out, (key,), form.resolve(node), 0)
    return "\n".join(out.lines) + "\n"


def _printed(path: Path, kind: form.FormType) -> bool:
    if path[0] in _EVERY_FORM:
        node = form.node_at(path)
        return node is not None and node.get("x-forms") != []
    if path[0] == "basic" and kind != "basic":
        return False
    return kind in form.forms_of(path) or _printed_below(form.node_at(path), kind)


def _printed_below(node: dict[str, Any] | None, kind: form.FormType) -> bool:
    """Whether an item under the group `node` is printed in `kind` although the group itself is not
    (様式2 Ⅰ　関連情報 prints a few items of the full form's Ⅰ　基本情報 and ７．開示請求). A group
    printed in no form (x-forms: [], piagen's own bookkeeping) stays out."""
    if (node or {}).get("x-forms") == []:
        return False
    for sub in ((node or {}).get("properties") or {}).values():
        sub = form.resolve(sub)
        if kind in (sub.get("x-forms") or ()) or _printed_below(sub, kind):
            return True
    return False


def _item(out: _Writer, path: Path, node: dict[str, Any], depth: int) -> None:
    key = str(path[-1])
    comment = _comment(path, node, out.kind)
    if node.get("type") == "array":
        _array(out, path, node, depth, comment)
    elif "properties" in node and node.get("x-layout") != "checks":
        out.add(depth, f"{key}:{comment}")
        for child, sub in node["properties"].items():
            if _printed((*path, child), out.kind):
                _item(out, (*path, child), form.resolve(sub), depth + 1)
    elif node.get("x-layout") == "checks":
        out.add(depth, f"{key}:{comment}")
        for option in node["properties"]:
            out.add(depth + 1, f"{_key(option)}:   # □ {option}")
    else:
        out.add(depth, f"{key}:{comment}")
        _option_lines(out, path, depth)


def _array(out: _Writer, path: Path, node: dict[str, Any], depth: int, comment: str) -> None:
    key = str(path[-1])
    items = form.resolve(node.get("items", {}))
    group = node.get("x-group")
    if "id" not in items.get("properties", {}) or _conditional(path):
        # Rows that exist only when the document has them (変更箇所, 提供先 when 提供を行っている):
        # an empty list, its fields named in a comment.
        fields = [form.title((*path, 0, k), out.kind) for k in items.get("properties", {}) if k != "id"]
        out.add(depth, f"{key}: []{comment}")
        if fields:
            out.add(depth, f"  # 1件ごとに: {'、'.join(f for f in fields if f)}")
        return
    out.add(depth, f"{key}:{comment}")
    out.add(
        depth + 1,
        f"- id: {_entry_id(key)}   # {group or form.title(path, out.kind)}1（識別子は英数字。版をまたいで変えない）",
    )
    for child, sub in items["properties"].items():
        if child != "id" and _printed((*path, 0, child), out.kind):
            _item(out, (*path, 0, child), form.resolve(sub), depth + 2)


def _conditional(path: Path) -> bool:
    """A list whose entries follow a checkbox of its parent (提供・移転の有無 → 提供先)."""
    parent = form.node_at(path[:-1]) or {}
    status = parent.get("properties", {}).get("status")
    return bool(status) and form.resolve(status).get("x-layout") == "checks"


def _entry_id(key: str) -> str:
    return f"{key.rstrip('s')}1"


def _comment(path: Path, node: dict[str, Any], kind: form.FormType) -> str:
    label = form.item_label(path, kind) if path[0] != "threshold" or kind == "basic" else ""
    if not label:
        label = form.label(path, kind) or str(node.get("title", ""))
    guidance = _GUIDANCE.match(str(node.get("description", "")))
    text = f"{label} — {guidance.group(1)}" if guidance and guidance.group(1) and label else label
    return f"   # {text}" if text else ""


def _option_lines(out: _Writer, path: Path, depth: int) -> None:
    options = form.options(path, out.kind)
    if options:
        out.add(depth, f"  # ＜選択肢＞ {' ／ '.join(options)}（番号を除いた文字を書く）")


def _key(option: str) -> str:
    return f'"{option}"' if option[:1].isdigit() or ":" in option else option
