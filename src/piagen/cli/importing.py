"""`piagen import`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from piagen.cli.app import app, echo, write
from piagen.errors import PiagenError, UsageError
from piagen.model import form, source

MAX_READ = 256 * 1024 * 1024  # nothing larger is read into memory (each importer has its own cap)


def _read(path: Path) -> bytes:
    try:
        if path.is_file() and path.stat().st_size > MAX_READ:
            raise PiagenError(f"{path}: ファイルが大きすぎます（{path.stat().st_size:,} バイト）。")
        return path.read_bytes()
    except FileNotFoundError:
        raise PiagenError(f"{path}: ファイルが見つかりません。パスを確認してください。") from None
    except IsADirectoryError:
        raise PiagenError(
            f"{path}: フォルダです。Excel・PDF・テキストのファイルを指定してください。"
        ) from None
    except OSError:
        raise PiagenError(f"{path}: ファイルを読めません（読み取りの権限を確認してください）。") from None


@app.command("import")
def import_cmd(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="piagen が出力した Excel（編集したもの）、または公表された評価書の PDF・テキスト",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="書き出すモデル（YAML）")],
    force: Annotated[bool, typer.Option("--force", help="既にあるファイルを上書きする")] = False,
) -> None:
    """Excel（piagen が出力したもの）や公表された評価書（PDF・テキスト）をモデル（YAML）にする。"""
    from piagen import importers

    if out.exists() and not force:
        raise UsageError(f"{out} は既にあります。上書きするには --force を付けてください。")
    content = _read(input_path)
    if importers.kind_of(input_path.name, content) == "xlsx":
        _import_workbook(input_path, content, out)
        return
    try:
        imported = importers.read_published(input_path.name, content)
    except PiagenError as exc:
        message = str(exc)
        raise PiagenError(
            message if message.startswith(f"{input_path.name}:") else f"{input_path}: {message}"
        ) from None
    targets = _targets(out, len(imported.models), force)
    files = {
        t: importers.to_yaml(m, input_path.name).encode("utf-8")
        for t, m in zip(targets, imported.models, strict=True)
    }
    if imported.attached:
        echo(
            f"{input_path}: piagen が出力した PDF です。添付されたモデル（model.yaml）をそのまま取り込みます。",
            err=True,
        )
    if imported.skipped:
        echo(
            f"{input_path}: 最初の評価書より前の{len(imported.skipped)}行（諮問書など）は評価書の一部ではないため読みません。",
            err=True,
        )
    for target, model in zip(targets, imported.models, strict=True):
        kind = form.FORM_NAMES.get(str(model.data["form"]["type"]), "評価書")
        check = (
            f"、項目名から離れていた値{len(model.inferred)}件に「# 要確認」を付けました"
            if model.inferred
            else ""
        )
        echo(
            f"{input_path}: {model.name or '（事務の名称なし）'}（{kind}）: 読み取れなかった{len(model.unplaced)}行をコメントで残しました{check} → {target}",
            err=True,
        )
    write(files)


def _targets(out: Path, count: int, force: bool) -> list[Path]:
    """MODEL.yaml for one 評価書; MODEL-1.yaml, MODEL-2.yaml … when the file holds several."""
    if count == 1:
        return [out]
    targets = [out.with_name(f"{out.stem}-{n}{out.suffix or '.yaml'}") for n in range(1, count + 1)]
    existing = [str(t) for t in targets if t.exists()]
    if existing and not force:
        raise UsageError(f"{'、'.join(existing)} は既にあります。上書きするには --force を付けてください。")
    return targets


def _import_workbook(path: Path, content: bytes, out: Path) -> None:
    from piagen.xlsx import read

    imported = read.read(content)
    for p in imported.problems:
        echo(f"{path}: {p.format()}", err=True)
    errors = sum(p.severity == "error" for p in imported.problems)
    if errors:
        echo(f"エラーが{errors}件あるため書き出しません。", err=True)
        raise typer.Exit(1)
    write({out: source.dump(imported.data).encode("utf-8")})
