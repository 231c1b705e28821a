"""Appending rows to a model's cumulative 変更箇所 table in its YAML text, leaving the rest untouched."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from piagen.errors import PiagenError, UsageError
from piagen.model import source


@dataclass(frozen=True)
class Target:
    """Where the `changes` list is written: in this file, or in the file it includes."""

    include: str | None


def _top_changes(text: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return None, None
    if isinstance(root, yaml.SequenceNode):
        return None, root
    if not isinstance(root, yaml.MappingNode):
        raise PiagenError("モデルの先頭がキーと値の組になっていません。")
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "changes":
            return key, value
    return None, None


def target(text: str) -> Target:
    """Whether the model's `changes` value is an `!include` (then rows go into that file)."""
    _, value = _top_changes(text)
    if isinstance(value, yaml.ScalarNode) and value.tag == "!include":
        return Target(str(value.value))
    return Target(None)


def _block(rows: list[dict[str, Any]], indent: int) -> str:
    dumped = source.dump(rows)
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in dumped.splitlines(True))


def append(text: str, rows: list[dict[str, Any]]) -> str:
    """`text` with `rows` appended to its top-level `changes:` list (or to a file that is only a list)."""
    if not rows:
        return text
    key, value = _top_changes(text)
    lines = text.splitlines(True)
    if value is None:  # no table yet
        sep = "" if text.endswith("\n") or not text else "\n"
        return text + sep + "changes:\n" + _block(rows, 2)
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        indent = value.value[0].start_mark.column - 2 if key is not None else 0
        end = _end_line(lines, value)
        return "".join(lines[:end]) + _block(rows, max(indent, 0)) + "".join(lines[end:])
    if isinstance(value, yaml.SequenceNode) or (isinstance(value, yaml.ScalarNode) and value.value == ""):
        line = value.start_mark.line
        head = lines[line][: value.start_mark.column].rstrip() if key is not None else ""
        rest = lines[line][value.end_mark.column :] if value.end_mark.line == line else "\n"
        replaced = (head + "\n" if head else "") + _block(rows, 2 if key is not None else 0)
        return (
            "".join(lines[:line])
            + replaced
            + ("" if rest.strip() == "" else rest)
            + "".join(lines[value.end_mark.line + 1 :])
        )
    raise PiagenError("changes の形が読めないため追記できません（changes はリストにしてください）。")


def _end_line(lines: list[str], value: yaml.SequenceNode) -> int:
    """The line after the last line that belongs to the sequence (trailing blank lines/comments excluded)."""
    end = value.end_mark.line if value.end_mark.column == 0 else value.end_mark.line + 1
    while end > value.start_mark.line and not lines[end - 1].strip():
        end -= 1
    return end


def appended(path: Path, changes: Sequence[Any]) -> tuple[Path, bytes, int]:
    """The file that receives NEW's rows (NEW, or the file its `changes` includes), its new bytes and
    how many rows were appended. `changes` are the rows of a comparison (`compare.Change`)."""
    from piagen.diff.compare import dotted

    if not path.is_file():
        raise UsageError("--write は NEW がファイルのときだけ使えます。")
    text = source.read_text(path, str(path))
    where = target(text)
    file = (path.parent / where.include) if where.include else path
    body = source.read_text(file, str(file)) if where.include else text
    rows = [{**c.as_row(), "path": dotted(c.path)} for c in changes]
    rows = [{k: v for k, v in r.items() if v not in (None, "")} for r in rows]
    present = {_identity(r) for r in existing(body)}
    rows = [r for r in rows if _identity(r) not in present]  # a second --write appends nothing
    return file, append(body, rows).encode("utf-8"), len(rows)


def existing(text: str) -> list[dict[str, Any]]:
    """The rows already in the text's `changes` list (or in a file that is only that list)."""
    _, value = _top_changes(text)
    if not isinstance(value, yaml.SequenceNode):
        return []
    rows = yaml.SafeLoader("").construct_document(value)
    return [r for r in rows if isinstance(r, dict)]


def _identity(row: dict[str, Any]) -> tuple[str, ...]:
    """What makes two rows the same change: the item, its place and both texts."""
    return tuple(str(row.get(k, "")) for k in ("path", "item", "before", "after"))
