"""The one finding type that loading, `piagen validate` and `piagen review` report, and the shape of
their rule registries (rule ids, what each rule checks, the checks that report them).

Rule ids are stable: a rule that goes away leaves its id unused, a new rule takes a new id. Validate
ids are `V-` slugs (`V-entrust-count`); review ids are the codes of the review checklist
(review-practice.md §2.5: `A7`, `D6`, …; `R…` content questions, `T…` deadlines). docs/checks.md lists
them all and is generated from the registries (tests/checks/test_registry_docs.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

Severity = Literal["error", "warning", "question"]
Perspective = Literal["適合性", "妥当性"]
PERSPECTIVES: tuple[Perspective, ...] = ("適合性", "妥当性")

# What a validate rule yields: the place in the model (keys and list indexes), severity, message; the
# runner adds the rule id, the official label and file:line:column.
Located = tuple[tuple[str | int, ...], Severity, str]


@dataclass(frozen=True)
class Finding:
    """One point about a model: the rule that found it, how serious, where (official label, JSON path,
    file:line:column when known), the review perspective it belongs to, and the text concerned."""

    rule: str
    severity: Severity
    message: str
    path: str = ""
    label: str = ""
    file: str = ""
    line: int = 0
    column: int = 0
    perspective: Perspective | None = None
    text: str = ""

    def format(self) -> str:
        """Render as `file:line:col: label (path): message` (the one text format users see)."""
        where = f"{self.file}:{self.line}:{self.column}"
        label = f"{self.label} ({self.path})" if self.label else f"({self.path})"
        prefix = "" if self.severity == "error" else "警告: "
        return f"{where}: {label}: {prefix}{self.message}"

    def as_json(self) -> dict[str, str | int]:
        """The finding as `piagen validate --format json` prints it."""
        return {
            "rule": self.rule,
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


@dataclass(frozen=True)
class Rule:
    """A rule id and what it checks (one line, for docs/checks.md); `ref` names the checklist item
    (review-practice.md §2.5) it comes from."""

    id: str
    summary: str
    ref: str = ""
    perspective: Perspective | None = None


C = TypeVar("C", bound=Callable[..., Iterator[object]])


@dataclass(frozen=True)
class Check(Generic[C]):
    """A check function and the ids of the rules it reports (most report one)."""

    run: C
    rules: tuple[str, ...]


class Registry(Generic[C]):
    """The rules of one command in one place: every rule id with what it checks, and the checks that
    report them, in the order they run. Rules reported by another stage (the schema, the loader)
    are listed without a check."""

    def __init__(self, name: str, rules: Sequence[Rule], checks: Iterable[Check[C]]) -> None:
        self.name = name
        self.rules = {r.id: r for r in rules}
        self.checks = tuple(checks)
        if len(self.rules) != len(rules):
            raise ValueError(f"{name}: duplicate rule id")
        unknown = {i for c in self.checks for i in c.rules} - set(self.rules)
        if unknown:
            raise ValueError(f"{name}: checks report unregistered rules {sorted(unknown)}")

    def __iter__(self) -> Iterator[Check[C]]:
        return iter(self.checks)

    def rule(self, rule_id: str) -> Rule:
        return self.rules[rule_id]
