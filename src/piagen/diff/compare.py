"""Comparison of two versions of a model into 変更箇所 rows, each classified 事前/事後 with its reason."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

from piagen import threshold
from piagen.diff import notation
from piagen.model import dates, form
from piagen.model.fields import mapping, sequence
from piagen.model.form import form_type

Path = tuple[str | int, ...]
Kind = Literal["changed", "added", "removed"]
Timing = Literal["事前", "事後"]

# Parts of a model that are not content of the assessment, the change table itself, and the 公表日,
# which every revision changes and no real table lists.
SKIP = {
    ("piagen",),
    ("form",),
    ("changes",),
    ("revision",),
    ("basic", "changes"),
    ("cover", "published"),
    ("original",),
}
NOT_SIGNIFICANT_ITEM = (
    "重要な変更の対象となる記載項目（※）ではないため、事前の提出・公表が義務付けられない変更"
)
NOT_SIGNIFICANT = "特定個人情報の漏えいその他の事態を発生させるリスクを相当程度変動させるものではないため、重要な変更に当たらない"
SIGNIFICANT = "重要な変更に当たるため、変更前に特定個人情報保護評価を再実施する"
EMERGENCY = (
    "特定個人情報保護評価に関する規則第９条第２項の規定（緊急時の事後評価）の適用対象であるため、事後に提出"
)
NONE_TEXT = "（記載なし）"
OMITTED = "（略）"


@dataclass(frozen=True)
class Change:
    """One row of the 変更箇所 appendix, with what piagen derived and what needs a human decision."""

    path: Path
    item: str
    before: str
    after: str
    kind: Kind
    starred: bool
    date: str = ""
    timing: Timing | None = None
    significant: bool | None = None
    explanation: str = ""
    cause: str = ""
    open_points: tuple[str, ...] = ()

    def section(self) -> str:
        """The form section the row belongs to (Ⅰ…Ⅵ or an annex), for grouping."""
        return self.item.split(" ")[0]

    def as_row(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "item": self.item,
            "before": self.before,
            "after": self.after,
            "timing": self.timing,
            "significant": self.significant,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Result:
    """All rows of a comparison, plus what the procedure now requires."""

    changes: tuple[Change, ...]
    requirements: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        return {
            "事前": sum(c.timing == "事前" for c in self.changes),
            "事後": sum(c.timing == "事後" for c in self.changes),
            "未判断": sum(bool(c.open_points) for c in self.changes),
        }


def text_of(value: Any) -> str:
    """How a value reads in a 変更箇所 cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "○" if value else ""
    if isinstance(value, dict):  # a checkbox list: the ticked options, with their （　） text
        return "、".join(
            k if v is True else f"{k}（{v}）" for k, v in value.items() if v not in (None, False)
        )
    return str(value)


def _ident(entry: Any, index: int) -> str:
    return str(entry.get("id")) if isinstance(entry, dict) and entry.get("id") is not None else f"#{index}"


def _is_checks(path: Path) -> bool:
    node = form.node_at(path) or {}
    return node.get("x-layout") == "checks"


def walk(old: Any, new: Any, path: Path = ()) -> Iterator[tuple[Path, Kind, Any, Any]]:
    """Every difference between two model values: changed leaves, added and removed list entries."""
    if path in SKIP:
        return
    if isinstance(old, dict) and isinstance(new, dict) and not _is_checks(path):
        order = list(new) + [k for k in old if k not in new]
        for key in order:
            # An entry's printed `number` only labels it (システム6): not a change of the document.
            if key != "id" and not (key == "number" and path and isinstance(path[-1], int)):
                yield from walk(old.get(key), new.get(key), (*path, key))
    elif isinstance(old, list) and isinstance(new, list) and _has_ids(old + new):
        yield from _walk_list(old, new, path)
    elif _norm(old) != _norm(new):
        yield path, "changed", old, new


def _has_ids(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(e, dict) and "id" in e for e in items)


def _walk_list(old: list[Any], new: list[Any], path: Path) -> Iterator[tuple[Path, Kind, Any, Any]]:
    before = {_ident(e, i): (i, e) for i, e in enumerate(old)}
    after_ids = {_ident(e, i) for i, e in enumerate(new)}
    for i, entry in enumerate(new):
        ident = _ident(entry, i)
        if ident in before:
            yield from walk(before[ident][1], entry, (*path, i))
        else:
            yield (*path, i), "added", None, entry
    for ident, (i, entry) in before.items():
        if ident not in after_ids:
            yield (*path, i), "removed", entry, None


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items() if _norm(v) not in (None, False)} or None
    if value is False or value == []:
        return None
    return value


