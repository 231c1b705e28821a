"""Cross-item consistency rules of a model (counts, dependent items, bands, dates, threshold).

Each rule is a small function yielding (path, severity, message); ids in the docstrings refer to the
checklist in ../shared/reference/review-practice.md §2.5.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from piagen import dates, form, threshold
from piagen.errors import Problem, Severity
from piagen.model import form_type, problem
from piagen.source import Document, JsonPath

Finding = tuple[JsonPath, Severity, str]
Rule = Callable[[dict[str, Any]], Iterator[Finding]]

DASHES = {"－", "―", "-", "‐", "—", "ー", "─"}


def get(data: Any, *path: str | int) -> Any:
    """The value at `path`, or None when absent or of the wrong shape."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or step >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[step] if isinstance(step, int) else data.get(step)
    return data


def mapping(value: Any) -> dict[str, Any]:
    """`value` when it is a mapping, else an empty one (models may hold any shape)."""
    return value if isinstance(value, dict) else {}


def sequence(value: Any) -> list[Any]:
    """`value` when it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def blank(value: Any) -> bool:
    """True for an empty answer: missing, empty text or a lone dash."""
    return value is None or (isinstance(value, str) and (not value.strip() or value.strip() in DASHES))


def entries(data: Any, *path: str | int) -> list[tuple[int, dict[str, Any]]]:
    """The dict entries of the list at `path`, with their index."""
    items = get(data, *path)
    return [(i, e) for i, e in enumerate(items) if isinstance(e, dict)] if isinstance(items, list) else []


def files(data: Any) -> list[tuple[int, dict[str, Any]]]:
    return entries(data, "files")


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# ---- B: counts ----
def entrust_count(data: dict[str, Any]) -> Iterator[Finding]:
    """B1 委託の有無 （N）件 = number of 委託事項; status agrees with the list."""
    for i, f in files(data):
        base = ("files", i, "entrustment")
        status, items = get(f, "entrustment", "status"), entries(f, "entrustment", "items")
        stated = _count(get(f, "entrustment", "count"))
        if stated is not None and stated != len(items):
            yield (
                (*base, "count"),
                "error",
                f"委託件数が（ {stated} ）件ですが、委託事項は{len(items)}件書かれています。件数か委託事項を直してください。",
            )
        if status == "委託しない" and items:
            yield (*base, "status"), "error", f"「委託しない」ですが、委託事項が{len(items)}件あります。"
        if status == "委託する" and not items:
            yield (
                (*base, "status"),
                "error",
                "「委託する」ですが、委託事項が1件もありません。委託事項1を書いてください。",
            )


def provision_count(data: dict[str, Any]) -> Iterator[Finding]:
    """B2/B3 提供・移転 （N）件 = number of 提供先 / 移転先 listed."""
    for i, f in files(data):
        base = ("files", i, "provision")
        status = get(f, "provision", "status") or {}
        for key, lst, name in (
            ("提供を行っている", "recipients", "提供先"),
            ("移転を行っている", "transferees", "移転先"),
        ):
            stated, listed = (
                status.get(key) if isinstance(status, dict) else None,
                entries(f, "provision", lst),
            )
            if _count(stated) is not None and stated != len(listed):  # B2 提供 / B3 移転
                yield (
                    (*base, "status", key),
                    "error",
                    f"「{key}（ {stated} ）件」ですが、"
                    + (f"{name}は{len(listed)}件書かれています" if listed else f"{name}が書かれていません")
                    + f"。件数か{name}を直してください。",
                )
            if not stated and listed:
                yield (
                    (*base, lst),
                    "error",
                    f"{name}が{len(listed)}件ありますが、提供・移転の有無で「{key}」にチェックがありません。",
                )
        if (
            isinstance(status, dict)
            and status.get("行っていない")
            and (status.get("提供を行っている") or status.get("移転を行っている"))
        ):
            yield (
                (*base, "status"),
                "error",
                "「行っていない」と「提供を行っている／移転を行っている」が同時にチェックされています。",
            )


# ---- C: options that demand a dependent item ----
def subcontract_details(data: dict[str, Any]) -> Iterator[Finding]:
    """C1 再委託する → ⑧許諾方法 and ⑨再委託事項; C10 委託先名 and its 確認方法."""
    full = form_type(data) == "full"
    for i, f in files(data):
        for j, item in entries(f, "entrustment", "items"):
            base = ("files", i, "entrustment", "items", j)
            if item.get("subcontract") == "再委託する":
                for key in ("subcontract_permission", "subcontract_items"):
                    if blank(item.get(key)):
                        yield (
                            (*base, key),
                            "error",
                            f"「再委託する」を選んだときは「{form.title((*base, key))}」を書いてください。",
                        )
            if blank(item.get("contractor")):
                yield (
                    (*base, "contractor"),
                    "warning",
                    "委託先名が空欄です。委託先が決まっていなければ「未定」等と書いてください。",
                )
            if full and blank(item.get("contractor_check")):
                yield (*base, "contractor_check"), "warning", "⑤委託先名の確認方法が空欄です。"


def subcontractor_rating(data: dict[str, Any]) -> Iterator[Finding]:
    """C2 Ⅲ４ 再委託先…確保 agrees with the 委託事項: all 再委託しない ⇔ 再委託していない."""
    for i, f in files(data):
        items = [e for _, e in entries(f, "entrustment", "items")]
        chosen = get(f, "risks", "entrustment", "subcontractors", "status")
        if not items or chosen is None:
            continue
        any_sub = any(e.get("subcontract") == "再委託する" for e in items)
        path = ("files", i, "risks", "entrustment", "subcontractors", "status")
        if any_sub and chosen == "再委託していない":
            yield (
                path,
                "error",
                "委託事項に「再委託する」がありますが、ここでは「再委託していない」を選んでいます。",
            )
        if (
            not any_sub
            and chosen != "再委託していない"
            and all(e.get("subcontract") == "再委託しない" for e in items)
        ):
            yield (
                path,
                "error",
                "全ての委託事項が「再委託しない」なので、「4） 再委託していない」を選んでください。",
            )


def other_has_text(data: dict[str, Any]) -> Iterator[Finding]:
    """C9 a checked その他 has text inside its （　）."""
    yield from _walk_checks(data, ())


def _walk_checks(value: Any, path: JsonPath) -> Iterator[Finding]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "その他" and child is True and form.node_at(path) is not None:
                node = form.node_at(path) or {}
                if node.get("x-layout") == "checks":
                    yield (
                        (*path, key),
                        "error",
                        "「その他」にチェックしたときは（　）内に内容を書いてください（例: その他: 中間サーバー）。",
                    )
            yield from _walk_checks(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _walk_checks(child, (*path, i))


def linkage_basis(data: dict[str, Any]) -> Iterator[Finding]:
    """C8 情報連携 実施する → ②法令上の根拠, and no 接続しない box checked."""
    if get(data, "basic_info", "linkage", "status") != "実施する":
        return
    if blank(get(data, "basic_info", "linkage", "legal_basis")):
        yield (
            ("basic_info", "linkage", "legal_basis"),
            "error",
            "情報連携を「実施する」ときは②法令上の根拠を書いてください。",
        )
    both = "情報連携を「実施する」ですが、「接続しない（入手）」「接続しない（提供）」の両方にチェックがあります。"
    for i, f in files(data):
        if get(f, "risks", "network", "no_acquisition") and get(f, "risks", "network", "no_provision"):
            yield ("files", i, "risks", "network"), "warning", both
    if get(data, "basic", "risk", "network", "no_acquisition") and get(
        data, "basic", "risk", "network", "no_provision"
    ):
        yield ("basic", "risk", "network"), "warning", "基礎項目評価書Ⅳ６．で" + both


def incident_details(data: dict[str, Any]) -> Iterator[Finding]:
    """C4 ⑨重大事故 発生あり → その内容 and 再発防止策の内容; C6 ⑩死者の個人番号 保管している → 方法."""
    for i, f in files(data):
        base = ("files", i, "risks", "storage", "r1")
        if get(f, "risks", "storage", "r1", "incident", "status") == "発生あり":
            for key in ("details", "prevention"):
                if blank(get(f, "risks", "storage", "r1", "incident", key)):
                    yield (
                        (*base, "incident", key),
                        "error",
                        f"重大事故が「発生あり」のときは「{form.title((*base, 'incident', key))}」を書いてください。",
                    )
        if get(f, "risks", "storage", "r1", "deceased", "status") == "保管している" and blank(
            get(f, "risks", "storage", "r1", "deceased", "method")
        ):
            yield (
                (*base, "deceased", "method"),
                "error",
                "死者の個人番号を「保管している」ときは具体的な保管方法を書いてください。",
            )


_NEGATIVE = {"定めていない", "行っていない", "記録を残していない", "制限していない", "十分に行っていない"}


def negative_needs_reason(data: dict[str, Any]) -> Iterator[Finding]:
    """C3 定めていない／行っていない／記録を残していない → the text beside it explains why."""
    for path, value, parent in keyed(data, "status"):
        if value in _NEGATIVE and isinstance(parent, dict):
            texts = [v for k, v in parent.items() if k != "status" and isinstance(v, str)]
            if all(blank(t) for t in texts):
                yield (
                    path,
                    "warning",
                    f"「{value}」を選んだ理由や代わりの措置を、具体的な方法等の欄に書いてください。",
                )


def keyed(value: Any, name: str, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str, dict[str, Any]]]:
    """Every text stored under key `name` anywhere in the model, with its path and its mapping."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == name and isinstance(child, str):
                yield (*path, key), child, value
            else:
                yield from keyed(child, name, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from keyed(child, name, (*path, i))


def entrust_flags(data: dict[str, Any]) -> Iterator[Finding]:
    """Ⅲ４ 委託しない / Ⅲ５ 提供・移転しない agree with Ⅱ４ / Ⅱ５."""
    for i, f in files(data):
        status = get(f, "entrustment", "status")
        flag = get(f, "risks", "entrustment", "not_entrusted")
        if status == "委託する" and flag:
            yield (
                ("files", i, "risks", "entrustment", "not_entrusted"),
                "error",
                "Ⅱ４．で「委託する」ですが、Ⅲ４．で「委託しない」にチェックがあります。",
            )
        if status == "委託しない" and flag is False:
            yield (
                ("files", i, "risks", "entrustment", "not_entrusted"),
                "error",
                "Ⅱ４．で「委託しない」なので、Ⅲ４．の「委託しない」にチェックしてください。",
            )
        provides = get(f, "provision", "status")
        if (
            isinstance(provides, dict)
            and provides.get("行っていない")
            and get(f, "risks", "provision", "not_provided") is False
        ):
            yield (
                ("files", i, "risks", "provision", "not_provided"),
                "error",
                "Ⅱ５．で「行っていない」なので、Ⅲ５．の「提供・移転しない」にチェックしてください。",
            )


# ---- B5–B7: bands ----
PERSONS = {
    "1万人未満": (0, 10_000),
    "1万人以上10万人未満": (10_000, 100_000),
    "10万人以上100万人未満": (100_000, 1_000_000),
    "100万人以上1,000万人未満": (1_000_000, 10_000_000),
    "1,000万人以上": (10_000_000, None),
}
USERS_LOW = {
    "10人未満": 0,
    "10人以上50人未満": 10,
    "50人以上100人未満": 50,
    "100人以上500人未満": 100,
    "500人以上1,000人未満": 500,
    "1,000人以上": 1000,
}


def people_bands(data: dict[str, Any]) -> Iterator[Finding]:
    """B5 対象人数 and each file's 対象となる本人の数 are compatible; count matches band; focused limits."""
    band = get(data, "threshold", "people", "band")
    count = _count(get(data, "threshold", "people", "count"))
    count = None if count is not None and count < 0 else count  # the schema reports a negative count
    if count is not None and band and threshold.band_of(count) != band:
        yield (
            ("threshold", "people", "band"),
            "error",
            f"対象人数 {count:,}人は「{threshold.band_of(count)}」です（いまは「{band}」）。",
        )
    band = threshold.band_of(count) if count is not None else band
    if form_type(data) == "focused" and band == "30万人以上":
        yield (
            ("threshold", "people", "band"),
            "error",
            "対象人数が30万人以上の事務は全項目評価が義務付けられます。重点項目評価書には書けません。",
        )
    if band not in threshold.PEOPLE_BANDS:
        return
    low, high = threshold.PEOPLE_BANDS[band]
    spans = [(i, PERSONS[p]) for i, f in files(data) if (p := get(f, "basic", "people")) in PERSONS]
    for i, (f_low, _) in spans:
        if high is not None and f_low >= high:
            yield (
                ("files", i, "basic", "people"),
                "error",
                f"ファイルの対象となる本人の数が、事務全体の対象人数（{band}）を超えています。",
            )
    if spans and len(spans) == len(files(data)):
        highs = [h for _, (_, h) in spans]
        if None not in highs and low >= sum(h for h in highs if h is not None):
            yield (
                ("threshold", "people", "band"),
                "error",
                f"対象人数（{band}）が、全ファイルの対象となる本人の数の合計を超えています。",
            )


def entrust_people(data: dict[str, Any]) -> Iterator[Finding]:
    """B7 each 委託事項's 対象となる本人の数 ≤ its file's ②対象となる本人の数."""
    for i, f in files(data):
        file_band = PERSONS.get(str(get(f, "basic", "people")))
        for j, item in entries(f, "entrustment", "items"):
            sub = PERSONS.get(str(item.get("scope_people")))
            if file_band and sub and file_band[1] is not None and sub[0] >= file_band[1]:
                yield (
                    ("files", i, "entrustment", "items", j, "scope_people"),
                    "error",
                    "委託する範囲の本人の数が、ファイルの対象となる本人の数を超えています。",
                )


def handlers_vs_users(data: dict[str, Any]) -> Iterator[Finding]:
    """B6 使用者数 and 委託先の取扱者数 are compatible with 取扱者数 (500人)."""
    if get(data, "threshold", "handlers", "band") != "500人未満":
        return
    for i, f in files(data):
        users = USERS_LOW.get(str(get(f, "acquisition_use", "users", "count")), 0)
        contractors = sum(
            USERS_LOW.get(str(e.get("handlers")), 0) for _, e in entries(f, "entrustment", "items")
        )
        if users + contractors >= 500:
            yield (
                ("threshold", "handlers", "band"),
                "error",
                (
                    f"取扱者数が「500人未満」ですが、ファイル（{i + 1}）の使用者数と委託先の取扱者数の合計が少なくとも{users + contractors}人です。"
                ),
            )


# ---- D: dates ----
def date_order(data: dict[str, Any]) -> Iterator[Finding]:
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


def _procedure_order(data: dict[str, Any], published: dates.JaDate | None) -> Iterator[Finding]:
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


def _period_length(data: dict[str, Any], period: dates.Period) -> Iterator[Finding]:
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
def threshold_stated(data: dict[str, Any]) -> Iterator[Finding]:
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


def approval_only_for_national(data: dict[str, Any]) -> Iterator[Finding]:
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


def change_rows(data: dict[str, Any]) -> Iterator[Finding]:
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


def unique_ids(data: dict[str, Any]) -> Iterator[Finding]:
    """ids are unique within each list."""
    yield from _ids(data, ())


def _ids(value: Any, path: JsonPath) -> Iterator[Finding]:
    if isinstance(value, list):
        seen: dict[str, int] = {}
        for i, item in enumerate(value):
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str):
                if ident in seen:
                    yield (
                        (*path, i, "id"),
                        "error",
                        f"識別子「{ident}」が{seen[ident] + 1}件目と重複しています。リスト内で異なる id にしてください。",
                    )
                seen.setdefault(ident, i)
            yield from _ids(item, (*path, i))
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _ids(child, (*path, key))


