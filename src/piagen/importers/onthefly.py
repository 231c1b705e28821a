"""A version for `piagen diff` and `piagen review`: a model (file or git REV:path), or a published
評価書 (PDF or extracted text) imported on the fly, so a committee can review a draft made by hand or
compare it with last year's published version."""

from __future__ import annotations

from pathlib import Path

from piagen.errors import PiagenError
from piagen.model import revisions, source

_PUBLISHED_SUFFIXES = (".pdf", ".txt")
MAX_BYTES = 256 * 1024 * 1024


def load_version(spec: str) -> source.Document:
    """The model at `spec`; a .pdf or .txt file is imported (its first 評価書; several are an error)."""
    path = Path(spec)
    if path.suffix.lower() not in _PUBLISHED_SUFFIXES or not path.is_file():
        return revisions.load_version(spec)
    from piagen.importers import read_published, to_yaml

    if path.stat().st_size > MAX_BYTES:
        raise PiagenError(f"{spec}: ファイルが大きすぎます（{path.stat().st_size:,} バイト）。")
    imported = read_published(path.name, path.read_bytes())
    if len(imported.models) > 1:
        names = "、".join(m.name or "（名称なし）" for m in imported.models)
        raise PiagenError(
            f"{spec}: 評価書が{len(imported.models)}件あります（{names}）。"
            f"piagen import {path.name} -o MODEL.yaml で分けてから、そのモデルを指定してください。"
        )
    text = to_yaml(imported.models[0], path.name)
    shown = f"{spec}（取り込み）"
    return source.load(Path(spec + ".yaml"), display=lambda _p: shown, reader=lambda _p, _s: text)
