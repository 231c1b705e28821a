"""`piagen init`."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from piagen.cli.app import app, write
from piagen.errors import UsageError


class InitForm(str, Enum):
    full = "full"
    focused = "focused"
    basic = "basic"


@app.command("init")
def init_cmd(
    kind: Annotated[
        InitForm, typer.Option("--form", help="様式（full=全項目、focused=重点項目、basic=基礎項目）")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="書き出すモデル（YAML）")],
    version: Annotated[
        str | None, typer.Option("--version", help="様式の版（例: R6.10、H30.5、H31.1）。省略時は最新")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="既にあるファイルを上書きする")] = False,
) -> None:
    """様式の全項目を並べた空のモデル（雛形）を作る。各項目の横に様式の項目名と選択肢をコメントで示す。"""
    from piagen.init import skeleton

    if out.exists() and not force:
        raise UsageError(f"{out} は既にあります。上書きするには --force を付けてください。")
    write({out: skeleton(kind.value, version).encode("utf-8")})
