"""Checks across the models of a portfolio, reported per document with the shared finding type and
a registry of stable rule ids (`REGISTRY`, listed in docs/checks.md): PF1 the same 評価書番号 twice
for one 評価実施機関, PF2 a 評価書 without 評価書番号, PF3 the same system described differently in
two models (a fragment that should be shared), PF4 a department renamed in one model's 変更箇所 but
still written under its old name elsewhere."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from piagen.findings import Check, Finding, Registry, Rule, Severity
from piagen.model import form
from piagen.model.fields import get, sequence
from piagen.model.source import json_path
from piagen.portfolio.folder import Entry
from piagen.review.context import UNPRINTED, leaves

JsonPath = tuple[str | int, ...]
Found = tuple[str, Finding]  # (the model's name in the portfolio, the finding in that model)
PortfolioCheck = Callable[[list[Entry]], Iterator[Found]]
SYSTEM_FUNCTION = "Ⅰ ２．特定個人情報ファイルを取り扱う事務において使用するシステム ②システムの機能"


def finding(
    entry: Entry, rule: str, severity: Severity, path: JsonPath, message: str, text: str = ""
) -> Found:
    """A finding located in `entry` at `path` (the nearest written parent when the item is absent)."""
    assert entry.doc is not None
    marks = entry.doc.marks
    at = next((path[:n] for n in range(len(path), -1, -1) if path[:n] in marks), ())
    mark = marks[at]
    label = form.label_in(entry.data, path) if path else ""
    shown = Finding(
        rule, severity, message, json_path(path), label, mark.file, mark.line, mark.column, None, text
    )
    return entry.name, shown


def _number(entry: Entry) -> str:
    value = get(entry.data, "cover", "number")
    return unicodedata.normalize("NFKC", str(value)).strip() if isinstance(value, (str, int)) else ""


def duplicate_numbers(entries: list[Entry]) -> Iterator[Found]:
    """PF1: 評価書番号 are given per 評価実施機関; two models with the same one are one too many."""
    seen: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        if e.doc is not None and _number(e):
            organization = str(get(e.data, "cover", "organization") or "").strip()
            seen.setdefault((organization, _number(e)), []).append(e)
    for (organization, number), same in seen.items():
        for e in same if len(same) > 1 else []:
            others = "、".join(o.name for o in same if o is not e)
            yield finding(
                e,
                "PF1",
                "error",
                ("cover", "number"),
                f"{organization}の評価書番号 {number} は {others} にもあります。番号は評価書ごとに異なります。"
                "どちらかの番号を確認してください。",
                number,
            )


def missing_numbers(entries: list[Entry]) -> Iterator[Found]:
    """PF2: every published 評価書 has a 評価書番号 (a draft not yet numbered is only warned about)."""
    for e in entries:
        if e.doc is not None and not _number(e):
            yield finding(
                e,
                "PF2",
                "warning",
                ("cover", "number"),
                "評価書番号がありません。公表済みの評価書なら、委員会に提出したときの番号を記入してください。",
            )


_ALIAS = re.compile(r"[（(]以下[^）)]*[）)]")


def _key(text: str) -> str:
    """A system's name or function reduced for comparison (width, spaces, 「以下…という」 dropped)."""
    plain = unicodedata.normalize("NFKC", _ALIAS.sub("", text))
    return re.sub(r"\s+", "", plain)


def _systems(entries: list[Entry]) -> dict[str, dict[str, list[tuple[Entry, int, str]]]]:
    """Systems by reduced name, then by reduced function: (model, index in its list, name as written)."""
    described: dict[str, dict[str, list[tuple[Entry, int, str]]]] = {}
    for e in entries:
        for i, system in enumerate(sequence(get(e.data, "basic_info", "systems"))):
            if isinstance(system, dict) and isinstance(system.get("name"), str):
                function = _key(str(system.get("function") or ""))
                shown = _ALIAS.sub("", system["name"]).strip()
                described.setdefault(_key(system["name"]), {}).setdefault(function, []).append((e, i, shown))
    return described


