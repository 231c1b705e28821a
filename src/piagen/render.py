"""Rendering of a model to the official forms: which forms, and each as HTML, PDF and Excel bytes."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import multiprocessing
from dataclasses import replace
from typing import Any

from piagen import dates, edition, form, html, layout, pages
from piagen.fields import get
from piagen.model import form_type
from piagen.partcache import PartCache
from piagen.source import json_path

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
    data: dict[str, Any], kind: form.FormType, which: edition.Edition = "internal", draft: bool = False
) -> pages.Document:
    """The laid-out form in the requested edition (the 公表版 is built from the redacted model)."""
    if which == "public":
        redacted = edition.public(data)
        doc = pages.build(redacted, kind)
        if data.get("withheld"):
            doc = replace(doc, notes=(edition.MARKER_NOTE,))
    else:
        marked = {json_path(w.path): w.reason for w in edition.withheld(data)}
        doc = pages.mark_withheld(pages.build(data, kind), marked)
    if draft:
        doc = replace(doc, watermark="案", notes=(*_comment_notice(data), *doc.notes))
    return doc


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
    doc = document(data, kind, which, draft)
    if which == "public" and model_yaml:
        from piagen import source

        model_yaml = source.dump(edition.public(data))
    stamp = document_date(data)
    text = html.render_html(doc, created=stamp.date().isoformat(), figures=figures)
    out: dict[str, bytes] = {}
    if "html" in formats:
        out["html"] = text.encode("utf-8")
    if "pdf" in formats:
        from piagen import pdf  # WeasyPrint costs ~0.5 s to import: only commands that render pay it

        attachment = pdf.Attachment("model.yaml", model_yaml.encode("utf-8"), "piagen モデル（YAML）")
        attached = (attachment,) if model_yaml else ()
        parts = split(doc)
        if len(parts) > 1:
            created = stamp.date().isoformat()
            htmls = [html.render_html(p, created=created, figures=figures, margins=False) for p in parts]
            out["pdf"] = pdf.render_parts(
                htmls,
                lambda n, first, last: html.render_overlay(doc, n, first, last),
                weights=[sum(map(_weight, p.blocks)) + 2000 * bool(p.cover) for p in parts],
                attachments=attached,
                date=stamp,
                cache=cache,
                workers=workers,
            )
        else:
            out["pdf"] = pdf.render_cached(text, attachments=attached, date=stamp, cache=cache)
    if "xlsx" in formats:
        from piagen import xlsx  # openpyxl costs ~0.15 s to import: only Excel output pays it

        shown = edition.public(data) if which == "public" else data
        out["xlsx"] = xlsx.render_xlsx(doc, date=stamp, keys=xlsx.hidden_keys(shown))
    return out


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
) -> dict[tuple[str, str], bytes]:
    """Every (form, format) output; independent outputs are rendered in parallel processes (the PDF
    of a full assessment takes seconds, and a machine has at least two cores)."""
    jobs = [(kind, fmt) for kind in kinds for fmt in formats]
    options = {"figures": figures, "model_yaml": model_yaml, "which": which, "draft": draft, "cache": cache}
    heavy = [j for j in jobs if j[1] != "html"]
    pdfs = [j for j in jobs if j[1] == "pdf"]
    if workers < 2 or len(pdfs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        # One PDF at most: it takes both cores itself (laid out in parts); the rest is quick.
        return {
            (kind, fmt): render(data, kind, (fmt,), **options, workers=workers if fmt == "pdf" else 1)[fmt]  # type: ignore[arg-type]
            for kind, fmt in jobs
        }
    context = multiprocessing.get_context("fork")  # children inherit the imported modules: no start-up cost
    # The longest job (a full PDF) first, so the other worker takes the rest.
    heavy.sort(key=lambda j: (j[1] != "pdf", j[0] != "full"))
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=min(workers, len(heavy)), mp_context=context
    ) as pool:
        futures = {job: pool.submit(_render_one, data, job, options) for job in heavy}
        out = {job: render(data, job[0], ("html",), **options)["html"] for job in jobs if job[1] == "html"}  # type: ignore[arg-type]
        out.update({job: future.result() for job, future in futures.items()})
    return {job: out[job] for job in jobs}


def _render_one(data: dict[str, Any], job: tuple[str, str], options: dict[str, Any]) -> bytes:
    kind, fmt = job
    return render(data, kind, (fmt,), **options)[fmt]  # type: ignore[arg-type]


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
