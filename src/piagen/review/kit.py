"""The 第三者点検 kit: machine checks a committee would otherwise do by hand, grouped by the PPC's two
review perspectives 適合性 (procedure) and 妥当性 (content), plus the review deadlines.

The checks and their rule ids are listed in review/registry.py (docs/checks.md); validation
problems are findings too, under their `V-` rule ids.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from piagen import checks
from piagen.findings import PERSPECTIVES, Finding
from piagen.model import dates
from piagen.model.fields import get
from piagen.model.source import Document
from piagen.review import conformity
from piagen.review.conformity import Deadlines, deadlines
from piagen.review.context import Context
from piagen.review.registry import REGISTRY

__all__ = [
    "PERSPECTIVES",
    "SEVERITY_NAMES",
    "Deadlines",
    "Finding",
    "codes",
    "deadlines",
    "render_html",
    "run",
    "summary",
]

SEVERITY_ORDER = {"error": 0, "warning": 1, "question": 2}


def run(doc: Document, previous: dict[str, Any] | None = None, today: dt.date | None = None) -> list[Finding]:
    """All findings for a model, errors first within each perspective."""
    context = Context(doc, previous, today)
    found = list(conformity.validation(context, checks.validate(doc)))
    for check in REGISTRY:
        for finding in check.run(context):
            if finding.rule not in check.rules:
                raise RuntimeError(
                    f"{check.run.__name__} reported rule {finding.rule}, not registered for it"
                )
            found.append(finding)
    return sorted(
        found, key=lambda f: (PERSPECTIVES.index(f.perspective or "適合性"), SEVERITY_ORDER[f.severity])
    )


def codes(findings: list[Finding]) -> list[str]:
    """The code shown beside each finding: its review rule id, or for a validate finding V1, V2 … in
    the order of the model (its stable `V-` rule id is in the JSON)."""
    validated = sorted((f for f in findings if f.rule not in REGISTRY.rules), key=Finding.sort_key)
    number = {id(f): f"V{n}" for n, f in enumerate(validated, start=1)}
    return [number.get(id(f), f.rule) for f in findings]


SEVERITY_NAMES = {"error": "エラー", "warning": "警告", "question": "確認事項"}


def summary(findings: list[Finding]) -> list[tuple[str, dict[str, int]]]:
    """Counts per perspective and severity."""
    return [
        (p, {s: sum(f.perspective == p and f.severity == s for f in findings) for s in SEVERITY_NAMES})
        for p in PERSPECTIVES
    ]


def render_html(
    doc: Document, findings: list[Finding], today: dt.date | None, previous_name: str = ""
) -> str:
    """The committee's report: findings by perspective, deadlines and the 諮問書（案）."""
    from markupsafe import Markup

    from piagen import __version__
    from piagen.render.html import environment, stylesheet
    from piagen.review import consultation

    data = doc.data
    groups = [
        (p, [(c, f) for c, f in zip(codes(findings), findings, strict=True) if f.perspective == p])
        for p in PERSPECTIVES
    ]
    return (
        environment()
        .get_template("review.html")
        .render(
            title=str(get(data, "cover", "title") or ""),
            organization=str(get(data, "cover", "organization") or ""),
            today=dates.JaDate(today.year, today.month, today.day).format() if today else "",
            previous=previous_name,
            summary=summary(findings),
            deadlines=deadlines(data),
            groups=groups,
            severity_names=SEVERITY_NAMES,
            consultation=consultation.draft(data),
            css=Markup(stylesheet()),
            version=__version__,
        )
    )


def text_report(findings: list[Finding]) -> str:
    """The findings as terminal text, by perspective."""
    lines = []
    for perspective in PERSPECTIVES:
        lines.append(f"【{perspective}】")
        own = [(c, f) for c, f in zip(codes(findings), findings, strict=True) if f.perspective == perspective]
        for code, f in own:
            lines.append(f"  {SEVERITY_NAMES[f.severity]} {code} {f.label}: {f.message}")
            if f.text:
                lines.append(f"      該当: {f.text[:80]}")
        if not own:
            lines.append("  指摘はありません。")
    for name, counts in summary(findings):
        lines.append(
            f"{name}: エラー {counts['error']}件、警告 {counts['warning']}件、確認事項 {counts['question']}件"
        )
    return "\n".join(lines) + "\n"


def json_report(data: Any, findings: list[Finding]) -> dict[str, Any]:
    """Findings, deadlines and the drafted 諮問書 as `piagen review --format json` prints them."""
    from piagen.review import consultation

    due = deadlines(data)
    return {
        "findings": [as_json(code, f) for code, f in zip(codes(findings), findings, strict=True)],
        "deadlines": None
        if due is None
        else {"published": due.published, "yearly": due.yearly, "five_years": due.five_years},
        "consultation": [{"label": label, "text": text} for label, text in consultation.draft(data).rows],
    }


def as_json(code: str, f: Finding) -> dict[str, str | int]:
    """One finding as `piagen review --format json` prints it: `id` is the code shown in the text,
    `rule` the stable rule id."""
    return {
        "id": code,
        "rule": f.rule,
        "severity": f.severity,
        "perspective": f.perspective or "",
        "item": f.label,
        "message": f.message,
        "text": f.text,
        "path": f.path,
        "file": f.file,
        "line": f.line,
        "column": f.column,
    }
