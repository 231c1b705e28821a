"""Importer of text extracted from a published 評価書 (.txt: UTF-8, cells split by tabs, stray HTML)."""

from __future__ import annotations

from piagen.errors import PiagenError
from piagen.importers import furniture, lines, published, wrapped

MAX_BYTES = 20 * 1024 * 1024


def read(content: bytes) -> published.Imported:
    """The 評価書 in the text; PiagenError (in Japanese) when it is not text of a 評価書."""
    if not content.strip():
        raise PiagenError("ファイルが空です。公表された評価書のテキストまたは PDF を指定してください。")
    if len(content) > MAX_BYTES:
        raise PiagenError(f"ファイルが大きすぎます（{len(content):,} バイト、上限 {MAX_BYTES:,} バイト）。")
    try:
        raw = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PiagenError(
            "UTF-8 のテキストとして読めません。テキストは UTF-8 で保存してください（PDF なら拡張子を .pdf に）。"
        ) from None
    return published.read_lines(wrapped.join(furniture.strip(lines.from_text(raw))))