def compare(old: dict[str, Any], new: dict[str, Any]) -> Result:
    """The 変更箇所 rows from `old` to `new`, in form order, classified with the new version's causes."""
    kind = form_type(new)
    rows = [_row(new if k != "removed" else old, p, k, a, b, kind) for p, k, a, b in walk(old, new)]
    revision = mapping(new.get("revision"))
    rows = [classify(r, revision, kind) for r in rows]
    return Result(tuple(rows), _requirements(old, new, rows, kind))


def _names(data: dict[str, Any]) -> dict[Path, str]:
    """Entry names printed in 項目: a file's name when there are several files, nothing for one."""
    files = sequence(data.get("files"))
    if len(files) <= 1:
        return {("files", 0): ""}
    # The entry marker already prints （１）; names written with their number are not numbered twice.
    return {
        ("files", i): re.sub(r"^\s*[（(][0-9０-９]+[）)]\s*", "", str(f.get("name") or ""))
        for i, f in enumerate(files)
        if isinstance(f, dict)
    }


def _row(
    data: dict[str, Any], path: Path, kind: Kind, old: Any, new: Any, form_kind: form.FormType
) -> Change:
    item = form.item_label(
        path, form_kind, names=_names(data), style="table", with_star=False, numbers=form.entry_numbers(data)
    )
    starred = form.is_starred(path, form_kind)
    if kind == "added":
        return Change(path, item, NONE_TEXT, f"「{_entry_name(new)}」を追加", kind, starred)
    if kind == "removed":
        return Change(path, item, f"「{_entry_name(old)}」", "削除", kind, starred)
    before, after = notation.texts(path, old, new) or shorten(text_of(old), text_of(new))
    return Change(path, item, before or NONE_TEXT, after or "削除", kind, starred)


def _entry_name(entry: Any) -> str:
    if isinstance(entry, dict):
        for key in ("name", "title", "text", "id"):
            if isinstance(entry.get(key), str) and entry[key].strip():
                return str(entry[key]).strip().splitlines()[0]
    return str(entry)


def shorten(before: str, after: str, keep: int = 1) -> tuple[str, str]:
    """Replace long unchanged runs of sentences by （略）, keeping the changed sentences whole. As real
    tables do, the sub-heading that introduces the change (「＜…における措置＞」, 「（２）…」) is quoted
    before it instead of the sentence before it."""
    a, b = _sentences(before), _sentences(after)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if head + tail == 0 or len(before) + len(after) < 200:
        return before, after
    cut_head, cut_tail = max(head - keep, 0), max(tail - keep, 0)
    heading = notation.heading_before(a, head)

    def join(parts: list[str]) -> str:
        middle = "".join(parts[cut_head : len(parts) - cut_tail])
        lead = OMITTED if cut_head else ""
        if heading is not None and heading < cut_head:
            # the heading, then the whole line that holds the first change (a bullet of several sentences)
            start = max([i + 1 for i in range(head) if parts[i].endswith("\n")] + [heading + 1])
            lead = (OMITTED if heading else "") + parts[heading]
            middle = "".join(parts[start : len(parts) - cut_tail])
        return lead + middle + (OMITTED if cut_tail else "")

    return join(a), join(b)


def _sentences(text: str) -> list[str]:
    """Sentences with their closing 「。」 and line break (「。\n」 is one boundary, not two)."""
    return [s for s in re.findall(r"[^。\n]*(?:。\n?|\n|$)", text) if s]


def classify(row: Change, revision: dict[str, Any], kind: form.FormType) -> Change:
    """Derive 提出時期 and 提出時期に係る説明 from the revision's causes; list what a person must decide."""
    causes = (
        [c for c in revision.get("causes", []) if isinstance(c, dict)] if isinstance(revision, dict) else []
    )
    cause = _cause_for(row.path, causes)
    date = str(revision.get("date") or "") if isinstance(revision, dict) else ""
    open_points: list[str] = []
    if cause is None:
        open_points.append("この変更の原因（revision.causes）が記録されていません。")
        return replace(
            row, date=date, significant=False if not row.starred else None, open_points=tuple(open_points)
        )
    timing = _timing(cause, date, open_points)
    significant = _significance(row, cause, open_points)
    if significant and timing == "事後" and not cause.get("emergency"):
        open_points.append(
            "重要な変更が事後の提出になっています。緊急時の事後評価（規則第９条第２項）に当たらなければ、変更前に評価を再実施してください。"
        )
    return replace(
        row,
        date=date,
        timing=timing,
        significant=significant,
        explanation=_explanation(row, cause, significant, timing),
        cause=str(cause.get("text") or ""),
        open_points=tuple(open_points),
    )


