"""`piagen validate --format sarif`: the problems as a SARIF 2.1.0 log, the format code-scanning
services (GitHub, GitLab, Azure DevOps …) read to annotate the lines of a pull request."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from typing import Any, Protocol
from urllib.parse import quote

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "question": "note"}


class Located(Protocol):
    """What SARIF needs of a finding (piagen.findings.Finding has it)."""

    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class Described(Protocol):
    """A rule of the registry: its id and what it checks."""

    @property
    def id(self) -> str: ...
    @property
    def summary(self) -> str: ...


def log(findings: Sequence[Located], rules: Iterable[Described], version: str, root: Path) -> dict[str, Any]:
    """The SARIF log of one run of piagen; files under `root` (the working folder) are named
    relative to it, as code-scanning services expect."""
    table = [{"id": r.id, "shortDescription": {"text": r.summary}} for r in rules]
    index = {entry["id"]: i for i, entry in enumerate(table)}
    for f in findings:  # a rule the registry does not list still gets an entry
        if f.rule not in index:
            index[f.rule] = len(table)
            table.append({"id": f.rule, "shortDescription": {"text": f.rule}})
    driver = {"name": "piagen", "version": version, "rules": table}
    results = [_result(f, index[f.rule], root) for f in findings]
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _result(f: Located, rule_index: int, root: Path) -> dict[str, Any]:
    text = f"{f.label}: {f.message}" if f.label else f.message
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.file, root)}}
    if f.line > 0:
        physical["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
    location: dict[str, Any] = {"physicalLocation": physical}
    if f.path:
        location["logicalLocations"] = [{"fullyQualifiedName": f.path, "name": f.label or f.path}]
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": text},
        "locations": [location],
    }


def _uri(file: str, root: Path) -> str:
    """A relative URI reference for a file under `root`; a file: URI for any other."""
    path = PurePath(file)
    if not path.is_absolute():
        return quote(path.as_posix())
    try:
        return quote(path.relative_to(root).as_posix())
    except ValueError:
        return Path(path).as_uri()
