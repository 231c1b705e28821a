"""`piagen figure`: the （別添１） 事務の流れ drawn from the model itself, so it cannot disagree with it."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from piagen.figure.flow import flow_of
from piagen.figure.svg import draw
from piagen.model import edition
from piagen.model.figures import GENERATED, read_figures  # `figure: generated` embeds this drawing
from piagen.model.source import Document


def flow_svg(data: dict[str, Any]) -> str:
    """The SVG of the model's 事務の流れ (deterministic: the same model gives the same bytes)."""
    return draw(flow_of(data))


def flow_data_url(data: dict[str, Any]) -> str:
    """The drawing as a data: URL, the form the renderer embeds figures in."""
    return "data:image/svg+xml;base64," + base64.b64encode(flow_svg(data).encode("utf-8")).decode("ascii")


def figures_for(
    doc: Document, model_path: Path, which: edition.Edition, root: Path | None = None
) -> dict[str, str]:
    """Every figure of the model's （別添１） pages as data: URLs: the files it names, and the 事務の
    流れ drawn from the edition's own data (the 公表版's from the redacted model) for `generated`."""
    figures = read_figures(doc, model_path, root)
    pages = doc.data.get("annex_flow") if isinstance(doc.data, dict) else None
    if any(isinstance(p, dict) and p.get("figure") == GENERATED for p in pages or []):
        figures[GENERATED] = flow_data_url(edition.public(doc.data) if which == "public" else doc.data)
    return figures


__all__ = ["GENERATED", "figures_for", "flow_data_url", "flow_svg"]
