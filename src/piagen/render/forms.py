"""Rendering of a model to the official forms: which forms, laid out once, then written by each\nrequested writer (render/writers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from piagen.document import layout, pages
from piagen.model import dates, edition, form, source
from piagen.model.fields import get
from piagen.model.form import form_type
from piagen.render import html
from piagen.render.job import Job, Options
from piagen.render.writers import FORMATS

if TYPE_CHECKING:  # (pdfjobs is imported only by commands that write a PDF)
    from piagen.render.pdf.jobs import Layouts


def forms_for(data: dict[str, Any], requested: str) -> list[form.FormType]:
    """The forms to print: `auto` is always the 基礎項目評価書 plus the model's 重点/全項目 form."""
    if requested != "auto":
        return [requested]  # type: ignore[list-item]
    declared = form_type(data)
    return ["basic"] if declared == "basic" else ["basic", declared]


def document_date(data: dict[str, Any]) -> dt.datetime:
    """The date stamped into metadata: the 公表日, else the 基礎項目評価 実施日, else a fixed epoch."""
    for path in (("cover", "published"), ("procedure", "basic_assessment", "date")):
        value = get(data, *path)
        if isinstance(value, str):
            try:
                day = dates.parse(value).first_day()
            except dates.DateFormatError:
                continue
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def document(
    model: dict[str, Any] | edition.Made,
    kind: form.FormType,
    which: edition.Edition = "internal",
    draft: bool = False,
) -> pages.Document:
    """The laid-out form of an edition (a model is first made into the edition `which`: the 公表版's
    data is redacted before anything is laid out)."""
    made = model if isinstance(model, edition.Made) else edition.make(model, which)
    doc = pages.build(made.data, kind)
    if made.which == "internal":
        doc = pages.mark_withheld(doc, made.marked)
    doc = replace(doc, notes=made.notes, edition_mark=made.mark)
    if draft:
        doc = _as_draft(doc, made.data)
    return doc


def _as_draft(doc: pages.Document, data: dict[str, Any]) -> pages.Document:
    """The 意見募集 draft: watermark 「案」, running title with 「（案）」, and on the cover the comment
    period where the 公表日 goes (the draft is not the published document)."""
    period = get(data, "procedure", "public_comment", "period")
    shown = f"（案）意見募集期間: {period}" if isinstance(period, str) and period.strip() else "（案）"
    cover = tuple(
        replace(r, cell=layout.Cell("text", shown)) if r.path.endswith(".published") else r for r in doc.cover
    )
    return replace(
        doc,
        watermark="案",
        notes=(*_comment_notice(data), *doc.notes),
        title=f"{doc.title or doc.heading}（案）",
        published="",
        cover=cover,
    )


def _comment_notice(data: dict[str, Any]) -> tuple[str, ...]:
    period = get(data, "procedure", "public_comment", "period")
    method = get(data, "procedure", "public_comment", "method")
    return (
        "本書は、国民・住民等からの意見の聴取（意見募集）のための評価書の案です。",
        f"意見募集の期間: {period if isinstance(period, str) and period.strip() else '（未定）'}",
        f"意見の提出方法: {method if isinstance(method, str) and method.strip() else '（未定）'}",
    )


def render(
    data: dict[str, Any], kind: form.FormType, formats: tuple[str, ...], options: Options | None = None
) -> dict[str, bytes]:
    """Render one form of the model in each requested format (extension → bytes); without options,
    the 提出版 with one PDF layout process."""
    out = render_all(data, [kind], formats, options or Options(workers=1))
    return {fmt: content for (_, fmt), content in out.items()}


def render_all(
    data: dict[str, Any],
    kinds: list[form.FormType],
    formats: tuple[str, ...],
    options: Options | None = None,
    layouts: Layouts | None = None,
) -> dict[tuple[str, str], bytes]:
    """Every (form, format) output. The PDFs are laid out in `layouts` (the CLI starts them early;
    else `options.workers` processes here) while this process writes the Excel and HTML files.
    For the 公表版 every output, the attached model included, is made from the redacted model."""
    options = options or Options()
    if layouts is not None or not any(f.in_processes for f in FORMATS if f.name in formats):
        return _render_all(data, kinds, formats, options, layouts)
    from piagen.render.pdf import jobs  # WeasyPrint itself is imported only where a PDF is laid out

    with jobs.Layouts(options.workers) as own:
        return _render_all(data, kinds, formats, options, own)


def _render_all(
    data: dict[str, Any],
    kinds: list[form.FormType],
    formats: tuple[str, ...],
    options: Options,
    layouts: Layouts | None,
) -> dict[tuple[str, str], bytes]:
    made = edition.make(data, options.which)
    data = made.data  # from here on, only the edition's data: the 公表版 holds nothing withheld
    stamp = document_date(data)
    created = stamp.date().isoformat()
    if options.which == "public" and options.model_yaml:
        options = replace(options, model_yaml=source.dump(data))
    figures = dict(options.figures)
    docs = {kind: document(made, kind, draft=options.draft) for kind in kinds}
    texts = {kind: html.render_html(doc, created=created, figures=figures) for kind, doc in docs.items()}
    # The largest form first, and the formats laid out in other processes first (FORMATS' order):
    # the PDFs are laid out while this process writes the rest.
    jobs = [
        Job(k, docs[k], texts[k], data, stamp, options, layouts)
        for k in sorted(kinds, key=lambda k: -len(texts[k]))
    ]
    started = {(job.kind, f.name): f.start(job) for f in FORMATS if f.name in formats for job in jobs}
    return {(kind, fmt): started[(kind, fmt)]() for kind in kinds for fmt in formats}
