"""Importers (a registry by file type): piagen's own Excel, and published 評価書 made by hand as PDF
or as text extracted from a PDF. `kind_of` tells the type from the content, not the name alone."""

from __future__ import annotations

from collections.abc import Callable

from piagen.errors import PiagenError
from piagen.importers import pdf, text
from piagen.importers.published import Imported, Model, Unplaced
from piagen.importers.yamlout import to_yaml

__all__ = ["IMPORTERS", "Imported", "Model", "Unplaced", "kind_of", "read_published", "to_yaml"]

# Importers of published documents, by type; the Excel importer (piagen.xlsx.read) has its own result.
IMPORTERS: dict[str, Callable[[bytes], Imported]] = {"pdf": pdf.read, "text": text.read}


def kind_of(name: str, content: bytes) -> str:
    """ "xlsx", "pdf" or "text", from the first bytes (the name's suffix when the file is empty)."""
    head = content[:8]
    if head.startswith(b"PK"):
        return "xlsx"
    if b"%PDF" in content[:1024]:
        return "pdf"
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if not content and suffix in ("pdf", "xlsx"):
        return suffix
    return "text"


def read_published(name: str, content: bytes) -> Imported:
    """The 評価書 in a published PDF or text; PiagenError when there is none."""
    kind = kind_of(name, content)
    if kind == "xlsx":
        raise PiagenError(f"{name}: Excel ブックです。")
    imported = IMPORTERS[kind](content)
    if not imported.models:
        raise PiagenError(
            f"{name}: 特定個人情報保護評価書が見つかりません（表紙の「特定個人情報保護評価書（全項目評価書）」"
            "などの表題または様式の表示 [令和６年10月　様式４] が読めません）。公表された評価書を指定してください。"
        )
    return imported
