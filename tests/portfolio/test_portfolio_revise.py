"""`piagen revise` on a portfolio made from the examples: the words replaced in every model that has
them (shared fragments once), the cause recorded, 変更箇所 rows appended with their 事前/事後, and
every file written or none."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from piagen import checks
from piagen.model import source

from .sample import make_portfolio

Run = Callable[..., tuple[int, str, str]]


def _snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def _revise(run_cli: Run, folder: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = run_cli("revise", str(folder), "--date", "令和7年3月1日", "--format", "json", *args)
    return code, json.loads(out), err


def test_reorganisation_renames_a_department_everywhere_before_it_takes_effect(
    run_cli: Run, portfolio_dir: Path
) -> None:
    before = _snapshot(portfolio_dir)
    code, report, _ = _revise(
        run_cli,
        portfolio_dir,
        "--cause", "組織改正",
        "--effective", "2025-04-01",
        "--replace", "市民生活環境部=市民生活部",
        "--not-significant",
        "--reason", "部署名の変更のみで、特定個人情報の取扱いは変わらない",
    )  # fmt: skip
    assert code == 0
    docs = {d["name"]: d for d in report["documents"]}
    assert [n for n, d in docs.items() if d["changed"]] == ["takatsuki-juki"]
    juki = docs["takatsuki-juki"]
    assert len(juki["rows"]) == 7 and juki["undecided"] == 0 and juki["reassessment"] is False
    assert {(r["timing"], r["significant"], r["date"]) for r in juki["rows"]} == {
        (("事前", False, "令和7年3月1日"))
    }
    first = juki["rows"][0]
    assert (first["item"], first["before"], first["after"]) == (
        "Ⅰ ７．評価実施機関における担当部署 ①部署",
        "市民生活環境部　市民課",
        "市民生活部　市民課",
    )
    after = _snapshot(portfolio_dir)
    changed = sorted(p.relative_to(portfolio_dir).as_posix() for p in after if after[p] != before[p])
    assert changed == [
        "takatsuki-juki.yaml",
        "takatsuki-juki/changes.yaml",
    ]  # rows go where changes is included
    model = (portfolio_dir / "takatsuki-juki.yaml").read_text(encoding="utf-8")
    old = before[portfolio_dir / "takatsuki-juki.yaml"].decode("utf-8")
    # every line but the replaced ones and the new revision block is as it was (comments included)
    kept = [line for line in old.splitlines() if "市民生活環境部" not in line]
    assert [line for line in model.splitlines() if line in set(kept)] == kept
    doc = source.load(portfolio_dir / "takatsuki-juki.yaml")
    assert doc.data["revision"]["causes"][0]["text"] == "組織改正"
    assert doc.data["revision"]["causes"][0]["effective"] == "令和7年4月1日"
    assert doc.data["changes"][-7:][0]["path"] == "basic_info.department.name"
    assert [r.get("date") for r in doc.data["changes"]].count("令和7年3月1日") == 7
    assert "市民生活環境部" not in json.dumps(
        {k: v for k, v in doc.data.items() if k not in ("changes", "revision")}, ensure_ascii=False
    )
    assert not [p for p in checks.validate(doc) if p.severity == "error"]


def test_an_amended_law_after_the_fact_leaves_the_starred_rows_to_decide(
    run_cli: Run, portfolio_dir: Path
) -> None:
    code, report, _ = _revise(
        run_cli,
        portfolio_dir,
        "--cause",
        "番号法改正",
        "--effective",
        "令和6年5月27日",
        "--replace",
        "別表第二=主務省令",
    )
    assert code == 0
    docs = {d["name"]: d for d in report["documents"] if d["changed"]}
    assert sorted(docs) == ["kitakyushu-shingata-influenza", "takatsuki-juki", "takatsuki-yobou-sesshu"]
    rows = {r["path"]: r for r in docs["kitakyushu-shingata-influenza"]["rows"]}
    assert {r["timing"] for r in rows.values()} == {"事後"}  # in effect before the 変更日
    assert rows["basic_info.linkage.legal_basis"]["significant"] is None  # ※: a person decides
    assert rows["basic_info.linkage.legal_basis"]["open"] == [
        "※の項目の変更です。重要な変更に当たるか（significant）と理由を記録してください。"
    ]
    assert rows["basic_info.task.description"]["significant"] is False  # no ※: never 重要な変更
    assert docs["kitakyushu-shingata-influenza"]["undecided"] == 1


def test_a_significant_change_needs_a_prior_reassessment(run_cli: Run, portfolio_dir: Path) -> None:
    code, out, _ = run_cli(
        "revise", str(portfolio_dir),
        "--cause", "ガバメントクラウドへの移行",
        "--effective", "2026-01-01",
        "--date", "2025-03-01",
        "--replace", "中間サーバー=中間サーバー（ガバメントクラウド）",
        "--significant", "--reason", "保管場所がクラウド事業者の環境に変わる",
    )  # fmt: skip
    assert code == 0
    assert "kitakyushu-shingata-influenza: 変更箇所" in out
    assert "（重要な変更: 変更前に評価の再実施が必要）" in out
    summary = out.splitlines()[-1 - out.count("更新: ")]
    # takatsuki-juki names no 中間サーバー
    assert summary == "3件の評価書を変更（判断が必要な行 0行、事前の再実施が必要な評価書 3件）"


def test_a_shared_fragment_is_edited_once_and_every_model_gets_its_rows(run_cli: Run, tmp_path: Path) -> None:
    pia = make_portfolio(tmp_path / "pia", ("takatsuki-juki",))
    text = (pia / "takatsuki-juki.yaml").read_text(encoding="utf-8")
    (pia / "second.yaml").write_text(text.replace("number: 1\n", "number: 2\n", 1), encoding="utf-8")
    # both models include takatsuki-juki/recipients.yaml; give the second its own change table
    second = (pia / "second.yaml").read_text(encoding="utf-8")
    (pia / "second.yaml").write_text(
        second.replace("changes: !include takatsuki-juki/changes.yaml", "changes: []")
    )
    fragment = pia / "takatsuki-juki" / "recipients.yaml"
    assert "都道府県知事" in fragment.read_text(encoding="utf-8")
    code, report, _ = _revise(
        run_cli,
        pia,
        "--cause",
        "表記の統一",
        "--effective",
        "令和7年3月1日",
        "--replace",
        "都道府県知事=都道府県の知事",
    )
    assert code == 0
    docs = {d["name"]: d for d in report["documents"]}
    assert docs["takatsuki-juki"]["rows"] and docs["second"]["rows"]
    assert [r["item"] for r in docs["takatsuki-juki"]["rows"]] == [r["item"] for r in docs["second"]["rows"]]
    assert "都道府県知事" not in fragment.read_text(encoding="utf-8")
    assert source.load(pia / "second.yaml").data["changes"][0]["timing"] == "事後"


def test_nothing_is_written_when_one_value_cannot_be_edited(run_cli: Run, portfolio_dir: Path) -> None:
    odd = (portfolio_dir / "takatsuki-yobou-sesshu.yaml").read_text(encoding="utf-8")
    # a double-quoted value with an escape: the words are not written as they read
    (portfolio_dir / "odd.yaml").write_text(
        'piagen: 1\ncover:\n  number: 99\n  title: "予防接種事務 市民生活\\u74B0境部"\n', encoding="utf-8"
    )
    assert "市民生活環境部" not in odd
    before = _snapshot(portfolio_dir)
    code, _, err = run_cli(
        "revise",
        str(portfolio_dir),
        "--cause",
        "組織改正",
        "--effective",
        "2025-04-01",
        "--replace",
        "市民生活環境部=市民生活部",
    )
    assert code == 1
    assert "odd.yaml:4:10" in err and "自動では置き換えられません" in err
    assert "どのファイルも変更していません" in err
    assert _snapshot(portfolio_dir) == before


def test_usage_errors(run_cli: Run, portfolio_dir: Path) -> None:
    code, _, err = run_cli("revise", str(portfolio_dir), "--cause", "x", "--effective", "2025-04-01")
    assert code == 2 and "--replace" in err
    code, _, err = run_cli(
        "revise", str(portfolio_dir), "--cause", "x", "--effective", "来年", "--replace", "a=b"
    )
    assert code == 2 and "--effective を日付として読めません" in err
    code, _, err = run_cli(
        "revise", str(portfolio_dir), "--cause", "x", "--effective", "2025-04-01", "--replace", "ab"
    )
    assert code == 2 and "「旧=新」" in err
