"""Cross-item consistency rules of a model: counts and options that demand a dependent item.

Each rule is a small function yielding (path, severity, message), registered with its rule id in
checks/registry.py; ids in the docstrings refer to the checklist of review-practice.md §2.5.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from piagen.findings import Located
from piagen.model import form
from piagen.model.fields import blank, count_of, entries, files, get, keyed
from piagen.model.form import form_type
from piagen.model.source import JsonPath, json_path


# ---- B: counts ----
def entrust_count(data: dict[str, Any]) -> Iterator[Located]:
    """B1 委託の有無 （N）件 = number of 委託事項; status agrees with the list."""
    for i, f in files(data):
        base = ("files", i, "entrustment")
        status, items = get(f, "entrustment", "status"), entries(f, "entrustment", "items")
        stated = count_of(get(f, "entrustment", "count"))
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


def provision_count(data: dict[str, Any]) -> Iterator[Located]:
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
            if count_of(stated) is not None and stated != len(listed):  # B2 提供 / B3 移転
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
def subcontract_details(data: dict[str, Any]) -> Iterator[Located]:
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


def subcontractor_rating(data: dict[str, Any]) -> Iterator[Located]:
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


def other_has_text(data: dict[str, Any]) -> Iterator[Located]:
    """C9 a checked その他 has text inside its （　）."""
    yield from _walk_checks(data, ())


def _walk_checks(value: Any, path: JsonPath) -> Iterator[Located]:
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


def linkage_basis(data: dict[str, Any]) -> Iterator[Located]:
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
        yield ("basic", "risk", "network"), "warning", both


def incident_details(data: dict[str, Any]) -> Iterator[Located]:
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


def negative_needs_reason(data: dict[str, Any]) -> Iterator[Located]:
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


def entrust_flags(data: dict[str, Any]) -> Iterator[Located]:
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


def unique_ids(data: dict[str, Any]) -> Iterator[Located]:
    """ids are unique within each list."""
    yield from _ids(data, ())


def _ids(value: Any, path: JsonPath) -> Iterator[Located]:
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


def version_fits(data: dict[str, Any]) -> Iterator[Located]:
    """The declared 様式 version exists for the declared form type."""
    kind, version = get(data, "form", "type"), get(data, "form", "version")
    if kind and version and (kind, version) not in form.STAMPS:
        known = "、".join(v for k, v in form.STAMPS if k == kind)
        yield (
            ("form", "version"),
            "error",
            f"{form.FORM_NAMES.get(kind, kind)}の様式の版に「{version}」はありません（{known}）。",
        )


def withheld_paths(data: dict[str, Any]) -> Iterator[Located]:
    """Every 公表しない部分 names an item of the model."""
    from piagen.model import edition

    for j, entry in entries(data, "withheld"):
        try:
            edition.resolve(data, str(entry.get("path", "")))
        except edition.WithheldPathError:
            yield (
                ("withheld", j, "path"),
                "error",
                f"「{entry.get('path')}」はモデルにない項目です。例: files.0.storage.location（リストは番号か id）。",
            )


def withheld_overlap(data: dict[str, Any]) -> Iterator[Located]:
    """Two 公表しない部分 that overlap (one within the other) are one: say which to remove."""
    from piagen.model import edition

    listed = get(data, "withheld")
    for j, k in edition.overlaps(data):
        outer, inner = listed[j].get("path"), listed[k].get("path")
        yield (
            ("withheld", k, "path"),
            "error",
            f"「{inner}」は「{outer}」（{j + 1}行目）と重なっています。どちらか一方にしてください。",
        )


def withheld_repeated(data: dict[str, Any]) -> Iterator[Located]:
    """A withheld text repeated in a published item would be printed there in the 公表版."""
    from piagen.model import edition

    seen: set[tuple[tuple[str | int, ...], tuple[str | int, ...]]] = set()
    for secret, other in edition.repeated(data):
        if (secret, other) in seen:
            continue
        seen.add((secret, other))
        yield (
            other,
            "warning",
            f"公表しない「{form.label_in(data, secret) or '.'.join(map(str, secret))}」"
            f"（{json_path(secret)}）と同じ記載があり、公表版にはここに印字されます。"
            "ここも非公表とするか、記載を変えてください。",
        )
