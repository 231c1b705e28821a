"""`piagen validate`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from piagen import checks
from piagen.cli.app import Format, app, echo
from piagen.errors import ModelError
from piagen.findings import Finding
from piagen.model import source


def load_and_validate(path: Path, blanks: bool = True) -> tuple[source.Document | None, list[Finding]]:
    """The model and every problem found (the problems of loading when it cannot be loaded)."""
    try:
        doc = source.load(path)
    except ModelError as exc:
        return None, exc.problems
    return doc, checks.validate(doc, blanks)


@app.command()
def validate(
    models: Annotated[list[Path], typer.Argument(help="検証するモデル（YAML）", show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", help="出力形式")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="警告も失敗として扱う")] = False,
    ignore_blank: Annotated[
        bool,
        typer.Option(
            "--ignore-blank", help="未記入の項目を報告しない（書きかけのモデルの記載だけを検証する）"
        ),
    ] = False,
) -> None:
    """モデルを様式のスキーマと整合性ルールで検証する（全ての問題を表示）。"""
    problems: list[Finding] = []
    progress: list[tuple[str, checks.Progress]] = []
    for path in models:
        doc, found = load_and_validate(path, blanks=not ignore_blank)
        problems.extend(found)
        progress.extend((str(path), p) for p in (checks.progress(doc) if doc else []))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt is Format.json:
        shown = [{"file": file, **done.as_json()} for file, done in progress]
        echo(
            json.dumps(
                {"problems": [p.as_json() for p in problems], "progress": shown}, ensure_ascii=False, indent=2
            )
        )
    else:
        for p in problems:
            echo(p.format())
        for file, done in progress:
            echo(f"{file}: {done.text()}", err=bool(problems))
        echo(f"{len(models)}件のモデルを検証: エラー {errors}件、警告 {warnings}件", err=bool(problems))
    if errors or (strict and warnings):
        raise typer.Exit(1)
