"""The PDF output: laid out by WeasyPrint in the layout processes, whole or section by section
(sections found in the part cache are reused) and merged, with the model attached."""

from __future__ import annotations

from dataclasses import replace

from piagen.document import layout, pages
from piagen.render import html
from piagen.render.job import Finish, Job


def start(job: Job) -> Finish:
    """Start laying out the PDF of the job's document: whole, or in parts when it is long."""
    from piagen.render.pdf import jobs as pdfjobs
    from piagen.render.pdf import typeset as pdf

    if job.layouts is None:
        raise ValueError("a PDF is laid out in layout processes (render_all starts them)")
    options, doc = job.options, job.doc
    attachment = pdf.Attachment("model.yaml", options.model_yaml.encode("utf-8"), "piagen モデル（YAML）")
    attached = (attachment,) if options.model_yaml else ()
    parts = split(doc)
    if len(parts) == 1:
        return pdfjobs.start(
            [job.html], None, job.layouts, attachments=attached, date=job.stamp, cache=options.cache
        )
    created = job.stamp.date().isoformat()
    figures = dict(options.figures)
    return pdfjobs.start(
        [html.render_html(p, created=created, figures=figures, margins=False) for p in parts],
        lambda n, first, last: html.render_overlay(doc, n, first, last),
        job.layouts,
        weights=[sum(map(_weight, p.blocks)) + 2000 * bool(p.cover) for p in parts],
        attachments=attached,
        date=job.stamp,
        cache=options.cache,
    )


def _weight(block: layout.Block) -> int:
    """Rough layout cost of a block: printed characters plus a cost per row and per table cell
    (measured on 高槻市 住基: a ruled 別紙 table costs about 2.5× a form row per character)."""
    text = 0
    for r in block.rows:
        text += len(r.label) + 60
        if r.cell is not None:
            text += len(r.cell.text) + 12 * len(r.cell.options) + 20 * len(r.cell.checks)
    if block.table is not None:
        text += sum(len(c) + 50 for row in block.table.rows for c in row)
    return text + len(block.text) + 200


def split(doc: pages.Document) -> list[pages.Document]:
    """The parts a long document is laid out in: the cover with the 項目一覧, then each section (each
    starts a page, so the parts' pages follow each other exactly). A section is the unit of the part
    cache: editing one item lays out its section again, not the document. Small documents stay whole
    (laid out at once, faster than in parts merged and stamped)."""
    if len(doc.blocks) < 2 or sum(map(_weight, doc.blocks)) + 2000 < 40_000:
        return [doc]
    head = [replace(doc, blocks=())] if doc.cover or doc.toc or doc.notes else []
    return [*head, *(replace(doc, blocks=(b,), cover=(), toc=(), notes=()) for b in doc.blocks)]
