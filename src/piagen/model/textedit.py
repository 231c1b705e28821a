"""Edits of a model's YAML *text* that keep everything else as written (comments, quoting, order,
`!include`s): replacing words inside values, writing the top-level `revision:` block, and appending
rows to the cumulative 変更箇所 table (`changes:`, or a file that is only that list)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from piagen.errors import PiagenError
from piagen.model import source

# Top-level keys of a model whose values are records, not content: a bulk replacement leaves them
# as they are (an old 変更箇所 row keeps the old name it recorded).
RECORDS = ("changes", "revision")


@dataclass(frozen=True)
class Unreplaceable:
    """A value containing the old words in a way the text cannot be edited safely (1-based line)."""

    line: int
    column: int


@dataclass(frozen=True)
class Edited:
    """A file's new text, how many values changed, and the values that could not be edited."""

    text: str
    values: int
    refused: tuple[Unreplaceable, ...]


def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _values(node: yaml.Node, top: bool) -> Iterator[yaml.ScalarNode]:
    """Every scalar value under `node` (mapping keys and `!include` names excluded; at the top of a
    model file, the record keys `changes` and `revision` are skipped)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag != "!include":
            yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _values(child, False)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if top and isinstance(key, yaml.ScalarNode) and key.value in RECORDS:
                continue
            yield from _values(value, False)


def replace_words(text: str, pairs: list[tuple[str, str]], model: bool) -> Edited:
    """`text` with every OLD of `pairs` replaced by NEW inside values (`model`: the file is a model,
    whose records are left alone). A value whose written form does not contain the words as they read
    (folded over lines, escaped) is refused rather than guessed."""
    root = _compose(text)
    if root is None:
        return Edited(text, 0, ())
    edits: list[tuple[int, int, str]] = []
    refused: list[Unreplaceable] = []
    for node in _values(root, model):
        if not any(old in node.value for old, _ in pairs):
            continue
        start, end = node.start_mark.index, node.end_mark.index
        written = text[start:end]
        for old, new in pairs:
            if node.value.count(old) != written.count(old):
                refused.append(Unreplaceable(node.start_mark.line + 1, node.start_mark.column + 1))
                break
            written = written.replace(old, new)
        else:
            edits.append((start, end, written))
    for start, end, written in sorted(edits, reverse=True):
        text = text[:start] + written + text[end:]
    return Edited(text, len(edits), tuple(refused))


def changes_include(text: str) -> str | None:
    """The file the model's `changes:` includes (relative to the model), None when written in place."""
    root = _compose(text)
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            named = isinstance(key, yaml.ScalarNode) and key.value == "changes"
            if named and isinstance(value, yaml.ScalarNode) and value.tag == "!include":
                return str(value.value)
    return None


def _top_key(root: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key, value
    return None


def set_revision(text: str, revision: dict[str, Any]) -> str:
    """`text` with its top-level `revision:` replaced by `revision` (inserted before `changes:`, or
    at the end, when there is none). Only those lines change."""
    root = _compose(text)
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("a model is a mapping")
    block = source.dump({"revision": revision})
    lines = text.splitlines(True)
    found = _top_key(root, "revision")
    if found is not None:
        key, value = found
        first = key.start_mark.line
        last = value.end_mark.line if value.end_mark.column == 0 else value.end_mark.line + 1
        while last > first + 1 and not lines[last - 1].strip():
            last -= 1
        return "".join(lines[:first]) + block + "".join(lines[last:])
    changes = _top_key(root, "changes")
    if changes is not None:
        at = changes[0].start_mark.line
        return "".join(lines[:at]) + block + "".join(lines[at:])
    sep = "" if text.endswith("\n") or not text else "\n"
    return text + sep + block


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


def existing(text: str) -> list[dict[str, Any]]:
    """The rows already in the text's `changes` list (or in a file that is only that list)."""
    _, value = _top_changes(text)
    if not isinstance(value, yaml.SequenceNode):
        return []
    rows = yaml.SafeLoader("").construct_document(value)
    return [r for r in rows if isinstance(r, dict)]
