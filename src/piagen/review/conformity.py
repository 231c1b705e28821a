"""適合性: was the assessment done by the procedure? (threshold, timing, 意見聴取, dates, changes, deadlines)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from piagen import threshold
from piagen.diff import compare as diff
from piagen.findings import Finding, Severity
from piagen.model import dates, form
from piagen.model.fields import blank, get
from piagen.model.form import form_type
from piagen.review.context import UNPRINTED, Context, leaves


def _period(data: dict[str, Any]) -> dates.Period | None:
    text = get(data, "procedure", "public_comment", "period")
    if not isinstance(text, str) or blank(text):
        return None
    try:
        return dates.parse_period(text)
    except dates.DateFormatError:
        return None


# ---- 適合性: procedure ----
def mandatory_procedure(c: Context) -> Iterator[Finding]:
    """E2 全項目 required by the threshold → 意見聴取 (Ⅵ２) and 第三者点検 (Ⅵ３) are filled."""
    decision = threshold.from_model(c.data)
    if form_type(c.data) != "full" or decision is None or decision.result != "basic+full":
        return
    if get(c.data, "cover", "organization_type") == "行政機関等":
        return
    for key, name in (("public_comment", "国民・住民等からの意見の聴取"), ("third_party", "第三者点検")):
        values = get(c.data, "procedure", key) or {}
        if all(blank(v) for v in values.values()) if isinstance(values, dict) else True:
            yield c.finding(
                "E2",
                "error",
                "適合性",
                ("procedure", key),
                f"全項目評価が義務付けられる事務です。{name}の記載がありません。",
            )


def comment_results(c: Context) -> Iterator[Finding]:
    """D4 after the comment period, ④主な意見の内容 and ⑤評価書への反映 are explicit (not ‐ or blank)."""
    period = _period(c.data)
    if period is None or c.today is None or c.today <= period.end.last_day():
        return
    for key in ("main_opinions", "reflection"):
        value = get(c.data, "procedure", "public_comment", key)
        if blank(value):
            shown = value if isinstance(value, str) else ""
            yield c.finding(
                "D4",
                "error",
                "適合性",
                ("procedure", "public_comment", key),
                "意見募集の期間は終わっています。「意見なし」「反映事項なし」など結果を明記してください（‐ や空欄では未記入と区別できません）。",
                shown,
            )


def planned_wording(c: Context) -> Iterator[Finding]:
    """D5 no 予定 left in Ⅵ of a version that is published (a question for a draft)."""
    published = not blank(get(c.data, "cover", "published"))
    for key, value in leaves(get(c.data, "procedure"), ("procedure",)):
        if isinstance(value, str) and "予定" in value:
            severity: Severity = "error" if published else "question"
            yield c.finding(
                "D5",
                severity,
                "適合性",
                key,
                "「予定」の記載が残っています。実施した後は、実施した内容（日付・方法・結果）に改めてください。",
                value,
            )


def stale_dates(c: Context) -> Iterator[Finding]:
    """D6 公表日 blank or unchanged from the previous version; D2 基礎項目評価 実施日 not refreshed."""
    published = get(c.data, "cover", "published")
    if blank(published):
        yield c.finding(
            "D6",
            "warning",
            "適合性",
            ("cover", "published"),
            "公表日が空欄です（案の段階なら、公表時に記入してください）。",
        )
    if c.previous is None:
        return
    before = get(c.previous, "cover", "published")
    changed = any(True for _ in diff.walk(c.previous, c.data))
    if changed and not blank(published) and published == before:
        yield c.finding(
            "D6",
            "error",
            "適合性",
            ("cover", "published"),
            "記載が変わっていますが、公表日が前の版と同じです。",
            str(published),
        )
    done, prior = dates.optional(get(c.data, "procedure", "basic_assessment", "date")), dates.optional(before)
    if changed and done and prior and done.last_day() < prior.first_day():
        yield c.finding(
            "D2",
            "warning",
            "適合性",
            ("procedure", "basic_assessment", "date"),
            f"基礎項目評価の実施日が、前の版の公表日（{prior.format()}）より前です。再評価なら実施日を更新してください。",
            done.format(),
        )


def unrefreshed_dates(c: Context) -> Iterator[Finding]:
    """D6/D2 without a previous version: new (undated) 変更箇所 rows while the 公表日 equals the last
    dated 変更日 (the previous publication), and a 基礎項目評価 実施日 older than that publication."""
    rows = [r for r in c.data.get("changes") or [] if isinstance(r, dict)]
    dated = [d for d in (dates.optional(r.get("date")) for r in rows) if d is not None]
    # New rows are the undated ones after the last dated row (an old row that lost its date is not one).
    if not dated or not rows or not blank(rows[-1].get("date")):
        return
    last = max(dated, key=lambda d: d.first_day())
    published = dates.optional(get(c.data, "cover", "published"))
    if published is not None and published.first_day() == last.first_day():
        yield c.finding(
            "D6",
            "warning",
            "適合性",
            ("cover", "published"),
            f"日付のない新しい変更箇所がありますが、公表日は前回の変更日（{last.format()}）のままです。",
            published.format(),
        )
    done = dates.optional(get(c.data, "procedure", "basic_assessment", "date"))
    if done is not None and done.last_day() < last.first_day():
        yield c.finding(
            "D2",
            "warning",
            "適合性",
            ("procedure", "basic_assessment", "date"),
            f"基礎項目評価の実施日が前回の変更日（{last.format()}）より前です。評価を再実施したなら実施日を更新してください。",
            done.format(),
        )


def counting_date(c: Context) -> Iterator[Finding]:
    """D9 the しきい値 counting date is not older than 12 months before the 基礎項目評価 実施日."""
    done = dates.optional(get(c.data, "procedure", "basic_assessment", "date")) or dates.optional(
        get(c.data, "cover", "published")
    )
    for key in ("people", "handlers"):
        counted = dates.optional(get(c.data, "threshold", key, "as_of"))
        if done and counted and (done.first_day() - counted.last_day()).days > 366:
            yield c.finding(
                "D9",
                "warning",
                "適合性",
                ("threshold", key, "as_of"),
                "計数時点が基礎項目評価の実施日より1年以上前です。直近の人数で数え直してください。",
                counted.format(),
            )


def significant_changes(c: Context) -> Iterator[Finding]:
    """A7 with the previous version: 重要な変更 must be filed 事前 (unless 規則第９条第２項), ※ changes judged."""
    if c.previous is None:
        return
    result = diff.compare(c.previous, c.data)
    for row in result.changes:
        for point in row.open_points:
            severity: Severity = "error" if "重要な変更が事後" in point else "question"
            mark = c.doc.mark(row.path)
            dotted = ".".join(map(str, row.path))
            yield Finding(
                "A7",
                severity,
                point,
                dotted,
                row.item,
                mark.file,
                mark.line,
                mark.column,
                "適合性",
                row.after[:200],
            )
    added = len(c.data.get("changes") or []) - len(c.previous.get("changes") or [])
    if result.changes and added <= 0:
        yield c.finding(
            "E6",
            "warning",
            "適合性",
            ("changes",),
            f"前の版から{len(result.changes)}か所変わっていますが、変更箇所に行が追加されていません。",
        )


def department_renames(c: Context) -> Iterator[Finding]:
    """E5 a department renamed in one item is renamed everywhere."""
    if c.previous is None:
        return
    texts = "\n".join(v for p, v in leaves(c.data, ()) if isinstance(v, str) and p[:1] not in UNPRINTED)
    for path, _, old, new in diff.walk(c.previous, c.data):
        if not (isinstance(old, str) and isinstance(new, str)) or path[-1] not in (
            "name",
            "department",
            "departments",
        ):
            continue
        named = (
            "部署" in form.title(path) or path[-1] == "department" or path[:2] == ("basic_info", "department")
        )
        if named and len(old.strip()) >= 4 and old.strip() in texts:
            yield c.finding(
                "E5",
                "warning",
                "適合性",
                path,
                f"部署名を「{new.strip()}」に改めましたが、旧名「{old.strip()}」が他の項目に残っています。",
                old,
            )


def validation(c: Context, problems: list[Finding]) -> Iterator[Finding]:
    """Every validation problem (counts, dependent items, bands, dates, threshold) is a finding too,
    under its validate rule id; the same message on many items (18 undated 変更箇所 rows) is one
    finding that lists them."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for p in problems:
        groups.setdefault((p.severity, p.message), []).append(p)
    for (severity, message), same in groups.items():
        first = same[0]
        item = first.label if len(same) == 1 else f"{first.label} ほか{len(same) - 1}件"
        listed = "" if len(same) == 1 else "、".join(p.label for p in same)
        shown: Severity = "error" if severity == "error" else "warning"
        yield Finding(
            first.rule,
            shown,
            message,
            first.path,
            item,
            first.file,
            first.line,
            first.column,
            "適合性",
            listed,
        )


