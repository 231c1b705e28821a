"""The publication page (`index.html`): every 評価書 of the portfolio with its dates and status,
linking the 公表版 files. Self-contained (CSS inlined, no script, no external resource)."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from urllib.parse import quote

from piagen import __version__
from piagen.portfolio.folder import Project
from piagen.portfolio.summary import FORM_NAMES, STATUS_NAMES, Row, ja_date
from piagen.render.html import environment

FORMAT_NAMES = {"pdf": "PDF", "html": "HTML", "xlsx": "Excel"}
LINK_ORDER = ("pdf", "html", "xlsx")


def links(files: list[str]) -> list[tuple[str, str]]:
    """(label, relative URL) of a document's 公表版 files, forms in order basic → full, PDF first."""
    public = [PurePosixPath(f) for f in files if not PurePosixPath(f).stem.endswith("-internal")]

    def order(p: PurePosixPath) -> tuple[int, int]:
        kind = p.stem.rsplit("-", 1)[-1]
        return (list(FORM_NAMES).index(kind) if kind in FORM_NAMES else 9, LINK_ORDER.index(p.suffix[1:]))

    out = []
    for p in sorted((p for p in public if p.suffix[1:] in LINK_ORDER), key=order):
        kind = p.stem.rsplit("-", 1)[-1]
        out.append((f"{FORM_NAMES.get(kind, kind)}（{FORMAT_NAMES[p.suffix[1:]]}）", quote(str(p))))
    return out


def render_index(project: Project, rows: list[Row], files: dict[str, list[str]], today: dt.date) -> str:
    """The page: `files` are each document's output files (relative to the page), `today` the 基準日."""
    heading = (
        f"{project.name} 特定個人情報保護評価書の公表" if project.name else "特定個人情報保護評価書の公表"
    )
    return (
        environment()
        .get_template("index.html")
        .render(
            heading=heading,
            organization=project.organization,
            rows=sorted(rows, key=_order),
            links={r.name: links(files.get(r.name, [])) for r in rows},
            status_names=STATUS_NAMES,
            today=ja_date(today),
            version=__version__,
        )
    )


def _order(row: Row) -> tuple[str, int, str]:
    number = row.number
    return (row.organization, int(number) if number.isdigit() else 1 << 30, row.name)
