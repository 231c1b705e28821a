"""Checks a 第三者点検 committee relies on that read the model alone: a 重要な変更 filed 事後 (its own
提出時期に係る説明 or its cause says the risk changes considerably), a 重要な変更 without the steps it
requires in Ⅵ (再評価, 意見聴取, 第三者点検), and parts of the form absent from the original or printed
otherwise (`original:`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from piagen.checks.original import steps
from piagen.findings import Finding
from piagen.model import form
from piagen.model.fields import blank, entries, get, mapping, sequence
from piagen.model.form import form_type
from piagen.review.context import Context, Path

# A 説明 that says the change is a 重要な変更, and the wordings that deny it.
_SAYS = re.compile(r"重要な変更|相当程度変動")
_DENIES = re.compile(
    r"(重要な変更|相当程度変動)[^。、]{0,20}?"
    r"(該当しな|該当せ|当たらな|あたらな|ではな|でない|ものではな|させるものではな|させな|とはいえな|とは言えな)"
)
_EMERGENCY = re.compile(r"緊急|第[９9]条第[２2]項")

LATE = (
    "重要な変更が事後の提出になっています（{why}）。重要な変更は変更前に評価を再実施し、"
    "意見聴取と第三者点検を経て提出します。緊急時の事後評価（規則第９条第２項）に当たるなら、その旨を説明に書いてください。"
)
EMERGENCY = "重要な変更を緊急時の事後評価（規則第９条第２項）として事後に提出しています。速やかに評価を再実施したか確認してください。"
STEPS = "重要な変更（{item}）がありますが、{missing}の記載がありません。重要な変更には評価の再実施、意見聴取、第三者点検が必要です。"


def says_significant(text: Any) -> bool:
    """True when a 提出時期に係る説明 states the change is a 重要な変更 (and does not deny it)."""
    if not isinstance(text, str) or not _SAYS.search(text):
        return False
    return not _DENIES.search(text)


def _rows(data: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any]]]:
    for i, row in entries(data, "changes"):
        yield ("changes", i), row
    for i, row in entries(data, "basic", "changes"):
        yield ("basic", "changes", i), row


def _significant_causes(data: dict[str, Any]) -> list[dict[str, Any]]:
    causes = [mapping(c) for c in sequence(get(data, "revision", "causes"))]
    return [c for c in causes if c.get("significant") is True]


def _cause_of(row: dict[str, Any], causes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The significant cause whose items cover the row's model path (diff records it in `path`)."""
    path = str(row.get("path") or "")
    for cause in causes:
        prefixes = [str(p) for p in sequence(cause.get("items"))]
        if path and any(path == p or path.startswith(p + ".") for p in prefixes):
            return cause
    return None


def _why(row: dict[str, Any], causes: list[dict[str, Any]]) -> str | None:
    """Why the row is a 重要な変更, or None when nothing says it is."""
    if says_significant(row.get("explanation")):
        return f"説明に「{str(row['explanation']).strip()[:40]}」"
    if row.get("significant") is True:
        return "※の項目の変更で、重要な変更と判断されています"
    cause = _cause_of(row, causes)
    if cause is not None:
        return f"原因「{cause.get('text', cause.get('id', ''))}」が重要な変更（significant: true）です"
    return None


def late_significant(c: Context) -> Iterator[Finding]:
    """K1 a row filed 事後 that its own 説明, its judgment or its cause calls a 重要な変更."""
    causes = _significant_causes(c.data)
    for path, row in _rows(c.data):
        if row.get("timing") != "事後":
            continue
        why = _why(row, causes)
        if why is None:
            continue
        cause = _cause_of(row, causes) or {}
        urgent = cause.get("emergency") is True or _EMERGENCY.search(str(row.get("explanation") or ""))
        if urgent:
            yield c.finding("K1", "question", "適合性", (*path, "timing"), EMERGENCY, row.get("item"))
        else:
            yield c.finding("K1", "error", "適合性", (*path, "timing"), LATE.format(why=why), row.get("item"))


_STEPS: tuple[tuple[str, str], ...] = (
    ("public_comment", "Ⅵ２ 国民・住民等からの意見の聴取"),
    ("third_party", "Ⅵ３ 第三者点検"),
)


def significant_without_steps(c: Context) -> Iterator[Finding]:
    """K2 a 重要な変更 in the 変更箇所 while Ⅵ shows no 意見聴取 or 第三者点検 (全項目評価書, not 行政機関等)."""
    if form_type(c.data) != "full" or get(c.data, "cover", "organization_type") == "行政機関等":
        return
    causes = _significant_causes(c.data)
    significant = [(p, r) for p, r in _rows(c.data) if _why(r, causes) is not None]
    if not significant:
        return
    missing = [name for key, name in _STEPS if _all_blank(get(c.data, "procedure", key))]
    if missing:
        path, row = significant[0]
        item = str(row.get("item") or "").strip().splitlines()[0] if row.get("item") else form.label(path)
        yield c.finding(
            "K2", "error", "適合性", ("procedure",), STEPS.format(item=item[:60], missing="、".join(missing))
        )


def _all_blank(value: Any) -> bool:
    return all(blank(v) for v in value.values()) if isinstance(value, dict) else True


def absent_parts(c: Context) -> Iterator[Finding]:
    """K3 a part of the form the original does not print at all (Ⅱ５–Ⅱ７ left out, say)."""
    for text in sequence(get(c.data, "original", "absent")):
        path = steps(str(text))
        if form.node_at(path) is not None:
            message = "様式のこの項目が原本に印字されていません。様式のとおり全ての項目を記載してください。"
            yield c.finding("K3", "error", "適合性", path, message)


def deviating_parts(c: Context) -> Iterator[Finding]:
    """K4 a heading or an option list the original prints otherwise than the form."""
    for _, entry in entries(c.data, "original", "deviations"):
        path = steps(str(entry.get("path", "")))
        if form.node_at(path) is None:
            continue
        if entry.get("heading"):
            shown = f"見出しが「{entry['heading']}」と印字されています（様式: 「{form.title(path)}」）。"
        else:
            shown = (
                "選択肢が様式と異なって印字されています（"
                + "、".join(map(str, entry.get("options") or []))
                + "）。"
            )
        yield c.finding("K4", "warning", "適合性", path, shown + "様式の文言どおりに直してください。")
