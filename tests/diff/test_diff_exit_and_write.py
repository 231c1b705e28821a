"""`piagen diff` in CI: exit 1 while a row needs a human decision (0 with --exit-zero, or once the
cause is recorded), and `--write` run twice appends nothing the second time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.shared import EXAMPLES

Run = Callable[..., tuple[int, str, str]]
NAME = "予防接種に関する事務"


def _versions(tmp_path: Path, cause: bool = False) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    shutil.copy(EXAMPLES / "kitakyushu-shingata-influenza.yaml", old)
    text = old.read_text(encoding="utf-8")
    assert f"name: {NAME}\n" in text
    new_text = text.replace(f"name: {NAME}\n", f"name: {NAME}（改）\n", 1)
    if cause:
        new_text += (
            "revision:\n  date: 令和7年3月1日\n  causes:\n    - text: 事務の名称の見直し\n      effective: 令和7年4月1日\n"
            "      significant: false\n      reason: 名称の変更のみで、取り扱う特定個人情報は変わらない。\n"
            "      emergency: false\n      items: [basic_info.task.name]\n"
        )
    new = tmp_path / "new.yaml"
    new.write_text(new_text, encoding="utf-8")
    return old, new


def test_a_row_needing_a_decision_exits_1(run_cli: Run, tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    code, out, _ = run_cli("diff", str(old), str(new))
    assert code == 1
    assert "要判断: この変更の原因（revision.causes）が記録されていません。" in out
    assert run_cli("diff", str(old), str(new), "--exit-zero")[0] == 0
    assert run_cli("diff", str(old), str(new), "--format", "json")[0] == 1


def test_no_open_point_exits_0(run_cli: Run, tmp_path: Path) -> None:
    old, new = _versions(tmp_path, cause=True)
    code, out, err = run_cli("diff", str(old), str(new))
    assert code == 0, out + err
    assert "判断が必要 0件" in out


def test_write_twice_appends_once(run_cli: Run, tmp_path: Path) -> None:
    old, new = _versions(tmp_path)
    before = new.read_text(encoding="utf-8")
    code, out, _ = run_cli("diff", str(old), str(new), "--write", "--exit-zero")
    assert code == 0 and f"{new} に変更箇所を1行追記しました。" in out
    once = new.read_text(encoding="utf-8")
    assert once.startswith(before.rstrip("\n")) and once.count(f"after: {NAME}（改）") == 1
    code, out, _ = run_cli("diff", str(old), str(new), "--write", "--exit-zero")
    assert code == 0 and f"{new} の変更箇所には既にこれらの行があります（追記なし）。" in out
    assert new.read_text(encoding="utf-8") == once
