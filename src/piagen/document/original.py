"""How a published copy departs from the form (`original:` in the model), applied to the printed
document: parts the original does not print are left out, and recorded deviations (an option list
printed otherwise, a heading worded off the form) are printed as the original has them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from piagen.document.layout import Block, Cell, Row
from piagen.model.fields import entries, get, sequence
from piagen.model.source import json_path


def absent_paths(data: Any) -> tuple[str, ...]:
    """The JSON paths (`$.procedure.public_comment`) the original does not print."""
    return tuple(_json(str(p)) for p in sequence(get(data, "original", "absent")) if isinstance(p, str))


def deviations(data: Any) -> dict[str, dict[str, Any]]:
    """Recorded deviations by JSON path."""
    return {_json(str(d.get("path", ""))): d for _, d in entries(data, "original", "deviations")}


def _json(dotted: str) -> str:
    steps = tuple(int(s) if s.isdigit() else s for s in dotted.split(".") if s)
    return json_path(steps)


def stamp(data: Any, official: str) -> str:
    """The 様式 stamp to print: none when the published copy carries none (`form.stamp: false`)."""
    return "" if get(data, "form", "stamp") is False else official


def within(path: str, prefix: str) -> bool:
    """True when the JSON path `path` is `prefix` or lies under it."""
    return path == prefix or (path.startswith(prefix) and path[len(prefix)] in ".[")


def as_printed(blocks: list[Block], data: Any) -> list[Block]:
    """The blocks as the original printed them (unchanged when the model records nothing)."""
    absent, deviated = absent_paths(data), deviations(data)
    if not absent and not deviated:
        return blocks
    out = []
    for block in blocks:
        rows = tuple(_row(r, deviated) for r in block.rows if not any(within(r.path, a) for a in absent))
        if block.rows and not rows:
            continue  # a whole section the original leaves out
        out.append(replace(block, rows=rows))
    return out


def _row(row: Row, deviated: dict[str, dict[str, Any]]) -> Row:
    found = deviated.get(row.path)
    if found is None:
        return row
    heading = found.get("heading")
    if isinstance(heading, str) and heading:
        row = replace(row, label=heading)
    options = found.get("options")
    if isinstance(options, list) and row.cell is not None:
        row = replace(row, cell=_options(row.cell, [str(o) for o in options]))
    return row


def _options(cell: Cell, printed: list[str]) -> Cell:
    return replace(cell, options=tuple(printed))
