"""docs/checks.md lists every rule id of validate and review, generated from the two registries:
the test fails when a rule is added, removed or reworded without regenerating the page
(`pytest --update-golden tests/checks/test_registries.py`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from piagen.checks import schema
from piagen.checks.registry import REGISTRY as VALIDATE
from piagen.findings import Check, Finding, Registry, Rule
from piagen.model.source import LOAD_RULE
from piagen.portfolio.crosscheck import REGISTRY as PORTFOLIO
from piagen.review.context import Context
from piagen.review.registry import REGISTRY as REVIEW
from tests.shared import ROOT

DOC = ROOT / "docs" / "checks.md"

HEAD = """# Checks and their rule ids

Generated from `src/piagen/checks/registry.py`, `src/piagen/review/registry.py` and `src/piagen/portfolio/crosscheck.py` by
`tests/checks/test_registries.py` (`pytest --update-golden tests/checks/test_registries.py` rewrites it). Do not
edit by hand.

Every problem `piagen validate` reports and every finding of `piagen review` carries a rule id,
printed in `--format json` (`rule`). Ids are stable: a rule that goes away leaves its id unused and a
new rule takes a new id, so CI filters and reports can rely on them.

- `V-…` ids belong to `piagen validate` (loading, the form schema, the consistency rules). `piagen
  review` reports every validation problem too, under the same id (its text shows them as V1, V2 …
  in the order of the model).
- Review ids are the codes of the review checklist (`A…`–`E…`, `B-…`); `R…` are content questions
  and `T…` review deadlines. *Ref* names the checklist item a rule comes from.
"""


STAGE = {LOAD_RULE: "the loader", "PF-revise": "`piagen revise`"}


def table(registry: Registry[Any], perspective: bool) -> str:
    checks = {i: c.run.__name__ for c in registry for i in c.rules}
    head = "| Rule id | What it checks | Ref | " + ("Perspective | " if perspective else "") + "Reported by |"
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for rule in registry.rules.values():
        by = f"`{checks[rule.id]}`" if rule.id in checks else STAGE.get(rule.id, "the form schema")
        extra = f" {rule.perspective} |" if perspective else ""
        lines.append(f"| `{rule.id}` | {rule.summary} | {rule.ref} |{extra} {by} |")
    return "\n".join(lines)


def page() -> str:
    return (
        f"{HEAD}\n## piagen validate\n\n{table(VALIDATE, False)}\n\n"
        f"## piagen review\n\n{table(REVIEW, True)}\n\n"
        f"## piagen build and revise (across the documents of a folder)\n\n{table(PORTFOLIO, False)}\n"
    )


def test_docs_list_every_rule(golden: Callable[[Path, str], None]) -> None:
    golden(DOC, page())


def test_rule_ids_are_unique_across_commands() -> None:
    assert set(VALIDATE.rules).isdisjoint(REVIEW.rules)
    assert all(i.startswith("PF") for i in PORTFOLIO.rules)
    assert not any(i.startswith("PF") for i in (*VALIDATE.rules, *REVIEW.rules))
    assert all(i.startswith("V-") for i in VALIDATE.rules)
    assert not any(i.startswith("V") for i in REVIEW.rules)


def test_every_rule_the_schema_and_loader_report_is_registered() -> None:
    reported = {*schema.RULE_OF_KEYWORD.values(), schema.OTHER_RULE, schema.NOT_MAPPING_RULE, LOAD_RULE}
    assert reported <= set(VALIDATE.rules)
    unchecked = {i for i in VALIDATE.rules if not any(i in c.rules for c in VALIDATE)}
    assert unchecked == reported


def test_a_registry_refuses_duplicate_or_unregistered_ids() -> None:
    def check(data: object) -> Iterator[object]:
        yield from ()

    with pytest.raises(ValueError, match="duplicate"):
        Registry("x", [Rule("A1", "a"), Rule("A1", "b")], [])
    with pytest.raises(ValueError, match="unregistered"):
        Registry("x", [Rule("A1", "a")], [Check(check, ("A2",))])


def test_a_review_check_reporting_an_undeclared_rule_is_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """kit.run refuses a finding whose rule the check did not declare (the JSON would lie)."""
    from piagen.model import source
    from piagen.review import kit, registry

    def stray(c: Context) -> Iterator[Finding]:
        yield c.finding("D4", "warning", "適合性", ("cover",), "x")

    fake = Registry("review", list(REVIEW.rules.values()), [Check(stray, ("E2",))])
    monkeypatch.setattr(kit, "REGISTRY", fake)
    assert registry.REGISTRY is REVIEW
    doc = source.load(ROOT / "examples" / "kawasaki-kenko-zoshin.yaml")
    with pytest.raises(RuntimeError, match="stray reported rule D4"):
        kit.run(doc)
