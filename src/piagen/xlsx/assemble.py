"""The model assembled from the values read: lists from numbered entries, keys in the schema's
order, ids for entries that have none, and the 基礎項目評価書's derived rows left out."""

from __future__ import annotations

import copy
from typing import Any

from piagen.document import pages
from piagen.document.layout import text_of
from piagen.model import form
from piagen.model.source import json_path

Path = tuple[str | int, ...]
ID_STEMS = {"systems": "system", "files": "file", "annex_flow": "page", "attachments": "attachment"}


def set_at(tree: dict[Any, Any], path: Path, value: Any) -> None:
    for step in path[:-1]:
        tree = tree.setdefault(step, {})
    tree[path[-1]] = value


def finish(node: dict[Any, Any], path: Path) -> Any:
    """Int-keyed mappings become lists; keys follow the schema's order; empty mappings go."""
    if node and all(isinstance(k, int) for k in node):
        return [
            finish(node[k], (*path, i)) if isinstance(node[k], dict) else node[k]
            for i, k in enumerate(sorted(node))
        ]
    order = list((form.node_at(path) or {}).get("properties", {}))
    out: dict[str, Any] = {}
    for key in sorted(node, key=lambda k: order.index(k) if k in order else len(order)):
        value = finish(node[key], (*path, key)) if isinstance(node[key], dict) else node[key]
        if value != {}:
            out[key] = value
    return out


def add_ids(node: Any, path: Path) -> list[str]:
    """Give each list entry that needs an id and has none one like `system-2`; the ids given."""
    given: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            given += add_ids(value, (*path, key))
    elif isinstance(node, list):
        needs = "id" in (form.node_at((*path, 0)) or {}).get("properties", {})
        taken = {e.get("id") for e in node if isinstance(e, dict)}
        stem = ID_STEMS.get(str(path[-1]), str(path[-1]).removesuffix("s"))
        for i, entry in enumerate(node):
            if needs and isinstance(entry, dict) and "id" not in entry:
                new, n = f"{stem}-{i + 1}", 1
                while new in taken:
                    new, n = f"{stem}-{i + 1}-{n + 1}", n + 1
                taken.add(new)
                node[i] = {"id": new, **entry}
                given.append(new)
            given += add_ids(node[i], (*path, i))
    return given


def drop_derived(data: dict[str, Any]) -> None:
    """A 基礎項目評価書 prints `basic.*` as stated or as derived from the rest: keep only what differs."""
    basic = data.get("basic")
    if not isinstance(basic, dict):
        return
    trial = copy.deepcopy(data)
    trial["basic"] = {k: v for k, v in basic.items() if k == "changes"}
    doc = pages.build(trial, "basic")
    shown = {row.path: row.cell for row in (*doc.cover, *(r for b in doc.blocks for r in b.rows)) if row.cell}
    for path, value in leaves(basic, ("basic",)):
        cell = shown.get(json_path(path))
        if cell is not None and (
            cell.checks[0].checked == bool(value) if cell.checks else cell.text == text_of(value)
        ):
            remove(data, path)


def leaves(node: dict[str, Any], path: Path) -> list[tuple[Path, Any]]:
    out: list[tuple[Path, Any]] = []
    for key, value in node.items():
        if isinstance(value, dict):
            out += leaves(value, (*path, key))
        elif key != "changes":
            out.append(((*path, key), value))
    return out


def remove(data: dict[str, Any], path: Path) -> None:
    """Delete `path`, and the mappings that leaves empty."""
    for depth in range(len(path), 0, -1):
        parent: Any = data
        for step in path[: depth - 1]:
            parent = parent[step]
        if depth == len(path) or parent[path[depth - 1]] == {}:
            del parent[path[depth - 1]]
