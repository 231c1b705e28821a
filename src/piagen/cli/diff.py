"""`piagen diff`."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from piagen.cli.app import app, echo, emit, require_mapping, require_out, write
from piagen.importers.onthefly import load_version
from piagen.model.fields import get


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="比較元（モデル、git の版 REV:path、または公表された評価書の PDF・テキスト）"
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW", help="比較先（モデル、git の版 REV:path、または公表された評価書の PDF・テキスト）"
        ),
    ],
    fmt: Annotated[DiffFormat, typer.Option("--format", help="出力形式")] = DiffFormat.text,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="出力ファイル（html・xlsx では必須）")
    ] = None,
    write_rows: Annotated[
        bool,
        typer.Option("--write", help="NEW の変更箇所（changes）に行を追記する（既にある行は追記しない）"),
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="判断が必要な行があっても終了コード 0 で終える")
    ] = False,
) -> None:
    """2つの版を比べて変更箇所の行を作り、提出時期（事前／事後）とその説明を導く。
    判断が必要な行があれば終了コード 1（--exit-zero で 0）。"""
    from piagen.diff import compare, history, redline

    before, after = load_version(old), load_version(new)
    for spec, version in ((old, before), (new, after)):
        require_mapping(version.data, spec)
    result = compare.compare(before.data, after.data)
    files: dict[Path, bytes] = {}  # written together, all or nothing
    if fmt is DiffFormat.json:
        report = json.dumps(compare.json_report(result), ensure_ascii=False, indent=2) + "\n"
        files.update(emit(out, report, later=True))
    elif fmt is DiffFormat.text:
        files.update(emit(out, compare.text_report(result), later=True))
    else:
        target = require_out(out, fmt.value)
        title = str(get(after.data, "cover", "title") or new)
        files[target] = (
            redline.render_html(result, old, new, title).encode()
            if fmt is DiffFormat.html
            else redline.render_xlsx(result)
        )
    count = 0
    if write_rows:
        file, content, count = history.appended(Path(new), result.changes)
        if count:
            files[file] = content
    write(files)
    if write_rows:
        if count:
            echo(f"{file} に変更箇所を{count}行追記しました。")
        else:
            echo(f"{file} の変更箇所には既にこれらの行があります（追記なし）。")
    if result.counts()["未判断"] and not exit_zero:
        raise typer.Exit(1)
