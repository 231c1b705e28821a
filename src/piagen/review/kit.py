"""The 第三者点検 kit: machine checks a committee would otherwise do by hand, grouped by the PPC's two
review perspectives 適合性 (procedure) and 妥当性 (content), plus the review deadlines.

Check ids follow ../shared/reference/review-practice.md §2.5 (B…E) where a rule comes from there;
V… are validation problems, Q… are content questions, T… are deadlines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from piagen import checks
from piagen.errors import Problem
from piagen.model import dates
from piagen.model.fields import get
from piagen.model.source import Document
from piagen.review import adequacy, committee, conformity
from piagen.review.conformity import Deadlines, deadlines
from piagen.review.findings import PERSPECTIVES, Context, Finding

__all__ = [
    "CHECKS",
    "PERSPECTIVES",
    "SEVERITY_NAMES",
    "Deadlines",
    "Finding",
    "deadlines",
    "render_html",
    "run",
    "summary",
]

CHECKS: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    conformity.mandatory_procedure,
    conformity.comment_results,
    conformity.planned_wording,
    conformity.stale_dates,
    conformity.unrefreshed_dates,
    conformity.counting_date,
    conformity.significant_changes,
    committee.late_significant,
    committee.significant_without_steps,
    committee.absent_parts,
    committee.deviating_parts,
    conformity.department_renames,
    conformity.overdue,
    adequacy.ratings,
    adequacy.concreteness,
    adequacy.contractor_oversight,
    adequacy.cloud_questions,
    adequacy.departments_agree,
)
SEVERITY_ORDER = {"error": 0, "warning": 1, "question": 2}


def run(doc: Document, previous: dict[str, Any] | None = None, today: dt.date | None = None) -> list[Finding]:
    """All findings for a model, errors first within each perspective."""
    context = Context(doc.data, previous, today)
    reviewed = [f for check in CHECKS for f in check(context)]
    found = list(conformity.validation(context, _unreviewed(checks.validate(doc), reviewed)))
    found.extend(reviewed)
    return sorted(found, key=lambda f: (PERSPECTIVES.index(f.perspective), SEVERITY_ORDER[f.severity]))


def _unreviewed(problems: list[Problem], reviewed: list[Finding]) -> list[Problem]:
    """The validation problems, less the blanks a review check already reports with its reason
    (「意見募集の期間は終わっています」 for a blank ④主な意見の内容) and the blanks of Ⅵ３第三者点検,
    which the committee's own check fills in."""
    paths = [f.path for f in reviewed if f.path] + [THIRD_PARTY]
    return [p for p in problems if not (checks.is_blank(p) and any(_within(p.path, q) for q in paths))]


THIRD_PARTY = "$.procedure.third_party"


def _within(path: str, prefix: str) -> bool:
    return path == prefix or (path.startswith(prefix) and path[len(prefix)] in ".[")


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
    groups = [(p, [f for f in findings if f.perspective == p]) for p in PERSPECTIVES]
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
        own = [f for f in findings if f.perspective == perspective]
        for f in own:
            lines.append(f"  {SEVERITY_NAMES[f.severity]} {f.id} {f.item}: {f.message}")
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
        "findings": [f.as_json() for f in findings],
        "deadlines": None
        if due is None
        else {"published": due.published, "yearly": due.yearly, "five_years": due.five_years},
        "consultation": [{"label": label, "text": text} for label, text in consultation.draft(data).rows],
    }