def _cause_for(path: Path, causes: list[dict[str, Any]]) -> dict[str, Any] | None:
    dotted = ".".join(str(p) for p in path)
    for cause in causes:
        if any(dotted == i or dotted.startswith(f"{i}.") for i in cause.get("items") or []):
            return cause
    general = [c for c in causes if not c.get("items")]
    return general[0] if len(general) == 1 else None


def _timing(cause: dict[str, Any], date: str, open_points: list[str]) -> Timing | None:
    if cause.get("emergency"):
        return "事後"
    effective, submitted = dates.optional(cause.get("effective")), dates.optional(date)
    if effective is None:
        open_points.append(f"原因「{cause.get('text')}」に変更が効力を生じる日（effective）がありません。")
        return None
    if submitted is None:
        open_points.append("変更日（revision.date）がないため、事前か事後かを決められません。")
        return None
    return "事前" if effective.first_day() > submitted.last_day() else "事後"


def _significance(row: Change, cause: dict[str, Any], open_points: list[str]) -> bool | None:
    if not row.starred:
        return False
    judged = cause.get("significant")
    if judged is None:
        open_points.append("※の項目の変更です。重要な変更に当たるか（significant）と理由を記録してください。")
    return judged if isinstance(judged, bool) else None


def _explanation(row: Change, cause: dict[str, Any], significant: bool | None, timing: Timing | None) -> str:
    text = str(cause.get("text") or "")
    if cause.get("emergency"):
        return f"{text}。{EMERGENCY}" if text else EMERGENCY
    if significant is None:
        return text
    reason = str(cause.get("reason") or "").rstrip("。")
    if significant:
        core = f"{reason}。{SIGNIFICANT}" if reason else SIGNIFICANT
    elif row.starred:
        core = f"{reason}ため、重要な変更に当たらない" if reason else NOT_SIGNIFICANT
    else:
        core = NOT_SIGNIFICANT_ITEM if timing == "事後" else ""
    return "。".join(p for p in (text, core) if p)


def _requirements(
    old: dict[str, Any], new: dict[str, Any], rows: list[Change], kind: form.FormType
) -> tuple[str, ...]:
    """What the procedure now requires: re-assessment, public comment, 第三者点検, a higher form."""
    out = []
    before, after = threshold.from_model(old), threshold.from_model(new)
    if before and after and threshold.RESULTS.index(after.result) > threshold.RESULTS.index(before.result):
        out.append(
            f"しきい値判断の結果が「{threshold.wording(before.result, 'basic')}」から「{threshold.wording(after.result, 'basic')}」に上がります。"
            "新たに義務付けられる評価を実施（再実施）してください。"
        )
    if any(r.significant for r in rows):
        steps = "国民・住民等からの意見の聴取（30日以上）と第三者点検" if kind == "full" else "評価"
        out.append(f"重要な変更があるため、変更の前に特定個人情報保護評価の再実施（{steps}）が必要です。")
    undecided = sum(1 for r in rows if r.open_points)
    if undecided:
        out.append(f"{undecided}件の行に判断が必要な点があります。")
    return tuple(out)


def json_report(result: Result) -> dict[str, Any]:
    """The comparison as JSON: rows, counts and requirements."""
    rows = [
        {
            **c.as_row(),
            "path": dotted(c.path),
            "kind": c.kind,
            "starred": c.starred,
            "open": list(c.open_points),
        }
        for c in result.changes
    ]
    return {"changes": rows, "counts": result.counts(), "requirements": list(result.requirements)}


def text_report(result: Result) -> str:
    """The comparison as terminal text."""
    lines = []
    for c in result.changes:
        star = "　※" if c.starred else ""
        lines.append(f"■ {c.item}{star}")
        lines.append(f"  変更前: {c.before}")
        lines.append(f"  変更後: {c.after}")
        lines.append(f"  提出時期: {c.timing or '（未定）'}　{c.explanation}")
        lines.extend(f"  要判断: {p}" for p in c.open_points)
    counts = result.counts()
    lines.append(
        f"変更 {len(result.changes)}件（事前 {counts['事前']}件、事後 {counts['事後']}件、判断が必要 {counts['未判断']}件）"
    )
    lines.extend(f"手続: {r}" for r in result.requirements)
    return "\n".join(lines) + "\n"


def dotted(path: tuple[str | int, ...]) -> str:
    """`files.0.storage.location`: how a row records its item's path."""
    return ".".join(str(p) for p in path)
