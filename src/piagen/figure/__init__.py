"""`piagen figure`: the （別添１） 事務の流れ drawn from the model itself, so it cannot disagree with it."""

from __future__ import annotations

import base64
from typing import Any

from piagen.figure.flow import flow_of
from piagen.figure.svg import draw
from piagen.model.figures import GENERATED  # `figure: generated` on a page embeds this drawing


def flow_svg(data: dict[str, Any]) -> str:
    """The SVG of the model's 事務の流れ (deterministic: the same model gives the same bytes)."""
    return draw(flow_of(data))


def flow_data_url(data: dict[str, Any]) -> str:
    """The drawing as a data: URL, the form the renderer embeds figures in."""
    return "data:image/svg+xml;base64," + base64.b64encode(flow_svg(data).encode("utf-8")).decode("ascii")


__all__ = ["GENERATED", "flow_data_url", "flow_svg"]