# ---- deadlines ----
@dataclass(frozen=True)
class Deadlines:
    """Review dates counted from the 公表日 (規則第15条 5年, and the yearly 見直し)."""

    published: str
    yearly: str
    five_years: str


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def deadlines(data: dict[str, Any]) -> Deadlines | None:
    published = dates.optional(get(data, "cover", "published"))
    if published is None or not published.complete:
        return None
    day = published.first_day()
    return Deadlines(published.format(), _format(_add_years(day, 1)), _format(_add_years(day, 5)))


def _format(day: dt.date) -> str:
    return dates.JaDate(day.year, day.month, day.day).format()


def overdue(c: Context) -> Iterator[Finding]:
    """T1/T5 the yearly review (努力義務) and the 5-year re-assessment (規則第15条, 努力義務)."""
    due = deadlines(c.data)
    if due is None or c.today is None:
        return
    today = c.today
    five = dates.parse(due.five_years).first_day()
    yearly = dates.parse(due.yearly).first_day()
    if today >= five:
        yield c.finding(
            "T5",
            "warning",
            "適合性",
            ("cover", "published"),
            f"公表日から5年を経過しています（{due.five_years}）。評価の再実施に努めてください（規則第15条）。",
            due.published,
        )
    elif today >= yearly:
        yield c.finding(
            "T1",
            "warning",
            "適合性",
            ("cover", "published"),
            f"公表日から1年を経過しています（{due.yearly}）。少なくとも1年に1回、評価書の見直しに努めてください。",
            due.published,
        )
