"""`piagen revise`: one change applied to every model of a portfolio it concerns — the words
replaced in the YAML text (shared fragments once), the cause recorded in each model's `revision`,
the 変更箇所 rows appended as `piagen diff --write` does — planned entirely in memory, so the command
line writes every file or none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from piagen.diff import compare
from piagen.errors import ModelError
from piagen.findings import Finding
from piagen.model import dates, source, textedit
from piagen.model.fields import mapping
from piagen.model.textedit import RECORDS, changes_include, replace_words, set_revision
from piagen.portfolio.folder import name_of


@dataclass(frozen=True)
class Cause:
    """What the revision records: why, when it takes effect, the 変更日, and the 重要な変更 judgement."""

    text: str
    effective: dt.date
    date: dt.date
    significant: bool | None = None
    reason: str = ""


@dataclass(frozen=True)
class Outcome:
    """What the revision did to one 評価書."""

    name: str
    rows: tuple[compare.Change, ...] = ()
    requirements: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.rows)

    @property
    def undecided(self) -> tuple[compare.Change, ...]:
        return tuple(r for r in self.rows if r.open_points)

    @property
    def reassessment(self) -> bool:
        """A 重要な変更: the assessment is carried out again before the change (事前)."""
        return any(r.significant for r in self.rows)


@dataclass
class Plan:
    """Every file's new text, each model's outcome, and the problems that stop the revision."""

    files: dict[Path, str] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)


def _ja(day: dt.date) -> str:
    return dates.JaDate(day.year, day.month, day.day).format()


# The rule id of a revision piagen refuses to make by itself (the user edits by hand).
REFUSED_RULE = "PF-revise"


def _problem(file: str, line: int, column: int, message: str) -> Finding:
    return Finding(REFUSED_RULE, "error", message, "$", "", file, line, column)


class _Texts:
    """File texts as read, then as edited: the reader `source.load` uses for the revised models."""

    def __init__(self) -> None:
        self.texts: dict[Path, str] = {}
        self.original: dict[Path, str] = {}

    def read(self, path: Path, shown: str) -> str:
        if path not in self.texts:
            self.texts[path] = self.original[path] = source.read_text(path, shown)
        return self.texts[path]

    def changed(self) -> dict[Path, str]:
        return {p: t for p, t in self.texts.items() if t != self.original[p]}


def _load(path: Path, texts: _Texts, folder: Path) -> source.Document:
    return source.load(path, display=str, reader=texts.read, root=folder)  # fragments shared in the folder


def _replace(expected: Any, pairs: list[tuple[str, str]], top: bool = True) -> Any:
    """The data as the replacement should leave it (records untouched)."""
    if isinstance(expected, str):
        for old, new in pairs:
            expected = expected.replace(old, new)
        return expected
    if isinstance(expected, dict):
        return {k: v if top and k in RECORDS else _replace(v, pairs, False) for k, v in expected.items()}
    if isinstance(expected, list):
        return [_replace(v, pairs, False) for v in expected]
    return expected


def plan(folder: Path, models: list[Path], cause: Cause, pairs: list[tuple[str, str]]) -> Plan:
    """The revision of every model in `models` (paths in `folder`), nothing written."""
    texts, result = _Texts(), Plan()
    before: dict[Path, source.Document] = {}
    for path in models:
        try:
            before[path] = _load(path, texts, folder)
        except ModelError as exc:
            result.problems.extend(exc.problems)
    if result.problems:
        return result
    protected = {
        (p.parent / inc).resolve() for p in models if (inc := changes_include(texts.texts[p.resolve()]))
    }
    model_files = {p.resolve() for p in models}
    for file in sorted(set(texts.texts) - protected):
        edited = replace_words(texts.texts[file], pairs, file in model_files)
        texts.texts[file] = edited.text
        result.problems.extend(
            _problem(
                str(file),
                r.line,
                r.column,
                "置き換える語句が改行やエスケープをまたいで書かれているため、自動では置き換えられません。手で直してから実行してください。",
            )
            for r in edited.refused
        )
    for path in models:
        _revise_one(folder, path, before[path], texts, cause, pairs, protected, result)
    if not result.problems:
        result.files = texts.changed()
    return result


def _revise_one(
    folder: Path,
    path: Path,
    old: source.Document,
    texts: _Texts,
    cause: Cause,
    pairs: list[tuple[str, str]],
    protected: set[Path],
    result: Plan,
) -> None:
    name = name_of(folder, path)
    replaced = _load(path, texts, folder)
    if replaced.data == old.data:
        result.outcomes.append(Outcome(name))
        return
    if replaced.data != _replace(old.data, pairs):
        result.problems.append(
            _problem(
                str(path),
                1,
                1,
                "置き換えの結果を確かめられませんでした（値の書き方が特殊です）。手で直してください。",
            )
        )
        return
    items = sorted({compare.dotted(c.path) for c in compare.compare(old.data, replaced.data).changes})
    main = path.resolve()
    texts.texts[main] = set_revision(texts.texts[main], _revision(old.data, cause, items))
    revised = _load(path, texts, folder).data
    outcome = compare.compare(old.data, revised)
    include = changes_include(texts.texts[main])
    target = (path.parent / include).resolve() if include else main
    if include and target not in protected:
        raise AssertionError("a changes include is protected from replacement")
    rows = [{**c.as_row(), "path": compare.dotted(c.path)} for c in outcome.changes]
    rows = [{k: v for k, v in r.items() if v not in (None, "")} for r in rows]
    texts.read(target, str(target))
    texts.texts[target] = textedit.append(texts.texts[target], rows)
    result.outcomes.append(Outcome(name, outcome.changes, outcome.requirements))


def _revision(data: dict[str, Any], cause: Cause, items: list[str]) -> dict[str, Any]:
    """The model's `revision` with this cause: added to the causes of a revision of the same 変更日,
    otherwise a new revision (the previous one's causes belong to the rows it wrote)."""
    current = mapping(data.get("revision"))
    date = _ja(cause.date)
    same = dates.optional(current.get("date"))
    causes = list(current.get("causes") or []) if same and same.first_day() == cause.date else []
    entry: dict[str, Any] = {
        "id": f"revise-{cause.date:%Y%m%d}-{len(causes) + 1}",
        "text": cause.text,
        "effective": _ja(cause.effective),
    }
    if cause.significant is not None:
        entry["significant"] = cause.significant
    if cause.reason:
        entry["reason"] = cause.reason
    entry["items"] = items
    return {"date": date, "causes": [*causes, entry]}


def json_report(result: Plan) -> dict[str, Any]:
    """The revision as `--format json` prints it."""
    return {
        "documents": [
            {
                "name": o.name,
                "changed": o.changed,
                "rows": [
                    {**r.as_row(), "path": compare.dotted(r.path), "open": list(r.open_points)}
                    for r in o.rows
                ],
                "undecided": len(o.undecided),
                "reassessment": o.reassessment,
                "requirements": list(o.requirements),
            }
            for o in result.outcomes
        ],
        "problems": [p.as_json() for p in result.problems],
        "files": sorted(str(p) for p in result.files),
    }


def text_report(result: Plan) -> str:
    """The revision for the terminal: which 評価書 changed, rows to decide, 事前 re-assessments."""
    lines = []
    for o in result.outcomes:
        if not o.changed:
            lines.append(f"{o.name}: 該当なし")
            continue
        lines.append(
            f"{o.name}: 変更箇所 {len(o.rows)}行を追記"
            + ("（重要な変更: 変更前に評価の再実施が必要）" if o.reassessment else "")
        )
        for r in o.undecided:
            lines.extend(f"  要判断 {r.item}: {p}" for p in r.open_points)
    changed = [o for o in result.outcomes if o.changed]
    lines.append(
        f"{len(changed)}件の評価書を変更（判断が必要な行 {sum(len(o.undecided) for o in changed)}行、"
        f"事前の再実施が必要な評価書 {sum(o.reassessment for o in changed)}件）"
    )
    return "\n".join(lines) + "\n"
