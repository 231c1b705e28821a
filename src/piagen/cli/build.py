"""`piagen build`: every model of a folder validated, rendered (in parallel), with the publication
page (index.html) and the deadline calendar (deadlines.ics)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from piagen import outputs
from piagen.cli.app import Format, app, echo, today
from piagen.errors import UsageError

if TYPE_CHECKING:  # (the portfolio and render packages are imported when the command runs)
    from piagen import render
    from piagen.findings import Finding
    from piagen.model.edition import Edition
    from piagen.portfolio import Entry, Finished, Row


class Editions(str, Enum):
    public = "public"
    internal = "internal"
    both = "both"


def _changed(folder: Path, files: dict[str, bytes]) -> dict[Path, bytes]:
    """The outputs whose bytes differ from the file already there (unchanged files are not rewritten)."""
    out = {}
    for name, data in files.items():
        target = folder / name
        try:
            same = target.read_bytes() == data
        except OSError:
            same = False
        if not same:
            out[target] = data
    return out


@app.command()
def build(
    context: typer.Context,
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="評価書のモデルを置いたフォルダ")],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="出力先（省略時は piagen-project.yaml の output、なければ DIR/out）"),
    ] = None,
    to: Annotated[str, typer.Option("--to", help="出力形式（カンマ区切り: pdf,xlsx,html）")] = "pdf",
    editions: Annotated[
        Editions, typer.Option("--edition", help="public=公表版、internal=提出版、both=両方")
    ] = Editions.public,
    today_text: Annotated[
        str | None, typer.Option("--today", help="基準日（見直し期限の計算。省略時は今日）")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="結果の表示形式")] = Format.text,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="PDF の組版結果を再利用しない")] = False,
) -> None:
    """フォルダ内の全ての評価書を検証・出力し、公表ページ（index.html）と期限のカレンダー（deadlines.ics）を作る。"""
    from piagen import portfolio, render

    formats = tuple(f.strip() for f in to.split(",") if f.strip())
    if not formats or any(f not in render.FORMATS for f in formats):
        raise UsageError(f"--to に使える形式は {'、'.join(render.FORMATS)} です（指定: {to}）。")
    project = portfolio.read_project(folder)
    target = out or folder / project.output
    paths = portfolio.model_files(folder, target)
    if not paths:
        raise UsageError(f"{folder}: モデルがありません（先頭が「piagen: 1」の YAML ファイルがモデルです）。")
    day = today(today_text)
    entries = portfolio.load(folder, paths)
    findings = portfolio.cross_check(entries)
    text = fmt is Format.text
    if text:
        for e in entries:
            for p in e.problems:
                echo(p.format(), err=True)
        for found in findings.values():
            for f in found:
                echo(f"{f.format()} [{f.rule}]", err=True)
    blocked = {
        n: next(f.message for f in fs if f.severity == "error") for n, fs in findings.items() if _errors(fs)
    }
    chosen: tuple[Edition, ...] = ("public", "internal") if editions is Editions.both else (editions.value,)
    started = context.obj if render.is_layouts(context.obj) else None
    cores = os.cpu_count() or 1
    with started or render.layouts(cores if "pdf" in formats else 1) as layouts:
        cache = None if no_cache else render.part_cache()
        done, written = _run(entries, formats, chosen, layouts, cache, blocked, target, text, max(2, cores))
    rows = [portfolio.row(e, day) for e in entries]
    page = portfolio.render_index(project, rows, written, day)
    name = project.name or "特定個人情報保護評価"
    calendar = portfolio.ics(portfolio.events(entries, day), name, dt.datetime.now(dt.UTC))
    outputs.write_atomically(
        {target / "index.html": page.encode("utf-8"), target / "deadlines.ics": calendar}
    )
    _finish(entries, rows, done, findings, written, fmt, target)


def _errors(found: list[Finding]) -> bool:
    return any(f.severity == "error" for f in found)


def _run(
    entries: list[Entry],
    formats: tuple[str, ...],
    editions: tuple[Edition, ...],
    layouts: render.Layouts,
    cache: render.PartCache | None,
    blocked: dict[str, str],
    target: Path,
    text: bool,
    feeders: int,
) -> tuple[dict[str, Finished], dict[str, list[str]]]:
    """Build, writing each document's files as it finishes, with a progress line per document (and
    the time left, estimated from the model sizes done so far)."""
    from piagen import portfolio

    total, weights = len(entries), sum(portfolio.build_weight(e) for e in entries)
    done: dict[str, Finished] = {}
    written: dict[str, list[str]] = {}
    begun = time.monotonic()
    starts: dict[str, float] = {}
    progress = portfolio.build(
        entries, formats, editions, layouts=layouts, cache=cache, blocked=blocked, feeders=feeders
    )
    for event in progress:
        if isinstance(event, portfolio.Started):
            starts[event.name] = time.monotonic()
            continue
        done[event.name] = event
        if event.outcome == "invalid":  # not rendered: no part of the time to come
            weights -= event.weight
        if event.outcome == "built":
            changed = _changed(target, event.files)
            outputs.write_atomically(changed)
            written[event.name] = sorted(event.files)
            # the bytes are written: keep only the outcome (60 documents' PDFs need not stay in memory)
            done[event.name] = dataclasses.replace(
                event, files={}, outcome="built" if changed else "unchanged"
            )
        if text:
            now = time.monotonic()
            finished = sum(e.weight for e in done.values() if e.outcome != "invalid")
            left = portfolio.eta(now - begun, finished, weights - finished)
            took = now - starts.get(event.name, now)
            echo(portfolio.progress_line(len(done), total, done[event.name], took, left), err=True)
            if event.message:
                echo(f"  {event.message}", err=True)
    return done, written


def _finish(
    entries: list[Entry],
    rows: list[Row],
    done: dict[str, Finished],
    findings: dict[str, list[Finding]],
    written: dict[str, list[str]],
    fmt: Format,
    target: Path,
) -> None:
    """The summary (table or JSON) and the exit status: 3 on a bug, 1 when any document has errors."""
    from piagen import portfolio

    if fmt is Format.json:
        report = portfolio.json_report(entries, rows, done, findings, written)
        echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        echo(portfolio.table(rows, {n: d.outcome for n, d in done.items()}).rstrip("\n"))
        echo(f"出力先: {target}（公表ページ index.html、期限のカレンダー deadlines.ics）")
    if any(d.outcome == "bug" for d in done.values()):
        echo("piagen の内部エラーがありました。お手数ですが再現手順を添えて報告してください。", err=True)
        raise typer.Exit(3)
    bad = [n for n, d in done.items() if d.outcome in ("invalid", "failed")]
    if bad or any(_errors(fs) for fs in findings.values()):
        if fmt is Format.text:
            echo(f"エラーのある評価書が{len(bad)}件あります（上の一覧を確認してください）。", err=True)
        raise typer.Exit(1)
