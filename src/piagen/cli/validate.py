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


def load_and_validate(path: Path) -> tuple[source.Document | None, list[Finding]]:
    """The model and every problem found (the problems of loading when it cannot be loaded)."""
    try:
        doc = source.load(path)
    except ModelError as exc:
        return None, exc.problems
    return doc, checks.validate(doc)


@app.command()
def validate(
    models: Annotated[list[Path], typer.Argument(help="検証するモデル（YAML）", show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", help="出力形式")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="警告も失敗として扱う")] = False,
) -> None:
    """モデルを様式のスキーマと整合性ルールで検証する（全ての問題を表示）。"""
    problems: list[Finding] = []
    for path in models:
        problems.extend(load_and_validate(path)[1])
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt is Format.json:
        echo(json.dumps({"problems": [p.as_json() for p in problems]}, ensure_ascii=False, indent=2))
    else:
        for p in problems:
            echo(p.format())
        echo(f"{len(models)}件のモデルを検証: エラー {errors}件、警告 {warnings}件", err=bool(problems))
    if errors or (strict and warnings):
        raise typer.Exit(1)
