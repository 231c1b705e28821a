"""Japanese messages for the command-line errors that typer itself raises (unknown option, bad
choice, missing argument …): typer prints English, so the app runs without its standalone mode
and `message` words each error from the exception's own fields."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

import typer

Error = typer.TyperException  # typer vendors click; its usage errors are known here by class name
_INTEGER = re.compile(r"valid integer")
_EXTRA = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.*)\)$")
_COMMAND = re.compile(r"^No such command '(.*?)'\.(?: Did you mean '(.*)'\?)?$")


def _name(param: Any) -> str:
    """How the user wrote (or should write) the parameter: its option, or its argument's name."""
    if param is None:
        return ""
    if param.param_type_name == "option":
        return str(max(param.opts, key=len))
    return str(param.metavar or param.name.upper())


def _given(exc: BaseException) -> str | None:
    """The value the user gave, as typer's validation recorded it."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        found = errors()
        if found and "input" in found[0]:
            return str(found[0]["input"])
    return None


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not descriptor.is_choice or descriptor.choices is None:
        return []
    return [c.value if isinstance(c, Enum) else str(c) for c in descriptor.choices]


def _bad_value(exc: Any) -> str:
    name, given, choices = _name(exc.param), _given(exc), _choices(exc.param)
    shown = f"「{given}」" if given is not None else ""
    if choices:
        return f"{name} の値{shown}は使えません。使える値: {'、'.join(choices)}"
    if _INTEGER.search(exc.message):
        return f"{name} の値{shown}は整数ではありません。0 以上の整数を指定してください。"
    return f"{name} の値{shown}が正しくありません。"


def _missing(exc: Any) -> str:
    param = exc.param
    if param is not None and param.param_type_name == "option":
        return f"オプション {_name(param)} を指定してください。"
    return f"引数 {_name(param)} を指定してください。"


def _unknown_option(exc: Any) -> str:
    text = f"{exc.option_name} というオプションはありません。"
    if exc.possibilities:
        text += f"もしかして: {'、'.join(sorted(exc.possibilities))}"
    return text


def _other(exc: Any) -> str:
    extra = _EXTRA.match(exc.message)
    if extra:
        return f"余分な引数があります: {extra.group(1)}"
    command = _COMMAND.match(exc.message)
    if command:
        near = f"もしかして: {command.group(2)}" if command.group(2) else ""
        return f"「{command.group(1)}」というコマンドはありません。{near}"
    return f"コマンドラインが正しくありません（{exc.message}）。"


def _is(exc: BaseException, kind: str) -> bool:
    return any(cls.__name__ == kind for cls in type(exc).__mro__)


def message(exc: Error) -> str:
    """The whole Japanese message for `exc`, with where to read the command's usage."""
    if _is(exc, "NoSuchOption"):
        text = _unknown_option(exc)
    elif _is(exc, "MissingParameter"):
        text = _missing(exc)
    elif _is(exc, "BadParameter"):
        text = _bad_value(exc)
    elif _is(exc, "BadOptionUsage") and "requires an argument" in str(exc):
        text = f"オプション {getattr(exc, 'option_name', '')} には値が必要です。"
    elif _is(exc, "UsageError"):
        text = _other(exc)
    else:
        text = f"コマンドを実行できません（{exc}）。"
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "piagen"
    return f"エラー: {text}\n使い方は `{command} --help` で表示できます。"


def exit_code(exc: Error) -> int:
    """2 for a wrong command line (as every usage error of piagen)."""
    return 2 if _is(exc, "UsageError") else 1


def no_args(exc: Error) -> bool:
    """Whether `exc` only asks for the help (the command was given without arguments)."""
    return _is(exc, "NoArgsIsHelpError")
