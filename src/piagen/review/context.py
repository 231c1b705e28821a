"""What every review check reads: the model (with its file marks), the previous version and today."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from piagen.findings import Finding, Perspective, Severity
from piagen.model import form
from piagen.model.source import Document, json_path

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Context:
    """What the checks look at: the model, the previous version (if any) and today's date."""

    doc: Document
    previous: dict[str, Any] | None
    today: dt.date | None

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data  # type: ignore[no-any-return]

    def label(self, path: Path) -> str:
        return form.label_in(self.data, path, style="table")

    def finding(
        self,
        rule: str,
        severity: Severity,
        perspective: Perspective,
        path: Path,
        message: str,
        text: Any = "",
    ) -> Finding:
        """A finding of `rule` about the item at `path` (its official label and file:line:column)."""
        shown = text if isinstance(text, str) else ""
        mark = self.doc.mark(path)
        return Finding(
            rule,
            severity,
            message,
            json_path(path) if path else "",
            self.label(path) if path else "",
            mark.file,
            mark.line,
            mark.column,
            perspective,
            shown[:200],
        )


Check = Callable[[Context], Iterator[Finding]]

_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def path_of(shown: str) -> Path:
    """A JSON path as validation prints it (`$.files[0].name`) back as a path."""
    return tuple(int(i) if i else str(k) for k, i in _STEP.findall(shown.removeprefix("$")))


# Items whose text is not a printed item of the form: the records, the 変更箇所 history and the
# 基礎項目評価書's own statements.
UNPRINTED = {(key,) for key in form.records()} | {("changes",), ("basic",)}


def leaves(value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from leaves(child, (*path, i))
    else:
        yield path, value
