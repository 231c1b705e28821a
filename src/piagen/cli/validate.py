"""`piagen validate`."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from piagen import __version__, checks
from piagen.checks import sarif
from piagen.checks.registry import REGISTRY
from piagen.cli.app import app, echo
from piagen.errors import ModelError
from piagen.findings import Finding
from piagen.model import source

ROOT_HELP = "!include や図を読んでよいフォルダ（既定: モデルのフォルダ。共有の部品を置くフォルダを指定）"


def load_and_validate(path: Path, root: Path | None = None) -> tuple[source.Document | None, list[Finding]]:
    """The model and every problem found (the problems of loading when it cannot be loaded)."""
    try:
        doc = source.load(path, root=root)
    except ModelError as exc:
        return None, exc.problems
    return doc, checks.validate(doc)


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"


@app.command()
def validate(
    models: Annotated[list[Path], typer.Argument(help="検証するモデル（YAML）", show_default=False)],
    fmt: Annotated[
        ValidateFormat,
        typer.Option("--format", help="出力形式（sarif: SARIF 2.1.0、CI のコードスキャン用）"),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="警告も失敗として扱う")] = False,
    root: Annotated[Path | None, typer.Option("--root", help=ROOT_HELP)] = None,
) -> None:
    """モデルを様式のスキーマと整合性ルールで検証する（全ての問題を表示）。"""
    problems: list[Finding] = []
    for path in models:
        problems.extend(load_and_validate(path, root)[1])
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt is ValidateFormat.json:
        echo(json.dumps({"problems": [p.as_json() for p in problems]}, ensure_ascii=False, indent=2))
    elif fmt is ValidateFormat.sarif:
        log = sarif.log(problems, REGISTRY.rules.values(), __version__, Path.cwd())
        echo(json.dumps(log, ensure_ascii=False, indent=2))
    else:
        for p in problems:
            echo(p.format())
        echo(f"{len(models)}件のモデルを検証: エラー {errors}件、警告 {warnings}件", err=bool(problems))
    if errors or (strict and warnings):
        raise typer.Exit(1)
