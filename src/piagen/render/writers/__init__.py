"""The output formats of `piagen render`, one module each. A new format (say .docx) is a module with
`start(job) -> finish` beside these and one line in FORMATS."""

from __future__ import annotations

from dataclasses import dataclass

from piagen.render.job import Writer
from piagen.render.writers import html, pdf, xlsx


@dataclass(frozen=True)
class Format:
    """A format: its name (the file extension and the `--to` value) and its writer. A format laid out
    in the PDF layout processes starts first, so they work while this process writes the others."""

    name: str
    start: Writer
    in_processes: bool = False


FORMATS: tuple[Format, ...] = (
    Format("pdf", pdf.start, in_processes=True),
    Format("xlsx", xlsx.start),
    Format("html", html.start),
)
NAMES = tuple(f.name for f in FORMATS)
