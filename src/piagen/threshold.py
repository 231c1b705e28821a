"""しきい値判断: which assessments are mandatory, from 対象人数, 取扱者数 and 重大事故 (指針 第5の2).

The table follows ../shared/reference/rules.md §1.2. Its 1万–10万人 rows are FROM MEMORY (high
confidence, not verified against the 指針 text): with 500人以上 handlers or a serious incident the
result is 基礎+重点, otherwise 基礎 only. The other rows are confirmed by municipal sources and seeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Result = Literal["none", "basic", "basic+focused", "basic+full"]
RESULTS: tuple[Result, ...] = ("none", "basic", "basic+focused", "basic+full")

# People bands of 対象人数 as (lower bound, upper bound exclusive).
PEOPLE_BANDS: dict[str, tuple[int, int | None]] = {
    "1,000人未満": (0, 1_000),
    "1,000人以上1万人未満": (1_000, 10_000),
    "1万人以上10万人未満": (10_000, 100_000),
    "10万人以上30万人未満": (100_000, 300_000),
    "30万人以上": (300_000, None),
}

# Official wording of each result, per form printing it (Ⅵ１② full / Ⅴ１② focused / 基礎 Ⅲ).
_OBLIGED = {
    "none": "特定個人情報保護評価の実施が義務付けられない",
    "basic": "基礎項目評価の実施が義務付けられる",
    "basic+focused": "基礎項目評価及び重点項目評価の実施が義務付けられる",
    "basic+full": "基礎項目評価及び全項目評価の実施が義務付けられる",
}


@dataclass(frozen=True)
class Decision:
    """The mandatory assessments, the rule that fired, and what is missing to be certain."""

    result: Result
    rule: str
    people_band: str
    handlers_500: bool | None
    incident: bool | None
    possible: tuple[Result, ...]
    missing: tuple[str, ...] = ()

    @property
    def certain(self) -> bool:
        return len(self.possible) == 1

    def inputs_text(self) -> str:
        """The inputs used, e.g. 対象人数 30万人以上、取扱者数 500人未満、重大事故 発生なし."""
        h = {True: "500人以上", False: "500人未満", None: "不明"}[self.handlers_500]
        i = {True: "発生あり", False: "発生なし", None: "不明"}[self.incident]
        return f"対象人数 {self.people_band}、取扱者数 {h}、過去1年以内の重大事故 {i}"

    def voluntary(self) -> list[str]:
        """Assessments the body may do voluntarily beyond the mandatory ones (for the highest possible result)."""
        extra = {
            "none": ["基礎項目評価", "重点項目評価", "全項目評価"],
            "basic": ["重点項目評価", "全項目評価"],
            "basic+focused": ["全項目評価"],
        }
        return extra.get(self.possible[-1], [])


def band_of(people: int) -> str:
    """The 対象人数 band containing `people` (a negative count is treated as 0)."""
    people = max(people, 0)
    for band, (low, high) in PEOPLE_BANDS.items():
        if people >= low and (high is None or people < high):
            return band
    raise ValueError(people)


def _outcome(low: int, flag: bool) -> Result:
    if low < 1_000:
        return "none"
    if low < 10_000:
        return "basic"
    if low < 100_000:
        return "basic+focused" if flag else "basic"
    if low < 300_000:
        return "basic+full" if flag else "basic+focused"
    return "basic+full"


def decide(people_band: str, handlers_500: bool | None, incident: bool | None) -> Decision:
    """Decide from the people band and the two flags (None = unknown); unknowns widen `possible`."""
    low = PEOPLE_BANDS[people_band][0]
    flags = [f for f in (handlers_500, incident) if f is not None]
    known = any(flags)
    unknown = [name for name, f in (("取扱者数", handlers_500), ("重大事故", incident)) if f is None]
    outcomes = (
        {_outcome(low, True), _outcome(low, False)} if (unknown and not known) else {_outcome(low, known)}
    )
    possible = tuple(r for r in RESULTS if r in outcomes)
    result = possible[0]
    return Decision(
        result=result,
        rule=_rule_text(people_band, handlers_500, incident, low, possible),
        people_band=people_band,
        handlers_500=handlers_500,
        incident=incident,
        possible=possible,
        missing=tuple(unknown) if len(possible) > 1 else (),
    )


def _rule_text(
    band: str, handlers: bool | None, incident: bool | None, low: int, possible: tuple[Result, ...]
) -> str:
    h = {True: "500人以上", False: "500人未満", None: "不明"}[handlers]
    i = {True: "発生あり", False: "発生なし", None: "不明"}[incident]
    if low < 1_000:
        why = "対象人数が1,000人未満のため、評価の実施は義務付けられない"
    elif low < 10_000:
        why = "対象人数が1,000人以上1万人未満のため、基礎項目評価のみ"
    elif low >= 300_000:
        why = "対象人数が30万人以上のため、取扱者数・重大事故にかかわらず全項目評価"
    else:
        why = f"対象人数が{band}で、取扱者数が{h}、過去1年以内の重大事故が{i}のため"
    outcome = " または ".join(_OBLIGED[r] for r in possible)
    return f"{why}（対象人数: {band}、取扱者数: {h}、重大事故: {i}）→ {outcome}"


def wording(result: Result, printed_in: str) -> str:
    """The official option text for `result` as printed in the full, focused or basic form."""
    if printed_in == "basic":
        return _OBLIGED[result]
    target = {"full": ("basic+full", "全項目評価"), "focused": ("basic+focused", "重点項目評価")}[printed_in]
    if result == target[0] or (printed_in == "focused" and result == "basic+full"):
        return _OBLIGED[result]
    return f"{_OBLIGED[result]}（任意に{target[1]}を実施）"


def result_of_wording(text: str) -> Result | None:
    """Which result an official wording states (suffixes about voluntary assessments ignored)."""
    for result in RESULTS:
        if text.startswith(_OBLIGED[result]):
            return result
    return None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def from_model(data: dict[str, Any]) -> Decision | None:
    """Decide from a model's しきい値 items; None when 対象人数 is not given."""
    t = _mapping(data.get("threshold"))
    people = _mapping(t.get("people"))
    band = people.get("band")
    if isinstance(people.get("count"), int) and not isinstance(people.get("count"), bool):
        band = band_of(people["count"])
    if not isinstance(band, str) or band not in PEOPLE_BANDS:
        return None
    return decide(band, _handlers_flag(t.get("handlers")), _incident_flag(t.get("incident")))


