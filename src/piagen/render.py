"""Rendering of a model to the official forms: which forms, and each as HTML, PDF and Excel bytes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from piagen import dates, form, html, pages, xlsx
from piagen.checks import get
from piagen.model import form_type

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


def render(
    data: dict[str, Any],
    kind: form.FormType,
    formats: tuple[str, ...],
    *,
    figures: dict[str, str] | None = None,
    model_yaml: str = "",
) -> dict[str, bytes]:
    """Render one form of the model in each requested format (extension → bytes)."""
    doc = pages.build(data, kind)
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
