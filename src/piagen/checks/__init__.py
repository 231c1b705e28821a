"""`piagen validate`: the schema, the cross-item consistency rules and the completeness of a model."""

from __future__ import annotations

import re

from piagen.checks import completeness, original, rules, schema
from piagen.checks.completeness import Progress
from piagen.errors import Problem
from piagen.model.source import Document

__all__ = ["Progress", "is_blank", "progress", "validate"]


def validate(doc: Document, blanks: bool = True) -> list[Problem]:
    """All problems of a model: schema violations, cross-item consistency rules and (unless `blanks` is
    false) the required items left blank, sorted by place."""
    found = schema.schema_problems(doc)
    if isinstance(doc.data, dict):
        found.extend(rules.run(doc, shape_ok=not found))
        found.extend(_original(doc))
        if blanks:
            found = _with_blanks(doc, found)
    unique = {(p.file, p.line, p.column, p.path, p.message): p for p in found}
    return sorted(unique.values(), key=Problem.sort_key)


def _with_blanks(doc: Document, found: list[Problem]) -> list[Problem]:
    """Add the blank required items, one problem per item: a rule's finding about the item (which says
    why it is needed, or that 「未定」 will do) wins over the bare blank."""
    said = {p.path for p in found}
    blanks = [
        schema.problem(doc, path, severity, message)
        for path, severity, message in completeness.missing(doc.data)
        if not original.is_absent(doc.data, path)  # the model is faithful; the absence is reported once
    ]
    return found + [b for b in blanks if not _explained(b, said)]


def _explained(blank: Problem, said: set[str]) -> bool:
    """A rule already speaks of the blank item: at the item itself, at the choice beside it
    (「定めていない」 and its 具体的な方法), or, for a list, at the count next to it (提供先 and
    「提供を行っている（ 1 ）件」)."""
    if blank.path in said:
        return True
    parent = _PARENT.sub("", blank.path)
    if blank.message == completeness.MESSAGES["list"]:
        return parent != "$" and any(q.startswith(parent + ".") for q in said)
    return f"{parent}.status" in said


_PARENT = re.compile(r"(\.[^.\[]+|\[\d+\])$")


def _original(doc: Document) -> list[Problem]:
    found = [*original.unstamped(doc.data), *original.absent(doc.data), *original.deviations(doc.data)]
    return [schema.problem(doc, path, severity, message) for path, severity, message in found]


def is_blank(problem: Problem) -> bool:
    """True for a problem that only says a required item is blank."""
    return problem.message in completeness.MESSAGES.values()


def progress(doc: Document) -> list[Progress]:
    """How much of each form the model prints is filled in."""
    return completeness.progress(doc.data)