def _handlers_flag(handlers: Any) -> bool | None:
    if not isinstance(handlers, dict):
        return None
    count = handlers.get("count")
    if isinstance(count, int) and not isinstance(count, bool):
        return count >= 500
    band = handlers.get("band")
    return {"500人以上": True, "500人未満": False}.get(band) if isinstance(band, str) else None


def _incident_flag(incident: Any) -> bool | None:
    status = incident.get("status") if isinstance(incident, dict) else None
    return {"発生あり": True, "発生なし": False}.get(status) if isinstance(status, str) else None


def stated(data: Any) -> str | None:
    """The しきい値判断結果 the model states (Ⅵ１② / Ⅴ１②, else the 基礎項目評価書's)."""
    procedure = _mapping(_mapping(data).get("procedure"))
    value = _mapping(procedure.get("basic_assessment")).get("result")
    if not isinstance(value, str):
        value = _mapping(_mapping(data).get("basic")).get("threshold_result")
    return value if isinstance(value, str) else None


def agrees(decision: Decision, stated_text: str | None) -> bool:
    """Whether the stated result is one the computed decision allows (true when nothing is stated)."""
    return stated_text is None or result_of_wording(stated_text) in decision.possible


def json_report(decision: Decision, stated_text: str | None) -> dict[str, Any]:
    """The decision as `piagen threshold --format json` prints it."""
    return {
        "result": decision.result if decision.certain else None,
        "possible": list(decision.possible),
        "wording": wording(decision.result, "basic"),
        "rule": decision.rule,
        "missing": list(decision.missing),
        "voluntary": decision.voluntary(),
        "stated": stated_text,
        "stated_agrees": agrees(decision, stated_text) if stated_text is not None else None,
    }


def text_report(decision: Decision, stated_text: str | None) -> str:
    """The decision as `piagen threshold` prints it: result, rule, voluntary options, stated result."""
    lines: list[str] = []
    if decision.certain:
        lines.append(f"結果: {decision.result}（{wording(decision.result, 'basic')}）")
    else:
        options = " または ".join(f"{r}（{wording(r, 'basic')}）" for r in decision.possible)
        lines.append(f"結果: {options}")
        lines.append(f"未確定: {'・'.join(decision.missing)}が分からないため結果が決まりません。")
    lines.append(f"根拠: {decision.rule}")
    if decision.voluntary():
        lines.append(f"任意に実施できる評価: {'、'.join(decision.voluntary())}")
    if stated_text is not None:
        verdict = "計算と一致" if agrees(decision, stated_text) else "計算と不一致"
        lines.append(f"評価書の記載: {stated_text}（{verdict}）")
    return "\n".join(lines) + "\n"


def basic_result(data: dict[str, Any]) -> str | None:
    """The 基礎項目評価書's Ⅲ しきい値判断結果: as its own items state it, else as the しきい値判断項目
    decide it, else the result the full or focused form states (Ⅵ１② / Ⅴ１②)."""
    own = _mapping(data.get("basic")).get("threshold_result")
    if isinstance(own, str) and own.strip():
        return own
    decision = from_model(data)
    if decision and decision.certain:
        return wording(decision.result, "basic")
    result = _mapping(_mapping(data.get("procedure")).get("basic_assessment")).get("result")
    return result if isinstance(result, str) and result.strip() else None
