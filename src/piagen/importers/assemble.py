"""Model data from the values read: nested in the schema's order, list entries numbered and given
ids, every required key present; the 基礎項目評価書 of a 事務 joined to its full or focused model."""

from __future__ import annotations

from typing import Any

from piagen.importers.labels import norm
from piagen.importers.reader import Concrete, Parsed
from piagen.model import form

_STEMS = {
    "systems": "system",
    "files": "file",
    "items": "item",
    "recipients": "recipient",
    "transferees": "transferee",
    "annex_flow": "page",
    "attachments": "attachment",
}


def model_of(parsed: Parsed, version: str) -> dict[str, Any]:
    """The model of one document."""
    data: dict[str, Any] = {"piagen": 1, "form": {"type": parsed.kind}}
    if version:
        data["form"]["version"] = version
    data["cover"] = {}
    ordered = sorted(parsed.values.items(), key=lambda kv: (kv[1][1].item.order, _indices(kv[0])))
    for path, (value, _) in ordered:
        _put(data, path, value)
    if parsed.kind != "basic" and not data.get("files"):
        data["files"] = [{}]
    _ids(data, ())
    model: dict[str, Any] = _ordered(data, ())
    return model


def _indices(path: Concrete) -> tuple[int, ...]:
    return tuple(step for step in path if isinstance(step, int))


def _put(tree: dict[str, Any], path: Concrete, value: Any) -> None:
    node: Any = tree
    for step, following in zip(path, path[1:], strict=False):
        if isinstance(step, int):
            while len(node) <= step:
                node.append({})
            node = node[step]
        else:
            node = node.setdefault(step, [] if isinstance(following, int) else {})
    node[path[-1]] = value


def _ids(node: Any, path: Concrete) -> None:
    if isinstance(node, dict):
        for key, sub in node.items():
            _ids(sub, (*path, key))
    elif isinstance(node, list):
        stem = _STEMS.get(str(path[-1]), str(path[-1]).rstrip("s"))
        for n, entry in enumerate(node):
            if isinstance(entry, dict) and _has_id(path):
                entry.setdefault("id", f"{stem}{n + 1}")
            _ids(entry, (*path, n))


def _has_id(path: Concrete) -> bool:
    node = form.node_at((*path, 0))
    return bool(node) and "id" in node.get("properties", {})  # type: ignore[union-attr]


def _ordered(node: Any, path: Concrete) -> Any:
    """Keys in the schema's order (id first), as the form prints them."""
    if isinstance(node, list):
        return [_ordered(e, (*path, n)) for n, e in enumerate(node)]
    if not isinstance(node, dict):
        return node
    schema = form.node_at(path) or {}
    order = list(schema.get("properties", {}))
    rank = {k: n for n, k in enumerate(order)}
    keys = sorted(node, key=lambda k: rank.get(k, len(rank)))
    return {k: _ordered(node[k], (*path, k)) for k in keys}


def cover_of(read: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """The cover: entries recognised by their shape win over what followed the scattered labels."""
    merged = {**read, **found}
    return dict(_ordered(merged, ("cover",)))


def join_basic(models: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each 基礎項目評価書 goes into the full or focused model of the same 事務 (same ①事務の名称):
    its しきい値判断 items, its own items (basic) and its version; unmatched ones stay alone."""
    mains = [m for m in models if m["form"]["type"] != "basic"]
    out = list(mains)
    for model in models:
        if model["form"]["type"] != "basic":
            continue
        name = norm(str(model.get("basic_info", {}).get("task", {}).get("name") or ""))
        match = [
            m
            for m in mains
            if name and norm(str(m.get("basic_info", {}).get("task", {}).get("name") or "")) == name
        ]
        if len(match) != 1:
            out.append(model)
            continue
        _merge_basic(match[0], model)
    return out


def _merge_basic(main: dict[str, Any], basic: dict[str, Any]) -> None:
    if "version" in basic["form"]:
        main["form"]["basic_version"] = basic["form"]["version"]
    if basic.get("threshold"):
        main["threshold"] = basic["threshold"]
    own = dict(basic.get("basic", {}))
    summary = basic.get("basic_info", {}).get("task", {}).get("description")
    if summary and summary != main.get("basic_info", {}).get("task", {}).get("description"):
        own.setdefault("task_summary", summary)
    for key in ("title", "number"):
        value = basic.get("cover", {}).get(key)
        if value is not None:
            own.setdefault(key, value)
    if own:
        main["basic"] = _ordered(own, ("basic",))
    main.update({k: main[k] for k in list(main)})
