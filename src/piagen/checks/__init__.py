"""`piagen validate`: the schema and the cross-item consistency rules of a model."""

from __future__ import annotations

from piagen.checks import rules, schema
from piagen.checks.figures import publication_blockers
from piagen.errors import Problem
from piagen.model.source import Document

__all__ = ["publication_blockers", "validate"]


def validate(doc: Document) -> list[Problem]:
    """All problems of a model: schema violations and cross-item consistency rules, sorted by place."""
    found = schema.schema_problems(doc)
    if isinstance(doc.data, dict):
        found.extend(rules.run(doc, shape_ok=not found))
    unique = {(p.file, p.line, p.column, p.path, p.message): p for p in found}
    return sorted(unique.values(), key=Problem.sort_key)
