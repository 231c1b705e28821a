"""`piagen render`: the forms of a model as HTML, PDF and Excel bytes.

The PDF machinery (`render.pdf`: layout processes, part cache, merge) is reached only through this
package; WeasyPrint is imported only where a PDF is laid out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from piagen.render.forms import forms_for, render_all
from piagen.render.job import Options
from piagen.render.writers import NAMES as FORMATS

if TYPE_CHECKING:
    from piagen.render.pdf.cache import PartCache
    from piagen.render.pdf.jobs import Layouts

__all__ = [
    "FORMATS",
    "Layouts",
    "Options",
    "PartCache",
    "forms_for",
    "render_all",
    "layouts",
    "part_cache",
    "pdf_of_html",
]


def layouts(count: int) -> Layouts:
    """Start `count` PDF layout processes (their WeasyPrint import runs in the background)."""
    from piagen.render.pdf.jobs import Layouts

    return Layouts(count)


def is_layouts(value: object) -> bool:
    """Whether `value` is a set of layout processes started earlier (by the entry point)."""
    from piagen.render.pdf.jobs import Layouts

    return isinstance(value, Layouts)


def part_cache(folder: Path | None = None) -> PartCache:
    """The PDF part cache in `folder`, or in the user's cache folder."""
    from piagen.render.pdf.cache import PartCache, default_folder

    return PartCache(folder or default_folder())


def pdf_of_html(page: str) -> bytes:
    """A self-contained HTML page laid out as PDF in this process (review reports)."""
    from piagen.render.pdf import typeset

    return typeset.render_pdf(page)
