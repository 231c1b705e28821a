"""Checks across the models of a portfolio, each a rule with a stable id (registry `RULES`):
PF1 the same 評価書番号 twice for one 評価実施機関, PF2 a 評価書 without 評価書番号, PF3 the same
system described differently in two models (a fragment that should be shared), PF4 a department
renamed in one model's 変更箇所 but still written under its old name elsewhere."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from piagen.model import form
from piagen.model.fields import get, sequence
from piagen.portfolio.folder import Entry
from piagen.review.context import UNPRINTED, leaves

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One cross-document finding: rule id, severity, the models concerned (names), the item and message."""

    rule: str
    severity: Severity
    documents: tuple[str, ...]
    item: str
    message: str

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "documents": list(self.documents),
            "item": self.item,
            "message": self.message,
        }

    def format(self) -> str:
        prefix = "" if self.severity == "error" else "警告: "
        return f"{self.rule} {'、'.join(self.documents)}: {self.item}: {prefix}{self.message}"


Rule = Callable[[list[Entry]], Iterator[Finding]]


def _number(entry: Entry) -> str:
    value = get(entry.data, "cover", "number")
    return unicodedata.normalize("NFKC", str(value)).strip() if isinstance(value, (str, int)) else ""


def duplicate_numbers(entries: list[Entry]) -> Iterator[Finding]:
    """PF1: 評価書番号 are given per 評価実施機関; two models with the same one are one too many."""
    seen: dict[tuple[str, str], list[str]] = {}
    for e in entries:
        if e.doc is not None and _number(e):
            organization = str(get(e.data, "cover", "organization") or "").strip()
            seen.setdefault((organization, _number(e)), []).append(e.name)
    for (organization, number), names in seen.items():
        if len(names) > 1:
            yield Finding(
                "PF1",
                "error",
                tuple(names),
                "表紙 評価書番号",
                f"{organization}の評価書番号 {number} が{len(names)}件の評価書にあります。"
                "番号は評価書ごとに異なります。どちらかの番号を確認してください。",
            )


def missing_numbers(entries: list[Entry]) -> Iterator[Finding]:
    """PF2: every published 評価書 has a 評価書番号 (a draft not yet numbered is only warned about)."""
    for e in entries:
        if e.doc is not None and not _number(e):
            yield Finding(
                "PF2",
                "warning",
                (e.name,),
                "表紙 評価書番号",
                "評価書番号がありません。公表済みの評価書なら、委員会に提出したときの番号を記入してください。",
            )


_ALIAS = re.compile(r"[（(]以下[^）)]*[）)]")


def _key(text: str) -> str:
    """A system's name or function reduced for comparison (width, spaces, 「以下…という」 dropped)."""
    plain = unicodedata.normalize("NFKC", _ALIAS.sub("", text))
    return re.sub(r"\s+", "", plain)


def different_systems(entries: list[Entry]) -> Iterator[Finding]:
    """PF3: a system named alike in several models has one description (share it as a fragment)."""
    described: dict[str, dict[str, list[str]]] = {}
    shown: dict[str, str] = {}
    for e in entries:
        for system in sequence(get(e.data, "basic_info", "systems")):
            if not isinstance(system, dict) or not isinstance(system.get("name"), str):
                continue
            name = _key(system["name"])
            shown.setdefault(name, _ALIAS.sub("", system["name"]).strip())
            function = _key(str(system.get("function") or ""))
            described.setdefault(name, {}).setdefault(function, []).append(e.name)
    for name, variants in described.items():
        if len(variants) > 1:
            groups = sorted(variants.values(), key=lambda names: (-len(names), names))
            documents = tuple(n for names in groups for n in names)
            yield Finding(
                "PF3",
                "warning",
                documents,
                "Ⅰ ２．特定個人情報ファイルを取り扱う事務において使用するシステム ②システムの機能",
                f"システム「{shown[name]}」の機能の記載が{len(variants)}通りあります"
                f"（{' ／ '.join('、'.join(g) for g in groups)}）。同じシステムなら、記載を1つのファイルにまとめて"
                "各モデルから !include してください。",
            )


def _renames(entry: Entry) -> Iterator[tuple[str, str]]:
    """(old, new) department names from the model's 変更箇所 rows about a 部署."""
    for r in sequence(entry.data.get("changes")):
        if not isinstance(r, dict) or "部署" not in str(r.get("item") or ""):
            continue
        old, new = str(r.get("before") or "").strip(), str(r.get("after") or "").strip()
        if 4 <= len(old) <= 60 and new and "\n" not in old and old not in new:
            yield old, new


def _printed(entry: Entry) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for path, value in leaves(entry.data, ()):
        if isinstance(value, str) and path[:1] not in UNPRINTED and path[:1] != ("piagen",):
            yield path, value


def stale_departments(entries: list[Entry]) -> Iterator[Finding]:
    """PF4: a department renamed in one model's 変更箇所 is not still written under its old name."""
    renames = {(old, new): e.name for e in entries for old, new in _renames(e)}
    for (old, new), renamed_in in renames.items():
        for e in entries:
            hit = next((p for p, text in _printed(e) if old in text and new not in text), None)
            if hit is None:
                continue
            yield Finding(
                "PF4",
                "warning",
                (e.name, renamed_in) if e.name != renamed_in else (e.name,),
                form.label_in(e.data, hit),
                f"部署名「{old}」は {renamed_in} の変更箇所で「{new}」に改められていますが、"
                f"{e.name} にはまだ旧名が書かれています。組織改正なら全ての評価書で改めてください"
                "（piagen revise --replace で一括して変更できます）。",
            )


RULES: dict[str, Rule] = {
    "PF1": duplicate_numbers,
    "PF2": missing_numbers,
    "PF3": different_systems,
    "PF4": stale_departments,
}


def run(entries: list[Entry]) -> list[Finding]:
    """Every cross-document finding, errors first, in rule order."""
    found = [f for rule in RULES.values() for f in rule(entries)]
    return sorted(found, key=lambda f: (f.severity != "error", f.rule))
