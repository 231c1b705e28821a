"""Every case the audit found ending in exit 3 (or in English, or with raw bytes) now gives a Japanese
message naming the file, and exit 1 or 2. git revisions are verified and passed after
`--end-of-options`: a revision that looks like an option is refused and makes git write nothing."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.shared import EXAMPLES, ROOT

KITAKYUSHU = EXAMPLES / "kitakyushu-shingata-influenza.yaml"

Run = Callable[..., tuple[int, str, str]]


def japanese_failure(result: tuple[int, str, str], *needles: str) -> None:
    code, out, err = result
    text = out + err
    assert code in (1, 2), text
    assert "内部エラー" not in text and "Traceback" not in text
    for needle in needles:
        assert needle in text, text


@pytest.mark.parametrize("content", ["", "3\n", "- 1\n- 2\n"], ids=["empty", "scalar", "list"])
@pytest.mark.parametrize(
    "command",
    [
        ["review", "{m}", "--today", "2025-01-20"],
        ["diff", "{m}", "{m}"],
        ["render", "{m}", "--allow-errors", "--to", "html", "--out", "{o}"],
        ["threshold", "{m}"],
        ["validate", "{m}"],
    ],
    ids=["review", "diff", "render", "threshold", "validate"],
)
def test_models_that_are_not_mappings(run_cli: Run, tmp_path: Path, content: str, command: list[str]) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(content, encoding="utf-8")
    argv = [a.format(m=model, o=tmp_path / "o") for a in command]
    japanese_failure(run_cli(*argv), "m.yaml")
    assert not (tmp_path / "o").exists()


def test_an_integer_of_4301_digits(run_cli: Run, tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(KITAKYUSHU.read_text(encoding="utf-8").replace("piagen: 1", "piagen: " + "9" * 4301, 1))
    for command in (["validate"], ["threshold"], ["review", "--today", "2025-01-20"]):
        japanese_failure(run_cli(command[0], str(model), *command[1:]), "m.yaml:", "数の桁数が多すぎます")


def test_threshold_with_an_empty_basic_assessment(run_cli: Run, tmp_path: Path) -> None:
    model = tmp_path / "m.yaml"
    model.write_text(
        "piagen: 1\nform: {type: basic}\nthreshold: {people: 5000}\nprocedure: {basic_assessment: }\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("threshold", str(model))
    assert code in (0, 1, 2) and "内部エラー" not in out + err


def test_diff_of_a_file_outside_the_repository(run_cli: Run) -> None:
    result = run_cli("diff", "HEAD:/etc/passwd", str(KITAKYUSHU), cwd=ROOT)
    japanese_failure(result, "HEAD:/etc/passwd", "リポジトリの外")
    assert "root:" not in result[1] + result[2]


@pytest.mark.parametrize("rev", ["--output=/tmp/piagen-injected", "-p", "--all"])
def test_a_revision_that_looks_like_an_option_is_refused(run_cli: Run, tmp_path: Path, rev: str) -> None:
    target = Path(f"{rev.removeprefix('--output=')}:k.yaml") if rev.startswith("--output=") else None
    result = run_cli("diff", "--", f"{rev}:k.yaml", str(KITAKYUSHU), cwd=ROOT)
    japanese_failure(result, "「-」で始められません")
    if target is not None:
        assert not target.exists() and not Path(rev.removeprefix("--output=")).exists()


def test_a_revision_that_does_not_exist(run_cli: Run) -> None:
    japanese_failure(
        run_cli("diff", "nosuchrev123:examples/x.yaml", str(KITAKYUSHU), cwd=ROOT), "nosuchrev123"
    )


def test_a_real_revision_still_works(run_cli: Run) -> None:
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    rel = KITAKYUSHU.relative_to(ROOT).as_posix()
    code, out, err = run_cli("diff", f"HEAD:{rel}", rel, "--exit-zero", cwd=ROOT)
    assert code == 0, err


def test_an_unreadable_model_is_reported_in_japanese(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "m.yaml"
    model.write_text("piagen: 1\n")
    real = os.open

    def denied(path: object, *args: object, **kwargs: object) -> int:
        if str(path) == str(model):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    result = run_cli("validate", str(model))
    japanese_failure(result, "m.yaml", "読み取りの権限がありません")
    assert "Permission denied" not in result[1] + result[2]


def test_a_non_image_figure_names_it_without_base64(run_cli: Run, tmp_path: Path) -> None:
    text = KITAKYUSHU.read_text(encoding="utf-8")
    model = tmp_path / "m.yaml"
    model.write_text(text + "annex_flow:\n  - title: 図\n    figure: flow.png\n", encoding="utf-8")
    (tmp_path / "flow.png").write_bytes(b"PK\x03\x04 not an image" * 100)
    result = run_cli("render", str(model), "--to", "html", "--allow-errors", "--out", str(tmp_path / "o"))
    japanese_failure(result, "m.yaml", "flow.png", "として読めません")
    assert "base64" not in result[2] and "UEsDB" not in result[2]
    assert not (tmp_path / "o").exists()
