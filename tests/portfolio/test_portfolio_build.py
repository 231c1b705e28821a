"""`piagen build` on a portfolio made from the examples: every document built, re-built for free,
bad documents reported one by one while the others build."""

from __future__ import annotations

import importlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .sample import EXAMPLES, make_portfolio

Run = Callable[..., tuple[int, str, str]]


def _build(run_cli: Run, folder: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = run_cli("build", str(folder), "--today", "2025-06-01", "--format", "json", *args)
    return code, json.loads(out), err


def test_build_renders_every_document_and_rebuilds_nothing_unchanged(
    run_cli: Run, portfolio_dir: Path
) -> None:
    code, report, _ = _build(run_cli, portfolio_dir, "--to", "html,xlsx")
    assert code == 0
    out = portfolio_dir / "public"  # the project file's output folder
    docs = {d["name"]: d for d in report["documents"]}
    assert set(docs) == {
        "kawasaki-kenko-zoshin",
        "kitakyushu-shingata-influenza",
        "takatsuki-juki",
        "takatsuki-yobou-sesshu",
    }
    assert {d["outcome"] for d in docs.values()} == {"built"}
    kita = docs["kitakyushu-shingata-influenza"]
    assert kita["files"] == [
        "kitakyushu-shingata-influenza-basic.html",
        "kitakyushu-shingata-influenza-basic.xlsx",
        "kitakyushu-shingata-influenza-focused.html",
        "kitakyushu-shingata-influenza-focused.xlsx",
    ]
    assert (kita["number"], kita["form"], kita["published"]) == ("42", "重点項目評価書", "令和3年10月4日")
    assert (kita["next_review"], kita["reassessment"]) == ("令和7年10月4日", "令和8年10月4日")
    assert "基礎項目評価及び重点項目評価" in kita["threshold"]
    for d in docs.values():
        for name in d["files"]:
            assert (out / name).stat().st_size > 1000
    assert "見本市 特定個人情報保護評価書の公表" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "deadlines.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    # the fragments of takatsuki-juki are not models
    assert not any("recipients" in n for n in docs)
    before = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    code, again, _ = _build(run_cli, portfolio_dir, "--to", "html,xlsx")
    assert code == 0
    assert {d["outcome"] for d in again["documents"]} == {"unchanged"}
    assert all(
        p.stat().st_mtime_ns == t
        for p, t in before.items()
        if p.suffix in (".html", ".xlsx") and p.name != "index.html"
    )


def test_progress_and_summary_table_on_the_terminal(run_cli: Run, portfolio_dir: Path) -> None:
    code, out, err = run_cli("build", str(portfolio_dir), "--to", "html", "--today", "2025-06-01")
    assert code == 0
    progress = [line for line in err.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] for line in progress] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    assert all(" 出力（" in line for line in progress)
    assert "残り約" in progress[0] and "残り約" not in progress[-1]
    header, rule, *rows = out.splitlines()[:6]
    assert header.split() == [
        "番号",
        "モデル",
        "様式",
        "公表日",
        "次回見直し",
        "判断待ち",
        "エラー",
        "警告",
        "結果",
    ]
    assert set(rule) == {"-"}
    assert rows[0].split()[:3] == ["59", "kawasaki-kenko-zoshin", "全項目評価書"]


