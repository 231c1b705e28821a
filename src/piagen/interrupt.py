"""Ctrl-C ends every command the same way: 「中断しました。」 on stderr and exit 130.

Kept free of imports beyond the standard library: the entry point (__main__) uses it while the
command line is still being imported."""

from __future__ import annotations

import signal
import sys
from typing import NoReturn

INTERRUPTED = 130


def exit_interrupted() -> NoReturn:
    """Print 「中断しました。」 and exit 130, whatever the interpreter does as it shuts down."""
    # A Ctrl-C still pending must not kill the interpreter as it shuts down (it resets Python's
    # SIGINT handler to the default action then, but leaves an ignored signal alone).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stderr.write("中断しました。\n")
    sys.stderr.flush()
    # CPython marks a KeyboardInterrupt that ends a string `exec`/`eval` as unhandled even when a
    # caller catches it (dataclasses and typing build methods that way, so a Ctrl-C during an
    # import can end one), and `python -m` then kills itself with SIGINT instead of exiting 130.
    # The mark is cleared when a string evaluation starts: evaluating one here clears it.
    eval("None")  # noqa: S307 - a constant string, evaluated only to clear that mark
    sys.exit(INTERRUPTED)
