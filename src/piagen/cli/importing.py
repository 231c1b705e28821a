"""`piagen import`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from piagen.cli.app import app, echo, write
from piagen.errors import PiagenError, UsageError
from piagen.model import source


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PiagenError(f"{path}: ファイルが見つかりません。パスを確認してください。") from None
    except IsADirectoryError:
        raise PiagenError(
            f"{path}: フォルダです。piagen が出力した Excel ファイルを指定してください。"
        ) from None
    except OSError:
        raise PiagenError(
            f"{path}: Excel ファイルを読めません（読み取りの権限を確認してください）。"
        ) from None


@app.command("import")
def import_cmd(
    workbook_path: Annotated[
        Path, typer.Argument(metavar="WORKBOOK", help="piagen が出力した Excel（編集したもの）")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="書き出すモデル（YAML）")],
    force: Annotated[bool, typer.Option("--force", help="既にあるファイルを上書きする")] = False,
) -> None:
    """Excel（piagen が出力し、Excel で編集したもの）をモデル（YAML）に戻す。"""
    from piagen.xlsx import read

    if out.exists() and not force:
        raise UsageError(f"{out} は既にあります。上書きするには --force を付けてください。")
    imported = read.read(_read(workbook_path))
    for p in imported.problems:
        echo(f"{workbook_path}: {p.format()}", err=True)
    errors = sum(p.severity == "error" for p in imported.problems)
    if errors:
        echo(f"エラーが{errors}件あるため書き出しません。", err=True)
        raise typer.Exit(1)
    write({out: source.dump(imported.data).encode("utf-8")})
