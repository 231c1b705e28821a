"""The （別添１） figures a model names, read as data: URLs (the renderer itself reads no files)."""

from __future__ import annotations

import base64
from pathlib import Path

from piagen.errors import PiagenError
from piagen.model.source import Document

GENERATED = "generated"
_KINDS = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


def read_figures(doc: Document, model_path: Path) -> dict[str, str]:
    """Every figure named in `annex_flow`, keyed by the name the model gives, as a data: URL."""
    out: dict[str, str] = {}
    pages = doc.data.get("annex_flow") if isinstance(doc.data, dict) else None
    for page in pages if isinstance(pages, list) else []:
        name = page.get("figure") if isinstance(page, dict) else None
        if not isinstance(name, str) or not name or name == GENERATED:
            continue  # `generated`: drawn from the model by the command line (piagen.figure)
        file = (model_path.parent / name).resolve()
        kind = _KINDS.get(file.suffix.lower())
        if kind is None or not file.is_file():
            raise PiagenError(
                f"{model_path}: （別添１）の図「{name}」が見つからないか、形式が PNG/JPEG/SVG ではありません。"
            )
        out[name] = f"data:{kind};base64," + base64.b64encode(file.read_bytes()).decode("ascii")
    return out
