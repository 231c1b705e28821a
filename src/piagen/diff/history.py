"""Appending rows to a model's cumulative 変更箇所 table in its YAML text, leaving the rest untouched
(the text edit itself is model.textedit)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from piagen.errors import UsageError
from piagen.model import source, textedit


def appended(path: Path, changes: Sequence[Any]) -> tuple[Path, bytes, int]:
    """The file that receives NEW's rows (NEW, or the file its `changes` includes), its new bytes and
    how many rows were appended. `changes` are the rows of a comparison (`compare.Change`)."""
    from piagen.diff.compare import dotted

    if not path.is_file():
        raise UsageError("--write は NEW がファイルのときだけ使えます。")
    text = source.read_text(path, str(path))
    include = textedit.changes_include(text)
    file = (path.parent / include) if include else path
    body = source.read_text(file, str(file)) if include else text
    rows = [{**c.as_row(), "path": dotted(c.path)} for c in changes]
    rows = [{k: v for k, v in r.items() if v not in (None, "")} for r in rows]
    present = {_identity(r) for r in textedit.existing(body)}
    rows = [r for r in rows if _identity(r) not in present]  # a second --write appends nothing
    return file, textedit.append(body, rows).encode("utf-8"), len(rows)


def _identity(row: dict[str, Any]) -> tuple[str, ...]:
    """What makes two rows the same change: the item, its place and both texts."""
    return tuple(str(row.get(k, "")) for k in ("path", "item", "before", "after"))
