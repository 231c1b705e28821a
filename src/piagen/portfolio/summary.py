"""What the portfolio shows of each 評価書: number, title, form, threshold, dates, decisions, status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from piagen import threshold
from piagen.model import dates, source
from piagen.model.fields import get
from piagen.model.form import form_type
from piagen.portfolio.folder import Entry
from piagen.review import kit
from piagen.review.context import Context
from piagen.review.registry import REGISTRY

FORM_NAMES = {"basic": "基礎項目評価書", "focused": "重点項目評価書", "full": "全項目評価書"}
Status = Literal["ok", "warnings", "errors", "unreadable"]
STATUS_NAMES: dict[Status, str] = {
    "ok": "問題なし",
    "warnings": "警告あり",
    "errors": "エラーあり",
    "unreadable": "読み込めません",
}


@dataclass(frozen=True)
class Row:
    """One 評価書 as the index page, the summary table and `--format json` show it."""

    name: str
    number: str
    title: str
    organization: str
    form: str
    threshold: str
    published: str
    next_review: str
    reassessment: str
    overdue: bool
    open_decisions: int
    errors: int
    warnings: int
    status: Status

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def next_review(published: dt.date, today: dt.date) -> dt.date:
    """The next yearly review: the first anniversary of the 公表日 that is not before today."""
    years = max(1, today.year - published.year)
    day = add_years(published, years)
    return day if day >= today else add_years(published, years + 1)


def review_dates(data: dict[str, Any], today: dt.date) -> tuple[dt.date, dt.date] | None:
    """(next yearly review, 5-year re-assessment) counted from the 公表日 as review.conformity does;
    None without a complete 公表日."""
    due = kit.deadlines(data)
    if due is None:
        return None
    published = dates.parse(due.published).first_day()
    return next_review(published, today), dates.parse(due.five_years).first_day()


def open_decisions(data: dict[str, Any], today: dt.date) -> int:
    """The questions the 第三者点検 kit leaves to people (its checks that need a human decision)."""
    context = Context(source.Document(data, {}, ""), None, today)
    return sum(f.severity == "question" for check in REGISTRY for f in check.run(context))


def _status(entry: Entry) -> Status:
    if entry.doc is None:
        return "unreadable"
    return "errors" if entry.errors else "warnings" if entry.warnings else "ok"


def _threshold(data: dict[str, Any]) -> str:
    decision = threshold.from_model(data)
    return threshold.wording(decision.result, "basic") if decision is not None else ""


@dataclass(frozen=True)
class Heading:
    """How a 評価書 is named: 評価書番号, 評価書名, 評価実施機関 and 公表日 (as printed)."""

    number: str
    title: str
    organization: str
    published: str


def heading(data: dict[str, Any]) -> Heading:
    """The names of a model's 評価書 ('' for what it does not say)."""
    published = dates.optional(get(data, "cover", "published"))
    return Heading(
        _text(get(data, "cover", "number")),
        _text(get(data, "cover", "title")) or _text(get(data, "basic_info", "task", "name")),
        _text(get(data, "cover", "organization")),
        published.format() if published else "",
    )


def row(entry: Entry, today: dt.date) -> Row:
    """The summary of one entry on `today`."""
    data = entry.data
    due = review_dates(data, today) if data else None
    named = heading(data)
    return Row(
        name=entry.name,
        number=named.number,
        title=named.title,
        organization=named.organization,
        form=FORM_NAMES[form_type(data)] if data else "",
        threshold=_threshold(data) if data else "",
        published=named.published,
        next_review=ja_date(due[0]) if due else "",
        reassessment=ja_date(due[1]) if due else "",
        overdue=bool(due and due[1] <= today),
        open_decisions=open_decisions(data, today) if data else 0,
        errors=entry.errors,
        warnings=entry.warnings,
        status=_status(entry),
    )


def ja_date(day: dt.date) -> str:
    """A day as 和暦 (令和7年1月20日)."""
    return dates.JaDate(day.year, day.month, day.day).format()
