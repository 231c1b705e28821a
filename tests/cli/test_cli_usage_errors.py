"""Every command-line error is in Japanese, typer's own included (whole messages asserted); `-h`
and `--version` work."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from piagen import __version__
from tests.shared import EXAMPLES

MODEL = str(EXAMPLES / "kawasaki-kenko-zoshin.yaml")
Run = Callable[..., tuple[int, str, str]]


def hint(command: str) -> str:
    return f"使い方は `{command} --help` で表示できます。\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["render", MODEL, "--form", "ful"],
            "エラー: --form の値「ful」は使えません。使える値: auto、basic、focused、full\n"
            + hint("piagen render"),
        ),
        (["render", MODEL, "-o", "x"], "エラー: -o というオプションはありません。\n" + hint("piagen render")),
        (
            ["validate", MODEL, "--strikt"],
            "エラー: --strikt というオプションはありません。もしかして: --strict\n" + hint("piagen validate"),
        ),
        (["render"], "エラー: 引数 MODEL を指定してください。\n" + hint("piagen render")),
        (["diff", MODEL], "エラー: 引数 NEW を指定してください。\n" + hint("piagen diff")),
        (["render", MODEL, "--out"], "エラー: オプション --out には値が必要です。\n" + hint("piagen")),
        (
            ["threshold", "--people", "abc"],
            "エラー: --people の値「abc」は整数ではありません。0 以上の整数を指定してください。\n"
            + hint("piagen threshold"),
        ),
        (
            ["validate", MODEL, "--format", "xml"],
            "エラー: --format の値「xml」は使えません。使える値: text、json、sarif\n"
            + hint("piagen validate"),
        ),
        (["render", MODEL, "extra"], "エラー: 余分な引数があります: extra\n" + hint("piagen render")),
        (
            ["valdate", MODEL],
            "エラー: 「valdate」というコマンドはありません。もしかして: validate\n" + hint("piagen"),
        ),
        (
            ["--verbose"],
            "エラー: --verbose というオプションはありません。もしかして: --version\n" + hint("piagen"),
        ),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_usage_errors_are_japanese(run_cli: Run, args: list[str], expected: str) -> None:
    code, out, err = run_cli(*args)
    assert (code, out, err) == (2, "", expected)


def test_render_of_a_missing_model_does_not_suggest_allow_errors(run_cli: Run, tmp_path: object) -> None:
    code, out, err = run_cli("render", "--allow-errors", "none.yaml", "--out", str(tmp_path))
    assert code == 1 and out == ""
    assert err == (
        "none.yaml:1:1: ($): ファイルが見つかりません。パスを確認してください。\n"
        "モデルを読み込めないため出力しません。\n"
    )


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(run_cli: Run, flag: str) -> None:
    assert run_cli(flag) == (0, f"piagen {__version__}\n", "")


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["render", "-h"]])
def test_h_is_the_help_with_japanese_headings(run_cli: Run, args: list[str]) -> None:
    code, out, err = run_cli(*args)
    assert code == 0 and err == ""
    assert "オプション" in out and "Options" not in out and "--help" in out
    assert "使い方: piagen" in out and "Usage" not in out and "OPTIONS" not in out
    assert "説明を表示して終了" in out and "Show this message" not in out
    if args[0] == "render":
        assert "評価書を PDF・Excel・HTML に出力する。" in out and "引数" in out and "[必須]" in out


def test_bare_command_shows_the_help_and_exits_2(run_cli: Run) -> None:
    code, out, _ = run_cli()
    assert code == 2 and "コマンド" in out and "validate" in out


def test_installed_command_speaks_japanese_too() -> None:
    """Through the console entry point (python -m piagen), not only in-process."""
    done = subprocess.run(
        [sys.executable, "-m", "piagen", "render", MODEL, "--edition", "secret"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "エラー: --edition の値「secret」は使えません。使える値: internal、public\n" + hint("piagen render")
    )
