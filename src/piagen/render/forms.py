"""Rendering of a model to the official forms: which forms, and each as HTML, PDF and Excel bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from piagen.document import layout, pages
from piagen.model import dates, edition, form
from piagen.model.fields import get
from piagen.model.form import form_type
from piagen.render import html
from piagen.render.pdf.cache import PartCache

if TYPE_CHECKING:  # (pdfjobs is imported only by commands that write a PDF)
    from piagen.render.pdf.jobs import Layouts

FORMATS = ("pdf", "xlsx", "html")


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
    data: dict[str, Any],
    kind: form.FormType,
    formats: tuple[str, ...],
    *,
    figures: dict[str, str] | None = None,
    model_yaml: str = "",
    which: edition.Edition = "internal",
    draft: bool = False,
    workers: int = 1,
    cache: PartCache | None = None,
) -> dict[str, bytes]:
    """Render one form of the model in each requested format (extension → bytes). A long form's PDF is
    laid out section by section (on `workers` cores) and merged; sections found in `cache` are reused.

    For the 公表版 the attached model is the redacted one, so nothing withheld is embedded."""
    out = render_all(
        data,
        [kind],
        formats,
        figures=figures,
        model_yaml=model_yaml,
        which=which,
        draft=draft,
        workers=workers,
        cache=cache,
    )
    return {fmt: content for (_, fmt), content in out.items()}


def render_all(
    data: dict[str, Any],
    kinds: list[form.FormType],
    formats: tuple[str, ...],
    *,
    figures: dict[str, str] | None = None,
    model_yaml: str = "",
    which: edition.Edition = "internal",
    draft: bool = False,
    workers: int = 2,
    cache: PartCache | None = None,
    layouts: Layouts | None = None,
) -> dict[tuple[str, str], bytes]:
    """Every (form, format) output. The PDFs are laid out in `layouts` (the CLI starts them early;
    else `workers` processes here) while this process writes the Excel and HTML files."""
    if "pdf" not in formats:
        return _render_all(data, kinds, formats, figures, model_yaml, which, draft, cache, None)
    if layouts is not None:
        return _render_all(data, kinds, formats, figures, model_yaml, which, draft, cache, layouts)
    from piagen.render.pdf import (
        jobs as pdfjobs,  # WeasyPrint itself is imported only where a PDF is laid out
    )

    with pdfjobs.Layouts(workers) as own:
        return _render_all(data, kinds, formats, figures, model_yaml, which, draft, cache, own)


def _render_all(
    data: dict[str, Any],
    kinds: list[form.FormType],
    formats: tuple[str, ...],
    figures: dict[str, str] | None,
    model_yaml: str,
    which: edition.Edition,
    draft: bool,
    cache: PartCache | None,
    layouts: Layouts | None,
) -> dict[tuple[str, str], bytes]:
    made = edition.make(data, which)
    data = made.data  # from here on, only the edition's data: the 公表版 holds nothing withheld
    stamp = document_date(data)
    created = stamp.date().isoformat()
    if which == "public" and model_yaml:
        from piagen.model import source

        model_yaml = source.dump(data)
    docs = {kind: document(made, kind, draft=draft) for kind in kinds}
    texts = {kind: html.render_html(doc, created=created, figures=figures) for kind, doc in docs.items()}
    # The PDFs start first, the largest form first: laid out while this process writes the rest.
    finish: dict[form.FormType, Callable[[], bytes]] = {}
    if "pdf" in formats and layouts is not None:
        for kind in sorted(kinds, key=lambda k: -len(texts[k])):
            finish[kind] = _start_pdf(docs[kind], texts[kind], stamp, figures, model_yaml, cache, layouts)
    out: dict[tuple[str, str], bytes] = {}
    for kind in kinds:
        if "html" in formats:
            page = html.render_html(docs[kind], created=created, figures=figures, links=True)
            out[(kind, "html")] = page.encode("utf-8")
        if "xlsx" in formats:
            from piagen.xlsx import (
                write as xlsx,  # openpyxl costs ~0.15 s to import: only Excel output pays it
            )

            out[(kind, "xlsx")] = xlsx.render_xlsx(docs[kind], date=stamp, keys=xlsx.hidden_keys(data))
    out.update({(kind, "pdf"): done() for kind, done in finish.items()})
    return {(kind, fmt): out[(kind, fmt)] for kind in kinds for fmt in formats}


def _start_pdf(
    doc: pages.Document,
    text: str,
    stamp: dt.datetime,
    figures: dict[str, str] | None,
    model_yaml: str,
    cache: PartCache | None,
    layouts: Layouts,
) -> Callable[[], bytes]:
    """Start laying out the PDF of `doc` (its HTML `text`): whole, or in parts when it is long."""
    from piagen.render.pdf import jobs as pdfjobs
    from piagen.render.pdf import typeset as pdf

    attachment = pdf.Attachment("model.yaml", model_yaml.encode("utf-8"), "piagen モデル（YAML）")
    attached = (attachment,) if model_yaml else ()
    parts = split(doc)
    if len(parts) == 1:
        return pdfjobs.start([text], None, layouts, attachments=attached, date=stamp, cache=cache)
    created = stamp.date().isoformat()
    return pdfjobs.start(
        [html.render_html(p, created=created, figures=figures, margins=False) for p in parts],
        lambda n, first, last: html.render_overlay(doc, n, first, last),
        layouts,
        weights=[sum(map(_weight, p.blocks)) + 2000 * bool(p.cover) for p in parts],
        attachments=attached,
        date=stamp,
        cache=cache,
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
