"""The exception hierarchy (every error piagen reports to a user)."""

from __future__ import annotations

from piagen.findings import Finding


class PiagenError(Exception):
    """Base of every error piagen reports to a user (never shown as a traceback)."""

    exit_code = 1


class UsageError(PiagenError):
    """The command line itself is wrong (exit 2)."""

    exit_code = 2


class ModelError(PiagenError):
    """A model cannot be loaded or is invalid; carries every problem found."""

    def __init__(self, problems: list[Finding]) -> None:
        self.problems = sorted(problems, key=Finding.sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))


class RenderError(PiagenError):
    """Rendering failed for a reason the user can fix (missing font, bad image …)."""
