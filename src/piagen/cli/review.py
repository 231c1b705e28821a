"""`piagen review`."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from piagen.cli.app import app, emit, require_mapping, require_out, today, write
from piagen.importers.onthefly import load_version


class ReviewFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    pdf = "pdf"


@app.command()
def review(
    model_path: Annotated[
        str,
        typer.Argument(
            metavar="MODEL", help="点検する評価書のモデル（公表された評価書の PDF・テキストも可）"
        ),
    ],
    previous: Annotated[
        str | None, typer.Option("--previous", help="前の版（ファイル、または git の版 REV:path）")
    ] = None,
    today_text: Annotated[
        str | None, typer.Option("--today", help="基準日（例: 2025-01-20、令和7年1月20日）。省略時は今日")
    ] = None,
    fmt: Annotated[ReviewFormat, typer.Option("--format", help="出力形式")] = ReviewFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="出力ファイル（html・pdf では必須）")
    ] = None,
) -> None:
    """第三者点検のための機械的な確認（適合性・妥当性）、見直し期限、諮問書（案）。"""
    from piagen.review import kit

    doc = load_version(model_path)
    require_mapping(doc.data, model_path)
    old = load_version(previous).data if previous else None
    if previous:
        require_mapping(old, previous)
    day = today(today_text)
    findings = kit.run(doc, old, day)
    if fmt is ReviewFormat.json:
        emit(out, json.dumps(kit.json_report(doc.data, findings), ensure_ascii=False, indent=2) + "\n")
    elif fmt is ReviewFormat.text:
        emit(out, kit.text_report(findings))
    else:
        target = require_out(out, fmt.value)
        page = kit.render_html(doc, findings, day, previous or "")
        if fmt is ReviewFormat.pdf:
            from piagen import render

            write({target: render.pdf_of_html(page)})
        else:
            write({target: page.encode("utf-8")})
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)
