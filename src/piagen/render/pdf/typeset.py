"""PDF rendering with WeasyPrint: no network or file access, embedded Japanese font, model attached."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from piagen.errors import RenderError

JAPANESE_FONTS = ("IPAex", "Noto Sans CJK", "Noto Serif CJK", "IPAGothic", "IPAMincho", "TakaoGothic")


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (the YAML model, so a published PDF can become a model again)."""

    name: str
    data: bytes
    description: str


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _fetcher() -> Any:
    """A URL fetcher that allows only data: URLs, so content can never make the renderer fetch."""
    import weasyprint

    class DataOnly(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise RenderError(
                    f"外部の資源（{url[:80]}）は読み込みません。画像はモデルからの相対パスで指定してください。"
                )
            return super().fetch(url, headers)

    return DataOnly(allowed_protocols=["data"])


def render_pdf(
    html: str,
    *,
    attachments: tuple[Attachment, ...] = (),
    date: dt.datetime | None = None,
    uncompressed: bool = False,
    tags: bool = True,
) -> bytes:
    """Lay out and write the PDF; raise RenderError on any WeasyPrint error or a missing Japanese font."""
    import weasyprint

    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = weasyprint.HTML(string=html, url_fetcher=_fetcher()).render()
        tails = tail_sections(document)
        for level in FIT_LEVELS if tails else ():
            # Set those sections a little closer, so their last lines join the page before.
            tighter = weasyprint.HTML(string=tighten(html, tails, level), url_fetcher=_fetcher()).render()
            if len(tighter.pages) < len(document.pages):
                document = tighter
                break
        stamp = date or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        files = [
            weasyprint.Attachment(
                string=a.data, name=a.name, description=a.description, created=stamp, modified=stamp
            )
            for a in attachments
        ]
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        pdf = document.write_pdf(
            attachments=files, pdf_tags=tags, pdf_identifier=identifier, uncompressed_pdf=uncompressed
        )
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise RenderError("PDF の作成中にエラーがありました: " + " / ".join(collector.messages[:3]))
    _check_fonts(document)
    assert isinstance(pdf, bytes)
    return pdf


TAIL = 0.25  # a section's last page filled less than this is spent on the tail of one row


def tail_sections(document: Any) -> list[str]:
    """The sections (their ids) that end on a page of their own holding only a short tail."""
    out: list[str] = []
    previous: list[str] = []
    for page in document.pages:
        ids, bottom = _page_content(page)
        box = page._page_box  # noqa: SLF001 - WeasyPrint's laid-out page
        if len(ids) == 1 and ids[0] in previous and bottom - box.content_box_y() < TAIL * box.height:
            out.append(ids[0])
        previous = ids
    return out


def _page_content(page: Any) -> tuple[list[str], float]:
    """The ids of the sections on a laid-out page, and the bottom of its cells and text."""
    ids: list[str] = []
    bottom = 0.0
    for box in page._page_box.descendants():  # noqa: SLF001 - WeasyPrint's laid-out boxes
        tag = getattr(box, "element_tag", None)
        element = getattr(box, "element", None)
        if tag == "section" and element is not None and element.get("id") and element.get("id") not in ids:
            ids.append(element.get("id"))
        if tag in ("td", "th", "p", "div", "h2", "li"):
            bottom = max(bottom, box.position_y + box.margin_height())
    return ids, bottom


FIT_LEVELS = ("tight", "tighter")


def tighten(html: str, sections: list[str], level: str = "tight") -> str:
    """The page with the given sections marked `level` (style.css sets them slightly closer)."""
    for section in sections:
        html = html.replace(
            f'<section class="block" id="{section}">', f'<section class="block {level}" id="{section}">'
        )
    return html


def _font_name(font: Any) -> str:
    family = getattr(font, "family", b"")
    return family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family)


def _check_fonts(document: Any) -> None:
    names = [_font_name(font) for font in getattr(document, "fonts", {}).values()]
    if names and not any(
        j.lower().replace(" ", "") in n.lower().replace(" ", "") for n in names for j in JAPANESE_FONTS
    ):
        raise RenderError(
            "日本語フォントが見つかりません（使われたフォント: " + "、".join(sorted(set(names))) + "）。"
            "IPAex フォントを入れてください: sudo apt-get install fonts-ipaexfont-gothic fonts-ipaexfont-mincho"
        )
