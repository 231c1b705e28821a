"""`piagen render`."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from piagen import checks
from piagen import figure as drawing
from piagen.checks.figures import RULE
from piagen.checks.schema import problem
from piagen.cli.app import app, echo, require_mapping, write
from piagen.cli.validate import ROOT_HELP, load_and_validate
from piagen.errors import PiagenError, UsageError
from piagen.findings import Finding
from piagen.model import source


class Edition(str, Enum):
    internal = "internal"
    public = "public"


class FormChoice(str, Enum):
    auto = "auto"
    basic = "basic"
    focused = "focused"
    full = "full"


StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict", help="公表版で、そのまま公表できない欠落（図のない（別添１）など）をエラーにする"
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option("--no-cache", help="PDF の節ごとの組版結果を再利用しない（キャッシュを読み書きしない）"),
]


@app.command()
def render(
    context: typer.Context,
    model_path: Annotated[Path, typer.Argument(metavar="MODEL", help="モデル（YAML）")],
    out: Annotated[Path, typer.Option("--out", help="出力先のフォルダ")] = Path("out"),
    form_choice: Annotated[
        FormChoice, typer.Option("--form", help="様式（auto はしきい値判断に従う）")
    ] = FormChoice.auto,
    to: Annotated[str, typer.Option("--to", help="出力形式（カンマ区切り: pdf,xlsx,html）")] = "pdf,xlsx",
    allow_errors: Annotated[
        bool, typer.Option("--allow-errors", help="エラーがあっても出力する（原本の欠陥を再現する場合など）")
    ] = False,
    edition_choice: Annotated[
        Edition,
        typer.Option("--edition", help="internal=提出版（全て印字し非公表部分を明示）、public=公表版"),
    ] = Edition.internal,
    draft: Annotated[
        bool, typer.Option("--draft", help="意見募集（パブリックコメント）用の案として出力する")
    ] = False,
    strict: StrictOption = False,
    no_cache: NoCacheOption = False,
    root: Annotated[Path | None, typer.Option("--root", help=ROOT_HELP)] = None,
) -> None:
    """評価書を PDF・Excel・HTML に出力する。"""
    from piagen import render as rendering

    formats = _formats(to, rendering.FORMATS)
    # The layout processes start now (unless the entry point started them): their WeasyPrint import
    # overlaps the loading of the model.
    started = context.obj if rendering.is_layouts(context.obj) else None
    with started or rendering.layouts(2 if "pdf" in formats else 1) as layouts:
        doc, errors = _checked(model_path, root, allow_errors)
        data = doc.data
        _publishable(data, edition_choice, strict, doc)
        cache = None if no_cache else rendering.part_cache()
        try:
            rendered = rendering.render_all(
                data,
                rendering.forms_for(data, form_choice.value),
                formats,
                rendering.Options(
                    which=edition_choice.value,
                    draft=draft,
                    figures=drawing.figures_for(doc, model_path, edition_choice.value, root),
                    model_yaml=source.dump(data),
                    cache=cache,
                ),
                layouts,
            )
        except PiagenError as exc:
            raise _naming(exc, model_path) from None
    write(_named_outputs(out, model_path.stem, rendered, edition_choice is Edition.public, draft))
    if cache is not None and cache.warning:
        echo(f"警告: {cache.warning}", err=True)
    if errors:
        echo(f"注意: エラーが{len(errors)}件あります（piagen validate で確認してください）。", err=True)


def _checked(
    model_path: Path, root: Path | None, allow_errors: bool
) -> tuple[source.Document, list[Finding]]:
    """The model and its errors; refused (exit 1) when it has errors, unless `allow_errors`. Blank
    items do not stop a render: a draft is printed to be read and completed."""
    doc, problems = load_and_validate(model_path, root)
    errors = [p for p in problems if p.severity == "error" and not checks.is_blank(p)]
    if doc is None or (errors and not allow_errors):
        _refuse(problems, readable=doc is not None)
    require_mapping(doc.data, str(model_path))
    blanks = sum(checks.is_blank(p) for p in problems)
    if blanks:
        echo(f"未記入の項目が{blanks}件あります（piagen validate で一覧できます）。", err=True)
    return doc, errors


def _publishable(data: dict[str, Any], which: Edition, strict: bool, doc: source.Document) -> None:
    """The 公表版 with `--strict`: refuse (exit 1, nothing written) what cannot be published as is."""
    if which is not Edition.public or not strict:
        return
    blockers = [problem(doc, RULE, *said) for said in checks.publication_blockers(data)]
    if blockers:
        for p in blockers:
            echo(p.format(), err=True)
        echo(f"公表版として出力できない問題が{len(blockers)}件あります（--strict）。", err=True)
        raise typer.Exit(1)


def _formats(to: str, known: tuple[str, ...]) -> tuple[str, ...]:
    """The formats named in `--to` (a usage error for an unknown one)."""
    formats = tuple(f.strip() for f in to.split(",") if f.strip())
    if not formats or any(f not in known for f in formats):
        raise UsageError(f"--to に使える形式は {'、'.join(known)} です（指定: {to}）。")
    return formats


def _refuse(problems: list[Finding], readable: bool) -> NoReturn:
    """Print every problem and stop: nothing is written for a model with errors."""
    for p in problems:
        echo(p.format(), err=True)
    errors = sum(p.severity == "error" and not checks.is_blank(p) for p in problems)
    echo(
        f"エラーが{errors}件あるため出力しません（--allow-errors で出力できます）。"
        if readable
        else "モデルを読み込めないため出力しません。",
        err=True,
    )
    raise typer.Exit(1)


def _naming(exc: PiagenError, model_path: Path) -> PiagenError:
    """The error with the model's file name in front (every message names the file)."""
    if str(model_path) in str(exc):
        return exc
    named = PiagenError(f"{model_path}: {exc}")
    named.exit_code = exc.exit_code
    return named


def _named_outputs(
    out: Path, stem: str, rendered: dict[tuple[str, str], bytes], public: bool, draft: bool
) -> dict[Path, bytes]:
    """Output paths: only the 公表版 gets the plain name that is published (`<model>-<form>.<ext>`);
    the 提出版, which holds withheld text, is `<model>-<form>-internal.<ext>`."""
    suffix = ("" if public else "-internal") + ("-draft" if draft else "")
    return {out / f"{stem}-{kind}{suffix}.{ext}": content for (kind, ext), content in rendered.items()}
