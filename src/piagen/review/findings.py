"""What the committee kit reports: a finding, and the context every check reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from piagen.model import form
from piagen.model.source import json_path

Severity = Literal["error", "warning", "question"]


Perspective = Literal["適合性", "妥当性"]


PERSPECTIVES: tuple[Perspective, ...] = ("適合性", "妥当性")


Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One point for the committee: what, where (official label), how serious, and the text concerned."""

    id: str
    severity: Severity
    perspective: Perspective
    item: str
    message: str
    text: str = ""
    path: str = ""

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "severity": self.severity,
            "perspective": self.perspective,
            "item": self.item,
            "message": self.message,
            "text": self.text,
            "path": self.path,
        }


@dataclass(frozen=True)
class Context:
    """What the checks look at: the model, the previous version (if any) and today's date."""

    data: dict[str, Any]
    previous: dict[str, Any] | None
    today: dt.date | None

    def label(self, path: Path) -> str:
        return form.label_in(self.data, path, style="table")

    def finding(
        self, id_: str, severity: Severity, perspective: Perspective, path: Path, message: str, text: Any = ""
    ) -> Finding:
        shown = text if isinstance(text, str) else ""
        return Finding(
            id_,
            severity,
            perspective,
            self.label(path) if path else "",
            message,
            shown[:200],
            json_path(path) if path else "",
        )


Check = Callable[[Context], Iterator[Finding]]

_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def path_of(shown: str) -> Path:
    """A JSON path as validation prints it (`$.files[0].name`) back as a path."""
    return tuple(int(i) if i else str(k) for k, i in _STEP.findall(shown.removeprefix("$")))


UNPRINTED = {("changes",), ("basic",), ("revision",), ("consultation",), ("withheld",)}


def leaves(value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from leaves(child, (*path, i))
    else:
        yield path, value
