"""The `piagen` command (and `python -m piagen`).

Before anything else is imported, a command that will write a PDF starts its layout processes: their
WeasyPrint import (~0.6 s) then runs beside the import of the command line and the loading of the
model, instead of after them. Whenever Ctrl-C comes, the command stops them and waits for them
before it exits (130)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from piagen.interrupt import exit_interrupted

if TYPE_CHECKING:
    from piagen.render import Layouts


def _writes_pdf(args: list[str]) -> bool:
    """Whether `piagen ARGS` is a render that writes a PDF (the default formats are pdf,xlsx)."""
    if not args or args[0] != "render" or "--help" in args or "-h" in args:
        return False
    formats = "pdf"
    for i, arg in enumerate(args):
        if arg == "--to" and i + 1 < len(args):
            formats = args[i + 1]
        elif arg.startswith("--to="):
            formats = arg.removeprefix("--to=")
    return "pdf" in formats.split(",")


def _close(layouts: Layouts | None) -> None:
    if layouts is None:
        return
    try:
        layouts.close()
    except KeyboardInterrupt:  # a Ctrl-C held while they stopped: they have all exited now
        exit_interrupted()


def main() -> None:
    layouts = None
    try:
        if _writes_pdf(sys.argv[1:]):
            from piagen import render

            layouts = render.layouts(2)
        from piagen import cli

        cli.main(layouts)
    except KeyboardInterrupt:  # before the command line's own error boundary was reached
        _close(layouts)
        layouts = None
        exit_interrupted()
    finally:
        _close(layouts)


if __name__ == "__main__":
    main()
