"""`piagen schema` and `piagen version`."""

from __future__ import annotations

import sys

from piagen import __version__
from piagen.cli.app import app, echo
from piagen.model import editor


@app.command("schema")
def schema_cmd() -> None:
    """モデルの JSON Schema を表示する（エディタの補完・ホバー・検査用。項目名・記載の手引き付き）。"""
    sys.stdout.write(editor.schema_json())


@app.command()
def version() -> None:
    """piagen の版を表示する。"""
    echo(f"piagen {__version__}")
