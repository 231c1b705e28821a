"""`piagen figure`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from piagen import figure as drawing
from piagen.cli.app import app, emit
from piagen.cli.render import Edition
from piagen.errors import UsageError
from piagen.model import edition, source


@app.command()
def figure(
    model_path: Annotated[Path, typer.Argument(metavar="MODEL", help="モデル（YAML）")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="出力する SVG ファイル（省略時は標準出力）")
    ] = None,
    edition_choice: Annotated[
        Edition, typer.Option("--edition", help="public=公表版（非公表部分を除いたモデルから描く）")
    ] = Edition.internal,
) -> None:
    """（別添１）事務の流れの図をモデルから描く（SVG）。モデルに figure: generated と書けば評価書に埋め込まれる。"""
    if out is not None and out.suffix.lower() != ".svg":
        raise UsageError(f"-o には .svg のファイル名を指定してください（指定: {out}）。")
    data = source.load(model_path).data
    if not isinstance(data, dict):
        raise UsageError(f"{model_path}: モデルの最上位がマッピングではありません。")
    if edition_choice is Edition.public:
        data = edition.public(data)
    emit(out, drawing.flow_svg(data))
