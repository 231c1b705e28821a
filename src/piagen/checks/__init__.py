"""`piagen validate`: the schema, the cross-item consistency rules and the completeness of a model."""

from __future__ import annotations

import re

from piagen.checks import completeness, original, schema
from piagen.checks.completeness import Progress
from piagen.checks.figures import publication_blockers
from piagen.checks.registry import AFTER_CONSISTENT, BLANK_RULE, REGISTRY
from piagen.findings import Finding
from piagen.model.source import Document

__all__ = ["BLANK_RULE", "Progress", "is_blank", "progress", "publication_blockers", "run", "validate"]


def validate(doc: Document, blanks: bool = True) -> list[Finding]:
    """All findings of a model: schema violations, cross-item consistency rules and (unless `blanks` is
    false) the required items left blank, sorted by place."""
    found = schema.schema_problems(doc)
    if isinstance(doc.data, dict):
        found.extend(run(doc, shape_ok=not found))
        if blanks:
            found = _with_blanks(doc, found)
    unique = {(p.file, p.line, p.column, p.path, p.message): p for p in found}
    return sorted(unique.values(), key=Finding.sort_key)


def run(doc: Document, shape_ok: bool = True) -> list[Finding]:
    """Apply every registered consistency rule. When the schema already found wrong shapes
    (`shape_ok` false), a rule that trips over them is skipped: the schema message is the one the
    user needs."""
    out: list[Finding] = []
    for check in REGISTRY:
        (rule,) = check.rules
        if rule in AFTER_CONSISTENT and (not shape_ok or any(f.severity == "error" for f in out)):
            continue  # what is still blank is told once the model's shape and consistency are right
        try:
            out.extend(schema.problem(doc, rule, *said) for said in check.run(doc.data))
        except (TypeError, ValueError, AttributeError, KeyError):
            if shape_ok:
                raise
    return out


def _with_blanks(doc: Document, found: list[Finding]) -> list[Finding]:
    """Add the blank required items, one finding per item: a rule's finding about the item (which says
    why it is needed, or that 「未定」 will do) wins over the bare blank."""
    said = {p.path for p in found if p.rule != _BASIC_ITEMS}
    blanks = [
        schema.problem(doc, BLANK_RULE, path, severity, message)
        for path, severity, message in completeness.missing(doc.data)
        if not original.is_absent(doc.data, path)  # the model is faithful; the absence is reported once
    ]
    new = [b for b in blanks if not _explained(b, said)]
    # An item the main form requires is told blank by its own rule, not by the 基礎項目評価書's (B8),
    # which would only warn about it when the 基礎項目評価書 is generated beside a full/focused form.
    told = {b.path for b in new}
    return [p for p in found if not (p.rule == _BASIC_ITEMS and p.path in told)] + new


_BASIC_ITEMS = "V-basic-items"


def _explained(blank: Finding, said: set[str]) -> bool:
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


def is_blank(finding: Finding) -> bool:
    """True for a finding that only says a required item is blank."""
    return finding.rule == BLANK_RULE


def progress(doc: Document) -> list[Progress]:
    """How much of each form the model prints is filled in."""
    return completeness.progress(doc.data)
