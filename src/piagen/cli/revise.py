"""`piagen revise`: one change (an 組織改正, an amended law) applied to every model of a folder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from piagen import outputs
from piagen.cli.app import Format, app, echo, today
from piagen.errors import UsageError


def _pairs(replace: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for text in replace:
        old, sep, new = text.partition("=")
        if not sep or not old:
            raise UsageError(f"--replace は「旧=新」の形で指定してください（指定: {text}）。")
        pairs.append((old, new))
    if not pairs:
        raise UsageError("--replace で置き換える語句を指定してください（例: --replace 市民課=市民窓口課）。")
    return pairs


def _date(text: str, option: str) -> dt.date:
    try:
        return today(text)
    except UsageError:
        raise UsageError(
            f"{option} を日付として読めません（例: 2025-04-01、令和7年4月1日）: {text}"
        ) from None


@app.command()
def revise(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="評価書のモデルを置いたフォルダ")],
    cause: Annotated[str, typer.Option("--cause", help="変更の原因（例: 組織改正）")],
    effective: Annotated[str, typer.Option("--effective", help="変更が効力を生じる日")],
    replace: Annotated[
        list[str] | None,
        typer.Option("--replace", help="置き換え「旧=新」（複数指定可）", show_default=False),
    ] = None,
    significant: Annotated[
        bool | None,
        typer.Option(
            "--significant/--not-significant", help="重要な変更に当たるか（※の項目。省略時は要判断）"
        ),
    ] = None,
    reason: Annotated[str, typer.Option("--reason", help="重要な変更に当たる（当たらない）理由")] = "",
    date_text: Annotated[
        str | None, typer.Option("--date", help="変更日（提出・公表する日。省略時は今日）")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="結果の表示形式")] = Format.text,
) -> None:
    """1つの変更を、フォルダ内の該当する全ての評価書に適用し、変更箇所の行と原因を記録する（全て書くか、何も書かない）。"""
    from piagen.portfolio import folder as portfolio_folder
    from piagen.portfolio import revise as revising

    pairs = _pairs(replace or [])
    if not cause.strip():
        raise UsageError("--cause に変更の原因を書いてください。")
    project = portfolio_folder.read_project(folder)
    models = portfolio_folder.model_files(folder, folder / project.output)
    if not models:
        raise UsageError(f"{folder}: モデルがありません（先頭が「piagen: 1」の YAML ファイルがモデルです）。")
    change = revising.Cause(
        cause.strip(),
        _date(effective, "--effective"),
        _date(date_text, "--date") if date_text else today(None),
        significant,
        reason.strip(),
    )
    result = revising.plan(folder, models, change, pairs)
    if fmt is Format.json:
        echo(json.dumps(revising.json_report(result), ensure_ascii=False, indent=2))
    if result.problems:
        if fmt is Format.text:
            for p in result.problems:
                echo(p.format(), err=True)
            echo(f"問題が{len(result.problems)}件あるため、どのファイルも変更していません。", err=True)
        raise typer.Exit(1)
    outputs.write_atomically({p: t.encode("utf-8") for p, t in result.files.items()})
    if fmt is Format.text:
        echo(revising.text_report(result).rstrip("\n"))
        for file in sorted(result.files):
            echo(f"更新: {file}")
