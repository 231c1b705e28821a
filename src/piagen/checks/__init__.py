"""`piagen validate`: the schema and the cross-item consistency rules of a model."""

from __future__ import annotations

from piagen.checks import schema
from piagen.checks.registry import AFTER_CONSISTENT, REGISTRY
from piagen.findings import Finding
from piagen.model.source import Document


def validate(doc: Document) -> list[Finding]:
    """All findings of a model: schema violations and cross-item consistency rules, sorted by place."""
    found = schema.schema_problems(doc)
    if isinstance(doc.data, dict):
        found.extend(run(doc, shape_ok=not found))
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
