"""Rendering of a model to the official forms: which forms, and each as HTML, PDF and Excel bytes."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import multiprocessing
from dataclasses import replace
from typing import Any

from piagen import dates, edition, form, html, pages, xlsx
from piagen.checks import get
from piagen.model import form_type
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
) -> dict[str, bytes]:
    """Render one form of the model in each requested format (extension → bytes).

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
        from piagen import pdf  # WeasyPrint costs ~1 s to import: only commands that render pay it

        attachment = pdf.Attachment("model.yaml", model_yaml.encode("utf-8"), "piagen モデル（YAML）")
        out["pdf"] = pdf.render_pdf(text, attachments=(attachment,) if model_yaml else (), date=stamp)
    if "xlsx" in formats:
        out["xlsx"] = xlsx.render_xlsx(doc, date=stamp)
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
) -> dict[tuple[str, str], bytes]:
    """Every (form, format) output; independent outputs are rendered in parallel processes (the PDF
    of a full assessment takes seconds, and a machine has at least two cores)."""
    jobs = [(kind, fmt) for kind in kinds for fmt in formats]
    options = {"figures": figures, "model_yaml": model_yaml, "which": which, "draft": draft}
    heavy = [j for j in jobs if j[1] != "html"]
    if workers < 2 or len(heavy) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {(kind, fmt): render(data, kind, (fmt,), **options)[fmt] for kind, fmt in jobs}  # type: ignore[arg-type]
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
