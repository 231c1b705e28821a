"""`piagen threshold`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from piagen import threshold
from piagen.cli.app import Format, app, echo
from piagen.errors import PiagenError, UsageError
from piagen.model import source


@app.command("threshold")
def threshold_cmd(
    model_path: Annotated[
        Path | None, typer.Argument(metavar="MODEL", help="モデル（省略時は --people で判断）")
    ] = None,
    people: Annotated[int | None, typer.Option("--people", help="対象人数", min=0)] = None,
    handlers: Annotated[int | None, typer.Option("--handlers", help="取扱者数", min=0)] = None,
    incident: Annotated[
        bool | None,
        typer.Option(
            "--incident/--no-incident", help="過去1年以内の特定個人情報に関する重大事故の有無（省略時は不明）"
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="出力形式")] = Format.text,
) -> None:
    """しきい値判断: 義務付けられる評価と、その根拠となったルールを示す。"""
    if (model_path is None) == (people is None):
        raise UsageError(
            "モデルか --people のどちらか一方を指定してください（例: piagen threshold --people 350000 --handlers 120）。"
        )
    stated: str | None = None
    if model_path is not None:
        doc = source.load(model_path)
        decision = threshold.from_model(doc.data if isinstance(doc.data, dict) else {})
        if decision is None:
            raise PiagenError(
                f"{model_path}: しきい値判断項目の対象人数（threshold.people）がないため判断できません。"
            )
        stated = threshold.stated(doc.data)
    else:
        assert people is not None
        decision = threshold.decide(
            threshold.band_of(people), None if handlers is None else handlers >= 500, incident
        )
    if fmt is Format.json:
        echo(json.dumps(threshold.json_report(decision, stated), ensure_ascii=False, indent=2))
    else:
        echo(threshold.text_report(decision, stated).rstrip("\n"))
    if not threshold.agrees(decision, stated):
        raise typer.Exit(1)
