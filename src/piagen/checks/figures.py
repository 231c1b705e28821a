"""（別添１）事務の内容 needs its figure: a page without one cannot be published as it is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from piagen.findings import Located, Severity
from piagen.model.fields import blank, entries
from piagen.model.form import form_type

RULE = "V-annex-figure"
MISSING = (
    "（別添１）事務の内容に図がありません（評価書には「図は未掲載」と印字されます）。"
    "図のファイル（PNG/JPEG/SVG、モデルからの相対パス）を figure に書くか、"
    "figure: generated と書いてモデルから描いた事務の流れを載せてください（piagen figure で確認できます）。"
)


def annex_figures(data: dict[str, Any], severity: Severity = "warning") -> Iterator[Located]:
    """Each （別添１） page of a 全項目評価書 without a figure (a file or `generated`)."""
    if form_type(data) != "full":
        return
    for j, page in entries(data, "annex_flow"):
        if blank(page.get("figure")):
            yield ("annex_flow", j), severity, MISSING


def publication_blockers(data: dict[str, Any]) -> list[Located]:
    """What keeps the 公表版 from being published as it is: `render --edition public --strict` refuses."""
    return list(annex_figures(data, "error"))