def different_systems(entries: list[Entry]) -> Iterator[Found]:
    """PF3: a system named alike in several models has one description (share it as a fragment)."""
    for variants in _systems(entries).values():
        if len(variants) < 2:
            continue
        groups = sorted(variants.values(), key=lambda g: (-len(g), [e.name for e, _, _ in g]))
        listing = " ／ ".join("、".join(e.name for e, _, _ in g) for g in groups)
        for group in groups:
            for e, i, shown in group:
                yield finding(
                    e,
                    "PF3",
                    "warning",
                    ("basic_info", "systems", i, "function"),
                    f"システム「{shown}」の機能の記載が{len(variants)}通りあります（{listing}）。"
                    "同じシステムなら、記載を1つのファイルにまとめて各モデルから !include してください。",
                )


def _renames(entry: Entry) -> Iterator[tuple[str, str]]:
    """(old, new) department names from the model's 変更箇所 rows about a 部署."""
    for r in sequence(entry.data.get("changes")):
        if not isinstance(r, dict) or "部署" not in str(r.get("item") or ""):
            continue
        old, new = str(r.get("before") or "").strip(), str(r.get("after") or "").strip()
        if 4 <= len(old) <= 60 and new and "\n" not in old and old not in new:
            yield old, new


def _printed(entry: Entry) -> Iterator[tuple[JsonPath, str]]:
    for path, value in leaves(entry.data, ()):
        if isinstance(value, str) and path[:1] not in UNPRINTED and path[:1] != ("piagen",):
            yield path, value


def stale_departments(entries: list[Entry]) -> Iterator[Found]:
    """PF4: a department renamed in one model's 変更箇所 is not still written under its old name."""
    renames = {(old, new): e.name for e in entries for old, new in _renames(e)}
    for (old, new), renamed_in in renames.items():
        for e in entries:
            hit = next((p for p, text in _printed(e) if old in text and new not in text), None)
            if hit is None:
                continue
            yield finding(
                e,
                "PF4",
                "warning",
                hit,
                f"部署名「{old}」は {renamed_in} の変更箇所で「{new}」に改められていますが、"
                f"{e.name} にはまだ旧名が書かれています。組織改正なら全ての評価書で改めてください"
                "（piagen revise --replace で一括して変更できます）。",
                old,
            )


RULES = (
    Rule("PF1", "No two models of one 評価実施機関 have the same 評価書番号 (the models are not rendered)."),
    Rule("PF2", "Every model has a 評価書番号."),
    Rule(
        "PF3",
        "A system named alike in several models has one ②システムの機能 (share it as an !include fragment).",
    ),
    Rule(
        "PF4",
        "A department renamed in one model's 変更箇所 is not still written under its old name in any model.",
    ),
    Rule("PF-revise", "piagen revise refuses a value whose written form does not contain the words as read."),
)
REGISTRY: Registry[PortfolioCheck] = Registry(
    "portfolio",
    RULES,
    (
        Check(duplicate_numbers, ("PF1",)),
        Check(missing_numbers, ("PF2",)),
        Check(different_systems, ("PF3",)),
        Check(stale_departments, ("PF4",)),
    ),
)


def run(entries: list[Entry]) -> dict[str, list[Finding]]:
    """Every cross-document finding, by model name (models without any are absent), errors first."""
    out: dict[str, list[Finding]] = {}
    for check in REGISTRY:
        for name, found in check.run(entries):
            out.setdefault(name, []).append(found)
    return {n: sorted(f, key=lambda x: (x.severity != "error", x.rule)) for n, f in out.items()}


def as_json(found: dict[str, list[Finding]]) -> list[dict[str, Any]]:
    """The findings as `--format json` lists them: each with the model it is about."""
    return [{"document": name, **f.as_json()} for name, fs in found.items() for f in fs]
