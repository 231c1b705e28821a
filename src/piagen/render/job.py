"""What a writer is given: the rendering options chosen by the user, and one form to write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from piagen.document import pages
from piagen.model import edition, form

if TYPE_CHECKING:  # (the PDF machinery is imported only by commands that write a PDF)
    from piagen.render.pdf.cache import PartCache
    from piagen.render.pdf.jobs import Layouts


@dataclass(frozen=True)
class Options:
    """How a model is rendered: the edition (提出版 or 公表版), the 意見募集 draft, the figures (name →
    data: URL), the model attached to the PDF, and for PDFs the layout processes and part cache."""

    which: edition.Edition = "internal"
    draft: bool = False
    figures: Mapping[str, str] = field(default_factory=dict)
    model_yaml: str = ""
    workers: int = 2
    cache: PartCache | None = None


@dataclass(frozen=True)
class Job:
    """One form to write: the laid-out document, its HTML as laid out for print, the model in the chosen edition, the
    date stamped into metadata, the options, and the PDF layout processes (None without a PDF)."""

    kind: form.FormType
    doc: pages.Document
    html: str
    data: dict[str, Any]
    stamp: dt.datetime
    options: Options
    layouts: Layouts | None = None


# A writer starts writing one form and returns what finishes it: a PDF is laid out in other
# processes meanwhile; HTML and Excel are written at once.
Finish = Callable[[], bytes]
Writer = Callable[[Job], Finish]
