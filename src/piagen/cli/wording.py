"""The parts of typer's help that it words itself, in Japanese: the usage line's prefix and the
help option's own description. typer has no message catalogue, so the app's command classes
word them (the headings are module settings, set in app.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

USAGE = "使い方: "
HELP = "説明を表示して終了する"
OPTIONS = "[オプション]"
COMMAND = "コマンド [引数]..."


class _Japanese:
    """The usage line's prefix and the help option's description, for commands and the group."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), USAGE)  # type: ignore[attr-defined]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP
        return option


class Command(_Japanese, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS
        super().__init__(*args, **kwargs)


class Group(_Japanese, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS
        kwargs["subcommand_metavar"] = COMMAND
        super().__init__(*args, **kwargs)


class Typer(typer.Typer):
    """A typer app whose commands word their help in Japanese."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)
