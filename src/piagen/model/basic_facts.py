"""Items of the 基礎項目評価書 that the full or focused model states in other words: each derived
from there when it is certain, else left for the model to state (`checks.basic_items` names them).
The しきい値判断結果 is `threshold.basic_result`."""

from __future__ import annotations

from typing import Any

from piagen.model.fields import entries, get

Path = tuple[str | int, ...]

# 使用者数 / 委託先の取扱者数 bands: (at least, fewer than); None = no upper bound.
USERS: dict[str, tuple[int, int | None]] = {
    "10人未満": (0, 10),
    "10人以上50人未満": (10, 50),
    "50人以上100人未満": (50, 100),
    "100人以上500人未満": (100, 500),
    "500人以上1,000人未満": (500, 1000),
    "1,000人以上": (1000, None),
}
DONE = ("特に力を入れて行っている", "十分に行っている")
AUDITS = ("内部監査", "外部監査")


def handlers_band(data: dict[str, Any]) -> str | None:
    """Ⅱ２ 取扱者数 from the 使用者数 and 委託先の取扱者数 of every file: 500人以上 when one file
    alone reaches 500 (its users and contractors are different people), 500人未満 when all of them
    together stay below; None when the bands do not decide it (files may share their users)."""
    lows: list[int] = []
    highs: list[int | None] = []
    for _, f in entries(data, "files"):
        bands = [get(f, "acquisition_use", "users", "count")]
        bands += [e.get("handlers") for _, e in entries(f, "entrustment", "items")]
        if any(b not in USERS for b in bands):
            return None
        lows.append(sum(USERS[str(b)][0] for b in bands))
        highs.extend(USERS[str(b)][1] for b in bands)
    if not lows:
        return None
    if max(lows) >= 500:
        return "500人以上"
    if None not in highs and sum(h for h in highs if h is not None) <= 500:
        return "500人未満"
    return None


def incident(data: dict[str, Any]) -> str | None:
    """Ⅱ３ 重大事故 (特定個人情報, past year) from Ⅲ７⑨ (個人情報, past three years): 発生なし there
    implies 発生なし here; 発生あり there may be older or not about 特定個人情報, so it decides nothing."""
    found = [get(f, "risks", "storage", "r1", "incident", "status") for _, f in entries(data, "files")]
    return "発生なし" if found and all(s == "発生なし" for s in found) else None


def audits(data: dict[str, Any]) -> dict[str, bool] | None:
    """Ⅳ８ 監査 実施の有無 from Ⅳ１: 自己点検 when ①自己点検 is done; 内部監査/外部監査 when ②監査
    is done and its text names which. None when ②監査 is done but does not say which."""
    ticked: dict[str, bool] = {}
    if get(data, "other_measures", "audit", "self_check", "status") in DONE:
        ticked["自己点検"] = True
    if get(data, "other_measures", "audit", "audit", "status") in DONE:
        text = str(get(data, "other_measures", "audit", "audit", "content") or "")
        named = [a for a in AUDITS if a in text]
        if not named:
            return None
        ticked.update(dict.fromkeys(named, True))
    return ticked or None


DERIVED: dict[Path, Any] = {
    ("threshold", "handlers", "band"): handlers_band,
    ("threshold", "incident", "status"): incident,
    ("other_measures", "audit_checks", "done"): audits,
}


def value(data: dict[str, Any], path: Path) -> Any:
    """The item at `path` as the 基礎項目評価書 prints it: stated, else derived (None: neither)."""
    stated = get(data, *path)
    if stated is not None and stated != {} and stated != "":
        return stated
    derive = DERIVED.get(path)
    return derive(data) if derive else None


# ---- Ⅳ リスク対策: each rating summarises a rating of every file ----
RATING_ORDER = ("課題が残されている", "十分である", "特に力を入れている")
# basic Ⅳ rating → the full/focused item it summarises, per file.
RATING_SOURCES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("acquisition", "rating"): ("acquisition", "r1", "rating"),
    ("use", "linking"): ("use", "r1", "rating"),
    ("use", "unauthorized"): ("use", "r2", "rating"),
    ("entrustment", "rating"): ("entrustment", "rating"),
    ("provision", "rating"): ("provision", "r1", "rating"),
    ("network", "acquisition_rating"): ("network", "r1", "rating"),
    ("network", "provision_rating"): ("network", "r5", "rating"),
    ("storage", "rating"): ("storage", "r1", "rating"),
}
FLAG_SOURCES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("entrustment", "not_entrusted"): ("entrustment", "not_entrusted"),
    ("provision", "not_provided"): ("provision", "not_provided"),
    ("network", "no_acquisition"): ("network", "no_acquisition"),
    ("network", "no_provision"): ("network", "no_provision"),
}


def stated_or(data: dict[str, Any], path: Path, derived: Any) -> Any:
    """The value written at `path`, else the derived one."""
    value = get(data, *path)
    return derived if value is None else value


def derived_rating(data: dict[str, Any], key: tuple[str, ...]) -> str | None:
    """The weakest self-rating across files for a basic Ⅳ item (None when no file states one)."""
    found = [get(f, "risks", *RATING_SOURCES[key]) for _, f in entries(data, "files")]
    ranked = [RATING_ORDER.index(v) for v in found if v in RATING_ORDER]
    return RATING_ORDER[min(ranked)] if ranked else None


def derived_flag(data: dict[str, Any], key: tuple[str, ...]) -> bool | None:
    """A 「…しない」 flag is ticked when every file ticks it."""
    found = [get(f, "risks", *FLAG_SOURCES[key]) for _, f in entries(data, "files")]
    return all(bool(v) for v in found) if found else None
