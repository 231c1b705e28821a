"""The 第三者点検 kit: machine checks a committee would otherwise do by hand, grouped by the PPC's two
review perspectives 適合性 (procedure) and 妥当性 (content), plus the review deadlines.

Check ids follow ../shared/reference/review-practice.md §2.5 (B…E) where a rule comes from there;
V… are validation problems, Q… are content questions, T… are deadlines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from piagen import dates, diff, form, model, threshold
from piagen.checks import blank, files, get, keyed
from piagen.errors import Problem
from piagen.model import form_type
from piagen.source import Document, json_path

Severity = Literal["error", "warning", "question"]
Perspective = Literal["適合性", "妥当性"]
PERSPECTIVES: tuple[Perspective, ...] = ("適合性", "妥当性")
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One point for the committee: what, where (official label), how serious, and the text concerned."""

    id: str
    severity: Severity
    perspective: Perspective
    item: str
    message: str
    text: str = ""
    path: str = ""

    def as_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "severity": self.severity,
            "perspective": self.perspective,
            "item": self.item,
            "message": self.message,
            "text": self.text,
            "path": self.path,
        }


@dataclass(frozen=True)
class Context:
    """What the checks look at: the model, the previous version (if any) and today's date."""

    data: dict[str, Any]
    previous: dict[str, Any] | None
    today: dt.date | None

    def label(self, path: Path) -> str:
        basic = bool(path) and path[0] in ("basic", "threshold") and form_type(self.data) != "basic"
        text = form.item_label(path, "basic" if basic else form_type(self.data))
        return f"基礎項目評価書 {text}" if basic else text

    def finding(
        self, id_: str, severity: Severity, perspective: Perspective, path: Path, message: str, text: Any = ""
    ) -> Finding:
        shown = text if isinstance(text, str) else ""
        return Finding(
            id_,
            severity,
            perspective,
            self.label(path) if path else "",
            message,
            shown[:200],
            json_path(path) if path else "",
        )


