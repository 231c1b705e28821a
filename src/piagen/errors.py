"""The exception hierarchy and the `Problem` value every check reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding about a model, located at file:line:column and named by its official label."""

    file: str
    line: int
    column: int
    path: str
    label: str
    severity: Severity
    message: str

    def format(self) -> str:
        """Render as `file:line:col: label (path): message` (the one text format users see)."""
        where = f"{self.file}:{self.line}:{self.column}"
        label = f"{self.label} ({self.path})" if self.label else f"({self.path})"
        prefix = "" if self.severity == "error" else "警告: "
        return f"{where}: {label}: {prefix}{self.message}"

    def as_json(self) -> dict[str, str | int]:
        """The problem as `--format json` prints it."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "label": self.label,
            "severity": self.severity,
            "message": self.message,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.message)


class PiagenError(Exception):
    """Base of every error piagen reports to a user (never shown as a traceback)."""

    exit_code = 1


class UsageError(PiagenError):
    """The command line itself is wrong (exit 2)."""

    exit_code = 2


class ModelError(PiagenError):
    """A model cannot be loaded or is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))


class RenderError(PiagenError):
    """Rendering failed for a reason the user can fix (missing font, bad image …)."""
