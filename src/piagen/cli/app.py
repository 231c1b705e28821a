"""The typer application, its shared options and output helpers (the only place that prints)."""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from typer import rich_utils

from piagen import __version__, outputs
from piagen.cli import wording
from piagen.errors import ModelError, UsageError
from piagen.findings import Finding
from piagen.model import dates

# The help's headings in Japanese (typer reads these module settings when it prints the help).
rich_utils.ARGUMENTS_PANEL_TITLE = "引数"
rich_utils.OPTIONS_PANEL_TITLE = "オプション"
rich_utils.COMMANDS_PANEL_TITLE = "コマンド"
rich_utils.DEFAULT_STRING = "[既定値: {}]"
rich_utils.REQUIRED_LONG_STRING = "[必須]"

app = wording.Typer(
    cls=wording.Group,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="特定個人情報保護評価書（マイナンバーPIA）を YAML モデルから検証・判断・出力します。",
)


def _version(value: bool) -> None:
    if value:
        echo(f"piagen {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="piagen の版を表示して終了する"
        ),
    ] = False,
) -> None:
    """特定個人情報保護評価書（マイナンバーPIA）を YAML モデルから検証・判断・出力します。"""


def help_text(exc: BaseException) -> None:
    """The help of the command a usage error is about (`piagen` given alone shows its help)."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        echo(ctx.get_help())


class Format(str, Enum):
    text = "text"
    json = "json"


def echo(text: str = "", err: bool = False) -> None:
    typer.echo(text, err=err)


def write(files: dict[Path, bytes]) -> None:
    """Write outputs all or nothing and say where they went."""
    if not files:
        return
    outputs.write_atomically(files)
    for path in files:
        echo(f"出力: {path}")


def emit(out: Path | None, text: str, later: bool = False) -> dict[Path, bytes]:
    """Text to standard output, or to the file --out names (with `later`, returned to be written
    with the command's other outputs)."""
    if out is None:
        sys.stdout.write(text)
        return {}
    if later:
        return {out: text.encode("utf-8")}
    write({out: text.encode("utf-8")})
    return {}


def require_mapping(data: object, shown: str) -> None:
    """Refuse a model that is empty or not a mapping of items (a list, a lone value)."""
    if not isinstance(data, dict):
        what = "空" if data is None else ("リスト" if isinstance(data, list) else "単独の値")
        message = f"モデルが{what}です。「piagen: 1」「form:」「cover:」… の項目を書いてください。"
        raise ModelError([Finding("V-not-mapping", "error", message, "$", "", shown, 1, 1)])


def require_out(out: Path | None, fmt: str) -> Path:
    if out is None:
        raise UsageError(f"--format {fmt} では --out で出力ファイルを指定してください。")
    return out


def today(text: str | None) -> dt.date:
    """--today as 和暦 or ISO; the clock otherwise (the CLI is the only place that reads it)."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        parsed = dates.parse(text)
    except dates.DateFormatError as exc:
        raise UsageError(f"--today を日付として読めません: {exc}") from None
    return parsed.first_day()