Check = Callable[[Context], Iterator[Finding]]


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
    for key, value in _leaves(get(c.data, "procedure"), ("procedure",)):
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
            yield Finding(
                "A7", severity, "適合性", row.item, point, row.after[:200], ".".join(map(str, row.path))
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
    texts = "\n".join(v for p, v in _leaves(c.data, ()) if isinstance(v, str) and p[:1] not in UNPRINTED)
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


def validation(c: Context, problems: list[Problem]) -> Iterator[Finding]:
    """Every validation problem (counts, dependent items, bands, dates, threshold) is a finding too."""
    for n, p in enumerate(problems, start=1):
        yield Finding(
            f"V{n}", "error" if p.severity == "error" else "warning", "適合性", p.label, p.message, "", p.path
        )


# ---- 妥当性: content ----
def ratings(c: Context) -> Iterator[Finding]:
    """C5/B-12 self-ratings: 特に力を入れている asks what; 課題が残されている asks for a plan; a
    favourable rating needs a described measure."""
    for path, value, parent in keyed(c.data, "rating"):
        texts = [
            v for p, v in _leaves(parent, ()) if isinstance(v, str) and p[-1] not in ("rating", "status")
        ]
        if value == "特に力を入れている":
            yield c.finding(
                "C5", "question", "妥当性", path, "「特に力を入れている」とした具体的な措置は何ですか。"
            )
        elif value == "課題が残されている":
            yield c.finding(
                "C5",
                "warning",
                "妥当性",
                path,
                "「課題が残されている」としています。改善の計画と時期を記載してください。",
            )
        if value in ("十分である", "特に力を入れている") and texts and all(blank(t) for t in texts):
            yield c.finding(
                "R12", "warning", "妥当性", path, f"「{value}」としていますが、措置の内容が書かれていません。"
            )


UNPRINTED = {("changes",), ("basic",), ("revision",), ("consultation",), ("withheld",)}
MEASURE_KEYS = {
    "measures",
    "non_subjects",
    "unnecessary",
    "identity",
    "authenticity",
    "accuracy",
    "addressing",
    "other_systems",
    "method",
    "content",
}


def concreteness(c: Context) -> Iterator[Finding]:
    """B-8/12 a measure described in a few words is a question for the committee."""
    for i, f in files(c.data):
        for path, value in _leaves(f.get("risks"), ("files", i, "risks")):
            if (
                path[-1] in MEASURE_KEYS
                and isinstance(value, str)
                and not blank(value)
                and len(value.strip()) < 15
            ):
                yield c.finding(
                    "R8",
                    "question",
                    "妥当性",
                    path,
                    "措置の記載が短く、具体的な内容が読み取れません。",
                    value,
                )


def contractor_oversight(c: Context) -> Iterator[Finding]:
    """Contractor oversight: 委託する → Ⅲ４ describes the checks and the contract clause is 定めている."""
    for i, f in files(c.data):
        if get(f, "entrustment", "status") != "委託する":
            continue
        base = ("files", i, "risks", "entrustment")
        if form_type(c.data) == "full" and blank(get(f, "risks", "entrustment", "governance")):
            yield c.finding(
                "R10",
                "warning",
                "妥当性",
                (*base, "governance"),
                "委託していますが、委託先の情報保護管理体制の確認方法が書かれていません。",
            )
        if get(f, "risks", "entrustment", "contract", "status") not in ("定めている", None):
            yield c.finding(
                "R10",
                "warning",
                "妥当性",
                (*base, "contract", "status"),
                "委託契約書に特定個人情報ファイルの取扱いに関する規定を定めていません。",
            )


CLOUD = re.compile(r"クラウド|IaaS|PaaS|SaaS|ＩａａＳ")
CLOUD_TOPICS = (
    ("国内", r"国内|日本国内", "データを保管する場所（国内のデータセンターか）"),
    ("access", r"アクセス", "クラウド事業者による利用者データへのアクセスの制御"),
    ("erase", r"消去|削除|破棄", "契約終了時や機器交換時のデータ消去の方法"),
    (
        "cert",
        r"ISMAP|ＩＳＭＡＰ|ISO|ＩＳＯ|国際規格|認証",
        "クラウドサービスの認証（ISMAP、ISO/IEC 27017 等）",
    ),
    ("duty", r"責任", "地方公共団体・クラウド事業者・運用事業者の責任分担"),
)


def cloud_questions(c: Context) -> Iterator[Finding]:
    """C11/C12 cloud storage: the questions a committee asks, for each topic the text does not answer."""
    texts = [
        (p, v)
        for p, v in _leaves(c.data, ())
        if isinstance(v, str) and p[:1] not in (("changes",), ("revision",))
    ]
    cloud = [(p, v) for p, v in texts if CLOUD.search(v)]
    if not cloud:
        return
    corpus = "\n".join(v for _, v in cloud)
    where, sample = cloud[0]
    for _, pattern, topic in CLOUD_TOPICS:
        if not re.search(pattern, corpus):
            yield c.finding(
                "C11",
                "question",
                "妥当性",
                where,
                f"クラウドを利用しています。{topic}について記載がありません。",
                sample,
            )
    for path, value in texts:
        if re.search(r"庁舎内|市庁舎", value) and re.search(
            r"消去.{0,10}(行わない|不要)|消去の委託は行わない", value
        ):
            yield c.finding(
                "C12",
                "question",
                "妥当性",
                path,
                "作業を庁舎内に限るため消去は不要としていますが、クラウド上のデータにも当てはまりますか。",
                value,
            )


def departments_agree(c: Context) -> Iterator[Finding]:
    """B-7 the 担当部署 (Ⅰ７) also appears among the files' 事務担当部署/使用部署."""
    head = get(c.data, "basic_info", "department", "name")
    if blank(head):
        return
    for i, f in files(c.data):
        shown = " ".join(
            str(v)
            for v in (get(f, "basic", "department"), get(f, "acquisition_use", "users", "departments"))
            if isinstance(v, str)
        )
        if shown and re.sub(r"\s", "", str(head)) not in re.sub(r"\s", "", shown):
            yield c.finding(
                "R7",
                "question",
                "妥当性",
                ("files", i, "basic", "department"),
                f"Ⅰ７．の担当部署「{str(head).strip()}」が、このファイルの事務担当部署・使用部署にありません。",
                shown,
            )


def _leaves(value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _leaves(child, (*path, i))
    else:
        yield path, value


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


CHECKS: tuple[Check, ...] = (
    mandatory_procedure,
    comment_results,
    planned_wording,
    stale_dates,
    unrefreshed_dates,
    counting_date,
    significant_changes,
    department_renames,
    overdue,
    ratings,
    concreteness,
    contractor_oversight,
    cloud_questions,
    departments_agree,
)
SEVERITY_ORDER = {"error": 0, "warning": 1, "question": 2}


def run(doc: Document, previous: dict[str, Any] | None = None, today: dt.date | None = None) -> list[Finding]:
    """All findings for a model, errors first within each perspective."""
    context = Context(doc.data, previous, today)
    found = list(validation(context, model.validate(doc)))
    for check in CHECKS:
        found.extend(check(context))
    return sorted(found, key=lambda f: (PERSPECTIVES.index(f.perspective), SEVERITY_ORDER[f.severity]))


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

    from piagen import __version__, consultation
    from piagen.html import environment, stylesheet

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
