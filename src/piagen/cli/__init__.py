"""Command line: each command loads its input, calls one library function and writes the result.
Only this package imports typer, prints, reads the clock, writes files or exits."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from piagen.cli import (  # noqa: F401 (commands)
    build,
    diff,
    figure,
    importing,
    init,
    render,
    review,
    revise,
    schema,
    threshold,
    usage,
    validate,
)
from piagen.cli.app import app, echo, help_text
from piagen.errors import PiagenError
from piagen.interrupt import INTERRUPTED, exit_interrupted

if TYPE_CHECKING:  # (the PDF layout processes are imported only by a render that writes a PDF)
    from piagen.render import Layouts


def main(layouts: Layouts | None = None) -> None:
    """One error boundary for every command. `layouts`: PDF layout processes the entry point started
    early (see __main__), used by `render`."""
    try:
        code = app(obj=layouts, standalone_mode=False, prog_name="piagen")
    except usage.Error as exc:  # typer's own usage errors, worded in Japanese
        if usage.no_args(exc):
            help_text(exc)
            sys.exit(usage.exit_code(exc))
        echo(usage.message(exc), err=True)
        sys.exit(usage.exit_code(exc))
    except PiagenError as exc:
        echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        exit_interrupted()
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into a one-line report
        echo(
            f"piagen の内部エラーです（{type(exc).__name__}: {exc}）。お手数ですが再現手順を添えて報告してください。",
            err=True,
        )
        sys.exit(3)
    if code == INTERRUPTED:  # typer turns Ctrl-C into exit 130 itself
        exit_interrupted()
    if isinstance(code, int) and code:
        sys.exit(code)
