"""Reading values out of a model of any shape: a wrong shape reads as absent, never as a crash."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from piagen.model.source import JsonPath

DASHES = {"－", "―", "-", "‐", "—", "ー", "─"}


def get(data: Any, *path: str | int) -> Any:
    """The value at `path`, or None when absent or of the wrong shape."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or step >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[step] if isinstance(step, int) else data.get(step)
    return data


def mapping(value: Any) -> dict[str, Any]:
    """`value` when it is a mapping, else an empty one (models may hold any shape)."""
    return value if isinstance(value, dict) else {}


def sequence(value: Any) -> list[Any]:
    """`value` when it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def blank(value: Any) -> bool:
    """True for an empty answer: missing, empty text or a lone dash."""
    return value is None or (isinstance(value, str) and (not value.strip() or value.strip() in DASHES))


def entries(data: Any, *path: str | int) -> list[tuple[int, dict[str, Any]]]:
    """The dict entries of the list at `path`, with their index."""
    items = get(data, *path)
    return [(i, e) for i, e in enumerate(items) if isinstance(e, dict)] if isinstance(items, list) else []


def files(data: Any) -> list[tuple[int, dict[str, Any]]]:
    return entries(data, "files")


def count_of(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def keyed(value: Any, name: str, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str, dict[str, Any]]]:
    """Every text stored under key `name` anywhere in the model, with its path and its mapping."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == name and isinstance(child, str):
                yield (*path, key), child, value
            else:
                yield from keyed(child, name, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from keyed(child, name, (*path, i))
