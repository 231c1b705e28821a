"""The `piagen` command (and `python -m piagen`).

Before anything else is imported, a command that will write a PDF starts its layout processes: their
WeasyPrint import (~0.6 s) then runs beside the import of the command line and the loading of the
model, instead of after them."""

from __future__ import annotations

import sys


def _writes_pdf(args: list[str]) -> bool:
    """Whether `piagen ARGS` is a render that writes a PDF (the default formats are pdf,xlsx)."""
    if not args or args[0] != "render" or "--help" in args:
        return False
    formats = "pdf"
    for i, arg in enumerate(args):
        if arg == "--to" and i + 1 < len(args):
            formats = args[i + 1]
        elif arg.startswith("--to="):
            formats = arg.removeprefix("--to=")
    return "pdf" in formats.split(",")


def main() -> None:
    layouts = None
    if _writes_pdf(sys.argv[1:]):
        from piagen import render

        layouts = render.layouts(2)
    try:
        from piagen import cli

        cli.main(layouts)
    finally:
        if layouts is not None:
            layouts.close()


if __name__ == "__main__":
    main()
