"""Dates and procedure of an assessment: order of dates (D), the 意見聴取 period, the 変更箇所 rows,
the stated しきい値判断結果 and what only 行政機関等 write (E)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from piagen import threshold
from piagen.findings import Located
from piagen.model import dates
from piagen.model.fields import blank, entries, files, get
from piagen.model.form import form_type


# ---- D: dates ----
def date_order(data: dict[str, Any]) -> Iterator[Located]:
    """D8 保有開始日 ≤ 使用開始日; D6 変更日 ≤ 公表日; D1 意見聴取 → 第三者点検 → 公表日."""
    for i, f in files(data):
        hold, use = (
            dates.optional(get(f, "basic", "holding_start")),
            dates.optional(get(f, "acquisition_use", "use_start")),
        )
        if hold and use and hold.first_day() > use.last_day():
            yield (
                ("files", i, "acquisition_use", "use_start"),
                "error",
                "⑨使用開始日が⑤保有開始日より前になっています。",
            )
    published = dates.optional(get(data, "cover", "published"))
    if published:
        for j, row in entries(data, "changes"):
            changed = dates.optional(row.get("date"))
            if changed and changed.first_day() > published.last_day():
                yield ("changes", j, "date"), "error", f"変更日が公表日（{published.format()}）より後です。"
    yield from _procedure_order(data, published)


def _procedure_order(data: dict[str, Any], published: dates.JaDate | None) -> Iterator[Located]:
    period_text = get(data, "procedure", "public_comment", "period")
    period = None
    if isinstance(period_text, str) and not blank(period_text):
        try:
            period = dates.parse_period(period_text)
        except dates.DateFormatError:
            yield (
                ("procedure", "public_comment", "period"),
                "warning",
                "実施日・期間から日付を読めません（例: 令和6年10月9日から令和6年11月8日まで）。",
            )
    check = dates.optional(get(data, "procedure", "third_party", "date"))
    if period and check and check.first_day() <= period.end.first_day():
        yield (
            ("procedure", "third_party", "date"),
            "warning",
            "第三者点検の実施日が、意見聴取の期間の終了日以前です（意見聴取→見直し→第三者点検の順に行います）。",
        )
    if published and check and not check.planned and check.first_day() > published.last_day():
        yield ("procedure", "third_party", "date"), "error", "第三者点検の実施日が公表日より後です。"
    if period:
        yield from _period_length(data, period)


def _period_length(data: dict[str, Any], period: dates.Period) -> Iterator[Located]:
    """D3 at least 30 days counted inclusively, unless ③期間を短縮する特段の理由 is given."""
    days = period.inclusive_days()
    reason = get(data, "procedure", "public_comment", "shortening_reason")
    path = ("procedure", "public_comment", "period")
    if days < 30 and (blank(reason) or "短縮なし" in str(reason)):
        yield (
            path,
            "error",
            f"意見聴取の期間が初日を含めて{days}日です。30日以上にするか、③期間を短縮する特段の理由を書いてください。",
        )
    if period.stated_days is not None and period.stated_days != days:
        yield (
            path,
            "warning",
            f"「{period.stated_days}日間」と書かれていますが、初日を含めて数えると{days}日間です。",
        )


# ---- E: form and type rules ----
def threshold_stated(data: dict[str, Any]) -> Iterator[Located]:
    """The stated しきい値判断結果 (Ⅵ１② / 基礎 Ⅲ) agrees with the computed decision."""
    decision = threshold.from_model(data)
    for path in (("procedure", "basic_assessment", "result"), ("basic", "threshold_result")):
        stated = get(data, *path)
        if not isinstance(stated, str) or decision is None:
            continue
        said = threshold.result_of_wording(stated)
        if said not in decision.possible:
            expected = "／".join(threshold.wording(r, "basic") for r in decision.possible)
            yield (
                path,
                "error",
                (
                    f"しきい値判断結果が、しきい値判断項目から導かれる結果と合いません。導かれる結果: {expected}。"
                    f"根拠: {decision.inputs_text()}。記載か、しきい値判断項目を直してください。"
                ),
            )
        elif (
            form_type(data) == "full" and path[0] == "procedure" and stated != threshold.wording(said, "full")
        ):
            yield path, "error", f"全項目評価書での書き方は「{threshold.wording(said, 'full')}」です。"


def approval_only_for_national(data: dict[str, Any]) -> Iterator[Located]:
    """E3 承認日 and Ⅵ４ are for 行政機関等 only."""
    if get(data, "cover", "organization_type") == "行政機関等":
        return
    if not blank(get(data, "cover", "approved")):
        yield ("cover", "approved"), "error", "承認日は行政機関等だけが書く項目です（地方公共団体等は空欄）。"
    for key in ("submitted", "review"):
        if not blank(get(data, "procedure", "ppc_approval", key)):
            yield (
                ("procedure", "ppc_approval", key),
                "warning",
                "個人情報保護委員会の承認は行政機関等だけの項目です。地方公共団体等は空欄にします。",
            )


def change_rows(data: dict[str, Any]) -> Iterator[Located]:
    """E4/D7 変更箇所 rows: a date, a 提出時期, and an explanation for 事後."""
    for key in ("changes",), ("basic", "changes"):
        for j, row in entries(data, *key):
            base = (*key, j)
            if blank(row.get("date")):
                yield (*base, "date"), "warning", "変更日が空欄です。公表時には日付を書いてください。"
            if row.get("timing") is None:
                yield (*base, "timing"), "error", "提出時期（事前／事後）が空欄です。"
            elif row.get("timing") == "事後" and blank(row.get("explanation")):
                yield (
                    (*base, "explanation"),
                    "warning",
                    "事後の提出です。重要な変更に当たらない理由など、提出時期に係る説明を書いてください。",
                )
