"""The schema for editors (`piagen schema`, read by yaml-language-server): the form definition with
every property's official label as `title`, guidance as `description` and `markdownDescription`
(shown by completion and hover), a `pattern` for the 和暦 dates piagen reads, and `!include` accepted
wherever a list or mapping may be included (the language server reads an included file's name as
a plain string)."""

from __future__ import annotations

import copy
import json
from typing import Any

from piagen.model import form

# A date as model/dates.py reads it, before NFKC: era and year (元 or digits, full-width too),
# optional month and day, or a Western year with month; then （予定）, 予定 or 時点.
_D = "[0-9０-９]"
_S = "[\\s　]*"
DATE_PATTERN = (
    f"^{_S}(?:(?:令和|平成|昭和|大正|明治){_S}(?:元|{_D}{{1,2}}){_S}年"
    f"(?:{_S}{_D}{{1,2}}{_S}月(?:{_S}{_D}{{1,2}}{_S}日)?)?"
    f"|(?:19|20|１９|２０){_D}{{2}}{_S}(?:年|[-/.－／．]){_S}{_D}{{1,2}}{_S}(?:月|[-/.－／．])?"
    f"(?:{_S}{_D}{{1,2}}{_S}日?)?)"
    f"{_S}(?:[(（]予定[)）]|予定|時点)?{_S}$"
)
DATE_MESSAGE = "和暦の日付で書いてください（例：令和7年1月20日、平成２８年４月、令和4年12月（予定））。"
INCLUDE_PATTERN = "\\.ya?ml$"
INCLUDE_MESSAGE = "一覧や項目の組は、そのまま書くか「!include ファイル名.yaml」で取り込んでください。"
FORM_NAMES = {"full": "全項目評価書", "focused": "重点項目評価書", "basic": "基礎項目評価書"}
LAYOUTS = {
    "text": "自由記述（複数行可。改行を保つには `|` の後に書く）",
    "line": "1行の文字列",
    "date": "和暦の日付（例：令和7年1月20日、平成２８年４月、令和4年12月（予定））",
    "count": "件数（0以上の整数）",
    "flag": "チェック（true／false）",
}


def editor_schema() -> dict[str, Any]:
    """The form definition annotated for editors (the validation schema itself is unchanged)."""
    root = copy.deepcopy(form.schema())
    defs: dict[str, Any] = root["$defs"]
    _visit(root, (), defs, set())
    for node in _nodes(root):
        if node is not root:
            _accept_include(node)
    date = defs["date"]
    date["pattern"] = DATE_PATTERN
    date["patternErrorMessage"] = DATE_MESSAGE
    return root


def schema_json() -> str:
    """The editor schema as JSON text."""
    return json.dumps(editor_schema(), ensure_ascii=False, indent=2) + "\n"


def _holder(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The node that holds `node`'s properties or items (through its $ref chain)."""
    for _ in range(10):
        if "properties" in node or "items" in node or "$ref" not in node:
            break
        node = defs[str(node["$ref"]).rsplit("/", 1)[-1]]
    return node


def _visit(node: dict[str, Any], path: form.Path, defs: dict[str, Any], done: set[int]) -> None:
    if path and not isinstance(path[-1], int) and id(node) not in done:
        done.add(id(node))
        _annotate(node, path)
    if len(path) > 16:
        return
    holder = _holder(node, defs)
    for key, child in holder.get("properties", {}).items():
        if isinstance(child, dict):
            _visit(child, (*path, key), defs, done)
    items = holder.get("items")
    if isinstance(items, dict):
        _visit(items, (*path, 0), defs, done)


def _annotate(node: dict[str, Any], path: form.Path) -> None:
    """title, description and markdownDescription of the property at `path`."""
    resolved = form.node_at(path) or {}
    label = form.title(path) or str(resolved.get("title") or path[-1])
    notes = _guidance(path, resolved, label)
    node["title"] = label
    node["description"] = "\n".join([label, *notes])
    node["markdownDescription"] = "\n\n".join([f"**{label}**", *notes])


def _guidance(path: form.Path, resolved: dict[str, Any], label: str) -> list[str]:
    notes: list[str] = []
    names = {path[: i + 1]: "" for i, step in enumerate(path) if isinstance(step, int)}
    where = form.item_label(path, "full", names=names)
    if where and where != label:
        notes.append(f"様式上の位置: {where}")
    own = resolved.get("description")
    if own:
        notes.append(str(own))
    kind = _kind(path, resolved)
    if kind and kind not in str(own):
        notes.append(kind)
    if form.is_starred(path):
        notes.append("※ 重要な変更の対象となる項目です。")
    printed = form.forms_of(path)
    notes.append(
        "印字する様式: " + "・".join(FORM_NAMES[f] for f in printed)
        if printed
        else "評価書には印字しません。"
    )
    return notes


def _kind(path: form.Path, resolved: dict[str, Any]) -> str:
    layout = resolved.get("x-layout")
    if layout == "choice":
        return "＜選択肢＞から1つ（番号を除いた文字を書く）: " + " ／ ".join(form.options(path))
    if layout == "checks":
        return "該当するものに true（（　）内に書く文字があればその文字）: " + "、".join(
            form.check_options(path)
        )
    types = resolved.get("type")
    if types == "array" or (isinstance(types, list) and "array" in types):
        return "一覧（各項目に id を付ける）。`!include ファイル名.yaml` で別ファイルから取り込めます。"
    return LAYOUTS.get(str(layout), "")


def _nodes(node: Any) -> list[dict[str, Any]]:
    """Every schema node (mappings) below and including `node`."""
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            found.append(current)
            stack.extend(v for k, v in current.items() if not str(k).startswith("x-"))
        elif isinstance(current, list):
            stack.extend(current)
    return found


def _accept_include(node: dict[str, Any]) -> None:
    """A list or mapping may be written as `!include file.yaml`, which the editor sees as a string."""
    types = node.get("type")
    listed = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    if "string" in listed or not ({"array", "object"} & set(listed)):
        return
    node["type"] = [*listed, "string"]
    node.setdefault("pattern", INCLUDE_PATTERN)
    node.setdefault("patternErrorMessage", INCLUDE_MESSAGE)
