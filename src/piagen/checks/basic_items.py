"""B8 every item of the 基礎項目評価書 is printed: stated in the model or derived from the items of the
full or focused form that state the same fact (document.basic_facts); else named, with what to write.

A model of the 基礎項目評価書 alone must state them (error). For a full or focused model, piagen
generates the 基礎項目評価書 beside it, and an item its form never states (いつ時点の計数か) cannot
be derived: a warning (an error under --strict) says which one to add to the model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from piagen import threshold
from piagen.findings import Located, Severity
from piagen.model import basic_facts, form
from piagen.model.fields import entries, get
from piagen.model.form import form_type

Finding = Located

RESULT = ("basic", "threshold_result")
MANDATORY: tuple[tuple[str, ...], ...] = (
    ("basic_info", "task", "name"),
    ("basic_info", "mynumber_use", "legal_basis"),
    ("basic_info", "linkage", "status"),
    ("basic_info", "department", "name"),
    ("basic_info", "department", "head_title"),
    ("disclosure", "request", "to"),
    ("disclosure", "inquiry", "contact"),
    ("threshold", "people", "band"),
    ("threshold", "people", "as_of"),
    ("threshold", "handlers", "band"),
    ("threshold", "handlers", "as_of"),
    ("threshold", "incident", "status"),
    ("basic", "threshold_result"),
    ("other_measures", "audit_checks", "done"),
    ("other_measures", "training", "status"),
)
HOW: dict[tuple[str, ...], str] = {
    ("threshold", "handlers", "band"): "使用者数と委託先の取扱者数からは決まりません。",
    ("threshold", "incident", "status"): (
        "Ⅲ７⑨（過去３年以内・個人情報）が「発生あり」のときは、過去１年以内に特定個人情報に関する重大事故が"
        "あったかどうかは決まりません。"
    ),
    ("other_measures", "audit_checks", "done"): ("Ⅳ１②監査の記載からは内部監査か外部監査か分かりません。"),
}


def _blank(value: Any) -> bool:
    if isinstance(value, dict):
        return not any(value.values())
    return value is None or (isinstance(value, str) and not value.strip())


def basic_items(data: dict[str, Any]) -> Iterator[Finding]:
    """B8 no mandatory item of the 基礎項目評価書 is blank (once the model describes its files: a
    model just started, without any, would only hear that everything is still to be written)."""
    if not entries(data, "files"):
        return
    own = form_type(data) == "basic"
    severity: Severity = "error" if own else "warning"
    for path in MANDATORY:
        shown = threshold.basic_result(data) if path == RESULT else basic_facts.value(data, path)
        if form.node_at(path) is None or not _blank(shown):
            continue
        label = form.title(path, "basic")
        yield (
            path,
            severity,
            f"基礎項目評価書の「{label}」が空欄です。{HOW.get(path, '')}モデルに書いてください。",
        )
    yield from _ratings(data, severity)


def _ratings(data: dict[str, Any], severity: Severity) -> Iterator[Finding]:
    """Ⅳ リスク対策 ratings: stated in `basic.risk`, else the weakest rating of the files."""
    for key in basic_facts.RATING_SOURCES:
        path = ("basic", "risk", *key)
        flag = next((f for f in basic_facts.FLAG_SOURCES if f[0] == key[0]), None)
        if flag and basic_facts.stated_or(
            data, ("basic", "risk", *flag), basic_facts.derived_flag(data, flag)
        ):
            continue  # 委託しない, 提供・移転しない, 接続しない: nothing to rate
        if basic_facts.stated_or(data, path, basic_facts.derived_rating(data, key)) is None and get(
            data, "form"
        ):
            yield (
                path,
                severity,
                f"基礎項目評価書Ⅳの「{form.title(path, 'basic')}」が空欄です。モデルに書いてください。",
            )