def test_bad_documents_are_reported_one_by_one_while_the_others_build(run_cli: Run, tmp_path: Path) -> None:
    folder = make_portfolio(tmp_path / "pia")
    shutil.copy(EXAMPLES / "kashiwa-yobou-sesshu.yaml", folder)  # validation errors of its source
    (folder / "broken.yaml").write_text(
        "piagen: 1\ncover:\n  number: 7\n  title: [unclosed\n", encoding="utf-8"
    )
    (folder / "takatsuki-juki" / "recipients.yaml").unlink()  # a missing fragment
    text = (EXAMPLES / "takatsuki-yobou-sesshu.yaml").read_text(encoding="utf-8")
    (folder / "takatsuki-yobou-sesshu-copy.yaml").write_text(text, encoding="utf-8")  # same 評価書番号 49
    code, report, _ = _build(run_cli, folder, "--to", "html")
    assert code == 1
    docs = {d["name"]: d for d in report["documents"]}
    assert {n: d["outcome"] for n, d in docs.items()} == {
        "broken": "invalid",
        "kashiwa-yobou-sesshu": "invalid",
        "kawasaki-kenko-zoshin": "built",
        "kitakyushu-shingata-influenza": "built",
        "takatsuki-juki": "invalid",
        "takatsuki-yobou-sesshu": "invalid",
        "takatsuki-yobou-sesshu-copy": "invalid",
    }
    assert docs["broken"]["status"] == "unreadable"
    assert any(
        "見つかりません" in p["message"] and "recipients.yaml" in p["message"]
        for p in docs["takatsuki-juki"]["problems"]
    )
    assert docs["kashiwa-yobou-sesshu"]["errors"] == 2
    duplicate = [f for f in report["cross_document"] if f["rule"] == "PF1"]
    assert [f["document"] for f in duplicate] == ["takatsuki-yobou-sesshu", "takatsuki-yobou-sesshu-copy"]
    assert "評価書番号 49 は takatsuki-yobou-sesshu-copy にも" in duplicate[0]["message"]
    assert docs["takatsuki-yobou-sesshu"]["message"] == duplicate[0]["message"]
    assert docs["takatsuki-yobou-sesshu"]["cross_document"][0]["rule"] == "PF1"
    assert (folder / "out" / "kawasaki-kenko-zoshin-full.html").is_file()
    assert not (folder / "out" / "takatsuki-yobou-sesshu-full.html").exists()
    index = (folder / "out" / "index.html").read_text(encoding="utf-8")
    assert "読み込めません" in index and "エラーあり" in index


def test_text_mode_names_each_broken_document(run_cli: Run, tmp_path: Path) -> None:
    folder = make_portfolio(tmp_path / "pia", ("kitakyushu-shingata-influenza",))
    (folder / "broken.yaml").write_text("piagen: 1\ncover: {number: 7\n", encoding="utf-8")
    code, _, err = run_cli("build", str(folder), "--to", "html", "--today", "2025-06-01")
    assert code == 1
    assert "broken.yaml:" in err and "[1/2] broken エラーのため出力せず" in err
    assert "kitakyushu-shingata-influenza 出力" in err


def test_an_empty_folder_is_a_usage_error(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "fragment.yaml").write_text("name: 中間サーバー\n", encoding="utf-8")
    code, _, err = run_cli("build", str(tmp_path))
    assert code == 2
    assert "モデルがありません" in err and "piagen: 1" in err


def test_pdf_build_names_the_public_and_internal_editions(run_cli: Run, tmp_path: Path) -> None:
    folder = make_portfolio(tmp_path / "pia", ("kitakyushu-shingata-influenza",))
    code, report, _ = _build(run_cli, folder, "--edition", "both")
    assert code == 0
    files = report["documents"][0]["files"]
    assert files == [
        "kitakyushu-shingata-influenza-basic-internal.pdf",
        "kitakyushu-shingata-influenza-basic.pdf",
        "kitakyushu-shingata-influenza-focused-internal.pdf",
        "kitakyushu-shingata-influenza-focused.pdf",
    ]
    for name in files:
        assert (folder / "out" / name).read_bytes().startswith(b"%PDF-")
    index = (folder / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="kitakyushu-shingata-influenza-focused.pdf"' in index
    assert "internal" not in index


def test_a_bug_in_one_document_is_exit_3_after_the_others_are_built(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = importlib.import_module("piagen.portfolio.build")  # (the package exports a function `build`)
    folder = make_portfolio(tmp_path / "pia", ("kitakyushu-shingata-influenza", "takatsuki-yobou-sesshu"))
    real = module.render_entry

    def flaky(entry: Any, *args: Any) -> dict[str, bytes]:
        if entry.name == "takatsuki-yobou-sesshu":
            raise KeyError("boom")
        rendered: dict[str, bytes] = real(entry, *args)
        return rendered

    monkeypatch.setattr(module, "render_entry", flaky)
    code, report, _ = _build(run_cli, folder, "--to", "html")
    assert code == 3
    docs = {d["name"]: d for d in report["documents"]}
    assert docs["takatsuki-yobou-sesshu"]["outcome"] == "bug"
    assert docs["takatsuki-yobou-sesshu"]["message"] == "KeyError: 'boom'"
    assert docs["kitakyushu-shingata-influenza"]["outcome"] == "built"
    assert (folder / "out" / "kitakyushu-shingata-influenza-focused.html").is_file()