def version_fits(data: dict[str, Any]) -> Iterator[Finding]:
    """The declared 様式 version exists for the declared form type."""
    kind, version = get(data, "form", "type"), get(data, "form", "version")
    if kind and version and (kind, version) not in form.STAMPS:
        known = "、".join(v for k, v in form.STAMPS if k == kind)
        yield (
            ("form", "version"),
            "error",
            f"{form.FORM_NAMES.get(kind, kind)}の様式の版に「{version}」はありません（{known}）。",
        )


def withheld_paths(data: dict[str, Any]) -> Iterator[Finding]:
    """Every 公表しない部分 names an item of the model."""
    from piagen import edition

    for j, entry in entries(data, "withheld"):
        try:
            edition.resolve(data, str(entry.get("path", "")))
        except edition.WithheldPathError:
            yield (
                ("withheld", j, "path"),
                "error",
                f"「{entry.get('path')}」はモデルにない項目です。例: files.0.storage.location（リストは番号か id）。",
            )


RULES: tuple[Rule, ...] = (
    withheld_paths,
    entrust_count,
    provision_count,
    subcontract_details,
    subcontractor_rating,
    other_has_text,
    linkage_basis,
    incident_details,
    negative_needs_reason,
    entrust_flags,
    people_bands,
    entrust_people,
    handlers_vs_users,
    date_order,
    threshold_stated,
    approval_only_for_national,
    change_rows,
    unique_ids,
    version_fits,
)


def run(doc: Document, shape_ok: bool = True) -> list[Problem]:
    """Apply every rule to a model. When the schema already found wrong shapes (`shape_ok` false), a
    rule that trips over them is skipped: the schema message is the one the user needs."""
    out: list[Problem] = []
    for rule in RULES:
        try:
            out.extend(problem(doc, path, severity, message) for path, severity, message in rule(doc.data))
        except (TypeError, ValueError, AttributeError, KeyError):
            if shape_ok:
                raise
    return out
