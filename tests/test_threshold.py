"""しきい値判断: the decision table of rules.md §1.2 at every boundary, the official wording and the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from piagen import threshold
from piagen.threshold import Result

RunCli = Callable[..., tuple[int, str, str]]

# (対象人数, 取扱者数, 重大事故, result): rules.md §1.2 — h = 取扱者数 ≥ 500, a = 重大事故 in the past year.
TABLE: list[tuple[int, int, bool, Result]] = [
    # n < 1,000: never mandatory
    (999, 499, False, "none"),
    (999, 499, True, "none"),
    (999, 500, False, "none"),
    (999, 500, True, "none"),
    # 1,000 ≤ n < 10,000: 基礎 only, whatever h and a
    (1_000, 499, False, "basic"),
    (1_000, 499, True, "basic"),
    (1_000, 500, False, "basic"),
    (1_000, 500, True, "basic"),
    (9_999, 499, False, "basic"),
    (9_999, 499, True, "basic"),
    (9_999, 500, False, "basic"),
    (9_999, 500, True, "basic"),
    # 10,000 ≤ n < 100,000: 基礎, or 基礎+重点 with h or a
    (10_000, 499, False, "basic"),
    (10_000, 499, True, "basic+focused"),
    (10_000, 500, False, "basic+focused"),
    (10_000, 500, True, "basic+focused"),
    (99_999, 499, False, "basic"),
    (99_999, 499, True, "basic+focused"),
    (99_999, 500, False, "basic+focused"),
    (99_999, 500, True, "basic+focused"),
    # 100,000 ≤ n < 300,000: 基礎+重点, or 基礎+全項目 with h or a
    (100_000, 499, False, "basic+focused"),
    (100_000, 499, True, "basic+full"),
    (100_000, 500, False, "basic+full"),
    (100_000, 500, True, "basic+full"),
    (299_999, 499, False, "basic+focused"),
    (299_999, 499, True, "basic+full"),
    (299_999, 500, False, "basic+full"),
    (299_999, 500, True, "basic+full"),
    # n ≥ 300,000: 基礎+全項目, whatever h and a
    (300_000, 499, False, "basic+full"),
    (300_000, 499, True, "basic+full"),
    (300_000, 500, False, "basic+full"),
    (300_000, 500, True, "basic+full"),
]


@pytest.mark.parametrize(("people", "handlers", "incident", "expected"), TABLE)
def test_decision_table(people: int, handlers: int, incident: bool, expected: Result) -> None:
    decision = threshold.decide(threshold.band_of(people), handlers >= 500, incident)
    assert decision.result == expected
    assert decision.possible == (expected,)
    assert decision.certain
    assert decision.missing == ()


@pytest.mark.parametrize(
    ("people", "band"),
    [
        (0, "1,000人未満"),
        (999, "1,000人未満"),
        (1_000, "1,000人以上1万人未満"),
        (9_999, "1,000人以上1万人未満"),
        (10_000, "1万人以上10万人未満"),
        (99_999, "1万人以上10万人未満"),
        (100_000, "10万人以上30万人未満"),
        (299_999, "10万人以上30万人未満"),
        (300_000, "30万人以上"),
        (10_000_000, "30万人以上"),
    ],
)
def test_band_of(people: int, band: str) -> None:
    assert threshold.band_of(people) == band


@pytest.mark.parametrize(
    ("people", "incident", "possible", "missing"),
    [
        (999, False, ("none",), ()),
        (9_999, False, ("basic",), ()),
        (10_000, False, ("basic", "basic+focused"), ("取扱者数",)),
        (99_999, False, ("basic", "basic+focused"), ("取扱者数",)),
        (10_000, True, ("basic+focused",), ()),
        (100_000, False, ("basic+focused", "basic+full"), ("取扱者数",)),
        (299_999, None, ("basic+focused", "basic+full"), ("取扱者数", "重大事故")),
        (100_000, True, ("basic+full",), ()),
        (300_000, None, ("basic+full",), ()),
    ],
)
def test_unknown_handlers_widen_the_result(
    people: int, incident: bool | None, possible: tuple[Result, ...], missing: tuple[str, ...]
) -> None:
    decision = threshold.decide(threshold.band_of(people), None, incident)
    assert decision.possible == possible
    assert decision.result == possible[0]
    assert decision.certain == (len(possible) == 1)
    assert decision.missing == missing


def test_rule_names_band_and_flags() -> None:
    decision = threshold.decide("10万人以上30万人未満", True, False)
    assert decision.rule == (
        "対象人数が10万人以上30万人未満で、取扱者数が500人以上、過去1年以内の重大事故が発生なしのため"
        "（対象人数: 10万人以上30万人未満、取扱者数: 500人以上、重大事故: 発生なし）"
        "→ 基礎項目評価及び全項目評価の実施が義務付けられる"
    )


@pytest.mark.parametrize(
    ("result", "printed_in", "text"),
    [
        ("basic+full", "full", "基礎項目評価及び全項目評価の実施が義務付けられる"),
        (
            "basic+focused",
            "full",
            "基礎項目評価及び重点項目評価の実施が義務付けられる（任意に全項目評価を実施）",
        ),
        ("basic", "full", "基礎項目評価の実施が義務付けられる（任意に全項目評価を実施）"),
        ("none", "full", "特定個人情報保護評価の実施が義務付けられない（任意に全項目評価を実施）"),
        ("basic+focused", "focused", "基礎項目評価及び重点項目評価の実施が義務付けられる"),
        ("basic", "focused", "基礎項目評価の実施が義務付けられる（任意に重点項目評価を実施）"),
        ("none", "focused", "特定個人情報保護評価の実施が義務付けられない（任意に重点項目評価を実施）"),
        ("basic+full", "basic", "基礎項目評価及び全項目評価の実施が義務付けられる"),
        ("basic+focused", "basic", "基礎項目評価及び重点項目評価の実施が義務付けられる"),
        ("basic", "basic", "基礎項目評価の実施が義務付けられる"),
        ("none", "basic", "特定個人情報保護評価の実施が義務付けられない"),
    ],
)
def test_wording(result: Result, printed_in: str, text: str) -> None:
    assert threshold.wording(result, printed_in) == text
    assert threshold.result_of_wording(text) == result


def test_result_of_unknown_wording() -> None:
    assert threshold.result_of_wording("全項目評価を実施する") is None


@pytest.mark.parametrize(
    ("result", "voluntary"),
    [
        ("none", ["基礎項目評価", "重点項目評価", "全項目評価"]),
        ("basic", ["重点項目評価", "全項目評価"]),
        ("basic+focused", ["全項目評価"]),
        ("basic+full", []),
    ],
)
def test_voluntary(result: Result, voluntary: list[str]) -> None:
    band = {"none": "1,000人未満", "basic": "1,000人以上1万人未満", "basic+focused": "10万人以上30万人未満"}
    decision = threshold.decide(band.get(result, "30万人以上"), False, False)
    assert decision.result == result
    assert decision.voluntary() == voluntary


@pytest.mark.parametrize(
    ("band", "voluntary"),
    [("1万人以上10万人未満", ["全項目評価"]), ("10万人以上30万人未満", [])],
)
def test_voluntary_follows_the_highest_possible_result(band: str, voluntary: list[str]) -> None:
    decision = threshold.decide(band, None, None)
    assert not decision.certain
    assert decision.voluntary() == voluntary


def test_band_of_negative_count() -> None:
    assert threshold.band_of(-5) == "1,000人未満"


# ---- CLI ----


@pytest.mark.parametrize(
    ("flag", "incident"),
    [([], "不明"), (["--no-incident"], "発生なし"), (["--incident"], "発生あり")],
    ids=["incident-omitted", "no-incident", "incident"],
)
def test_cli_text(run_cli: RunCli, flag: list[str], incident: str) -> None:
    code, out, err = run_cli("threshold", "--people", "350000", "--handlers", "120", *flag)
    assert (code, err) == (0, "")
    assert out == (
        "結果: basic+full（基礎項目評価及び全項目評価の実施が義務付けられる）\n"
        "根拠: 対象人数が30万人以上のため、取扱者数・重大事故にかかわらず全項目評価"
        f"（対象人数: 30万人以上、取扱者数: 500人未満、重大事故: {incident}）→ 基礎項目評価及び全項目評価の実施が義務付けられる\n"
    )


def test_cli_text_with_incident(run_cli: RunCli) -> None:
    code, out, err = run_cli("threshold", "--people", "50000", "--handlers", "499", "--incident")
    assert (code, err) == (0, "")
    assert out == (
        "結果: basic+focused（基礎項目評価及び重点項目評価の実施が義務付けられる）\n"
        "根拠: 対象人数が1万人以上10万人未満で、取扱者数が500人未満、過去1年以内の重大事故が発生ありのため"
        "（対象人数: 1万人以上10万人未満、取扱者数: 500人未満、重大事故: 発生あり）→ 基礎項目評価及び重点項目評価の実施が義務付けられる\n"
        "任意に実施できる評価: 全項目評価\n"
    )


def test_cli_text_unknown_handlers(run_cli: RunCli) -> None:
    code, out, err = run_cli("threshold", "--people", "150000")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "結果: basic+focused（基礎項目評価及び重点項目評価の実施が義務付けられる）"
        " または basic+full（基礎項目評価及び全項目評価の実施が義務付けられる）",
        "未確定: 取扱者数・重大事故が分からないため結果が決まりません。",
        "根拠: 対象人数が10万人以上30万人未満で、取扱者数が不明、過去1年以内の重大事故が不明のため"
        "（対象人数: 10万人以上30万人未満、取扱者数: 不明、重大事故: 不明）"
        "→ 基礎項目評価及び重点項目評価の実施が義務付けられる または 基礎項目評価及び全項目評価の実施が義務付けられる",
    ]


def test_cli_text_unknown_incident(run_cli: RunCli) -> None:
    code, out, err = run_cli("threshold", "--people", "50000", "--handlers", "499")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "結果: basic（基礎項目評価の実施が義務付けられる）"
        " または basic+focused（基礎項目評価及び重点項目評価の実施が義務付けられる）",
        "未確定: 重大事故が分からないため結果が決まりません。",
        "根拠: 対象人数が1万人以上10万人未満で、取扱者数が500人未満、過去1年以内の重大事故が不明のため"
        "（対象人数: 1万人以上10万人未満、取扱者数: 500人未満、重大事故: 不明）"
        "→ 基礎項目評価の実施が義務付けられる または 基礎項目評価及び重点項目評価の実施が義務付けられる",
        "任意に実施できる評価: 全項目評価",
    ]


@pytest.mark.parametrize(
    ("args", "result"),
    [
        (["--people", "999", "--handlers", "500"], "none"),
        (["--people", "1000", "--handlers", "500"], "basic"),
        (["--people", "99999", "--handlers", "499", "--no-incident"], "basic"),
        (["--people", "99999", "--handlers", "500"], "basic+focused"),
        (["--people", "299999", "--handlers", "499", "--no-incident"], "basic+focused"),
        (["--people", "299999", "--handlers", "500"], "basic+full"),
        (["--people", "100000", "--handlers", "0", "--incident"], "basic+full"),
    ],
)
def test_cli_json_result(run_cli: RunCli, args: list[str], result: str) -> None:
    code, out, err = run_cli("threshold", *args, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["result"] == result
    assert data["possible"] == [result]
    assert data["missing"] == []
    assert data["stated"] is None


@pytest.mark.parametrize(
    ("args", "missing"),
    [
        ([], ["取扱者数", "重大事故"]),
        (["--no-incident"], ["取扱者数"]),
        (["--handlers", "499"], ["重大事故"]),
    ],
    ids=["both-unknown", "handlers-unknown", "incident-unknown"],
)
def test_cli_json_unknown_inputs(run_cli: RunCli, args: list[str], missing: list[str]) -> None:
    code, out, _ = run_cli("threshold", "--people", "50000", *args, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["result"] is None
    assert data["possible"] == ["basic", "basic+focused"]
    assert data["missing"] == missing
    assert data["voluntary"] == ["全項目評価"]


_USAGE = "モデルか --people のどちらか一方を指定してください（例: piagen threshold --people 350000 --handlers 120）。\n"


def test_cli_needs_model_or_people(run_cli: RunCli) -> None:
    assert run_cli("threshold") == (2, "", _USAGE)
    assert run_cli("threshold", "--handlers", "600") == (2, "", _USAGE)


def test_cli_rejects_model_and_people(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("piagen: 1\n", encoding="utf-8")
    assert run_cli("threshold", "m.yaml", "--people", "5", cwd=tmp_path) == (2, "", _USAGE)


def test_cli_model_stated_disagrees(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "piagen: 1\nform: {type: full}\ncover: {}\n"
        "threshold:\n  people: {count: 150000}\n  handlers: {band: 500人以上}\n  incident: {status: 発生なし}\n"
        "procedure:\n  basic_assessment:\n"
        "    result: 基礎項目評価及び重点項目評価の実施が義務付けられる（任意に全項目評価を実施）\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("threshold", "m.yaml", cwd=tmp_path)
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == "結果: basic+full（基礎項目評価及び全項目評価の実施が義務付けられる）"
    assert out.splitlines()[-1] == (
        "評価書の記載: 基礎項目評価及び重点項目評価の実施が義務付けられる（任意に全項目評価を実施）（計算と不一致）"
    )


def test_cli_model_without_people(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("piagen: 1\nform: {type: full}\ncover: {}\n", encoding="utf-8")
    assert run_cli("threshold", "m.yaml", cwd=tmp_path) == (
        1,
        "",
        "m.yaml: しきい値判断項目の対象人数（threshold.people）がないため判断できません。\n",
    )
