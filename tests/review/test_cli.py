"""`piagen review` on the command line: exit codes, text, HTML and PDF reports, --previous."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from tests.review.cases import (
    D5,
    KAWASAKI,
    LATE_SIGNIFICANT,
    NEW_DEPT,
    NO_CAUSE,
    OLD_DEPT,
    Row,
    clean,
    moved,
    record,
    revised,
    rows_of,
    write,
)
from tests.shared import EXAMPLES

# ---- CLI outputs and --previous ----


def test_exit_code_zero_without_errors(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_cli("review", str(write(tmp_path / "m.yaml", clean())), "--today", "2025-02-01")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "【適合性】",
        "  指摘はありません。",
        "【妥当性】",
        "  指摘はありません。",
        "適合性: エラー 0件、警告 0件、確認事項 0件",
        "妥当性: エラー 0件、警告 0件、確認事項 0件",
    ]


def test_text_output(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run_cli("review", str(EXAMPLES / f"{KAWASAKI}.yaml"), "--today", "2025-02-01")
    assert code == 1
    lines = out.splitlines()
    assert lines[:2] == ["【適合性】", f"  エラー D5 Ⅵ ２．①方法: {D5}"]
    assert lines[2].startswith("      該当: かわさき情報プラザ")
    assert lines[-2:] == [
        "適合性: エラー 1件、警告 4件、確認事項 0件",
        "妥当性: エラー 0件、警告 0件、確認事項 0件",
    ]


def test_html_report(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "review.html"
    code, stdout, _ = run_cli(
        "review",
        str(EXAMPLES / f"{KAWASAKI}.yaml"),
        "--today",
        "2025-02-01",
        "--format",
        "html",
        "--out",
        str(out),
    )
    assert code == 1
    assert stdout == f"出力: {out}\n"
    page = out.read_text(encoding="utf-8")
    for text in (
        "<h2>諮問書（案）</h2>",
        f"<td>{D5}</td>",
        "<td>令和8年1月20日</td>",
        "<td>令和12年1月20日</td>",
        "<th>確認日</th><td>令和7年2月1日</td>",
    ):
        assert text in page


def test_pdf_report(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "review.pdf"
    code, _, _ = run_cli(
        "review",
        str(EXAMPLES / f"{KAWASAKI}.yaml"),
        "--today",
        "2025-02-01",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    assert code == 1
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    body = re.sub(r"\s+", "", text)
    assert "諮問書（案）" in body
    assert re.sub(r"\s+", "", D5) in body
    assert "健康増進事業の実施に関する事務" in body


def test_html_needs_out(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("review", str(EXAMPLES / f"{KAWASAKI}.yaml"), "--format", "html")
    assert (code, err) == (2, "--format html では --out で出力ファイルを指定してください。\n")


def test_bad_today(run_cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli("review", str(EXAMPLES / f"{KAWASAKI}.yaml"), "--today", "来週")
    assert code == 2
    assert err.startswith("--today を日付として読めません: ")


def previous_review(run_cli, tmp_path: Path, new: dict[str, Any]) -> tuple[int, list[Row]]:  # type: ignore[no-untyped-def]
    old_path, new_path = write(tmp_path / "old.yaml", clean()), write(tmp_path / "new.yaml", new)
    code, out, _ = run_cli(
        "review", str(new_path), "--previous", str(old_path), "--today", "2025-04-02", "--format", "json"
    )
    return code, rows_of(json.loads(out))


def test_cli_previous_department_renamed_in_one_place(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = clean()
    data["basic_info"]["department"]["name"] = NEW_DEPT
    data["cover"]["published"] = "令和7年4月1日"
    record(data, "Ⅰ ７．①部署", OLD_DEPT, NEW_DEPT)
    code, found = previous_review(run_cli, tmp_path, data)
    assert code == 0
    assert found == [
        (
            "E5",
            "warning",
            "適合性",
            "Ⅰ ７．①部署",
            f"部署名を「{NEW_DEPT}」に改めましたが、旧名「{OLD_DEPT}」が他の項目に残っています。",
        ),
        ("A7", "question", "適合性", "Ⅰ ７．評価実施機関における担当部署 ①部署", NO_CAUSE),
        (
            "R7",
            "question",
            "妥当性",
            "Ⅱ （１） ２．⑥事務担当部署",
            f"Ⅰ７．の担当部署「{NEW_DEPT}」が、このファイルの事務担当部署・使用部署にありません。",
        ),
    ]


def test_cli_previous_publication_date_unchanged(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, found = previous_review(run_cli, tmp_path, moved(None))
    assert code == 1
    assert found == [
        ("D6", "error", "適合性", "公表日", "記載が変わっていますが、公表日が前の版と同じです。"),
        ("A7", "question", "適合性", "Ⅱ ６．特定個人情報の保管・消去 ①保管場所", NO_CAUSE),
    ]


def test_cli_previous_significant_change_after_the_fact(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, found = previous_review(run_cli, tmp_path, revised("令和7年3月1日"))
    assert code == 1
    assert found == [("A7", "error", "適合性", "Ⅱ ６．特定個人情報の保管・消去 ①保管場所", LATE_SIGNIFICANT)]


def test_cli_previous_significant_change_filed_before(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, found = previous_review(run_cli, tmp_path, revised("令和7年5月1日"))
    assert (code, found) == (0, [])
