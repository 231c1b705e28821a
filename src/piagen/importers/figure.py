"""The figure of （別添１） 事務の内容: a page whose heading is followed by its 表題, the figure, then the
（備考） and its notes. The text drawn in a figure (boxes and arrows of the flow: 「提供先」, 「入手元」,
names of systems and of the parties) is no item of the form, yet its words are the form's labels; read
in the flow, a 「提供先」 in the figure would open an entry of Ⅱ. So the lines between the 表題 and the
（備考） are cut out of the document before the form is read, and become the page's figure_text (the
text of the figure, as the model keeps it); nothing is dropped.

Only a region of a PDF that ends at a （備考） on the heading's page or the next, before any section
heading (Ⅰ … Ⅵ), is a figure: the 項目一覧 lists 「（別添１） 事務の内容」 pages before the page itself,
and extracted text (no pages) prints the （備考） right after the heading, the figure's text scattered
elsewhere."""

from __future__ import annotations

from typing import Any

from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.model import form

_SECTIONS = "ⅠⅡⅢⅣⅤⅥ"
_REACH = 400  # lines a figure may take
# piagen's own page when no figure is drawn: a notice, then the text under its label
_PIAGEN_NOTICES = ("図はモデルから生成されます", "図は未掲載", "図の内容（文字による説明）")


def cut(lines: list[Line]) -> tuple[list[list[Line]], list[Line]]:
    """The text of each （別添１） page's figure (one list of lines a page, in order) and the lines
    left for the form."""
    heading = norm(form.title(("annex_flow",)))
    notes = norm(form.title(("annex_flow", 0, "notes")))
    figures: list[list[Line]] = []
    used: set[int] = set()
    for i, line in enumerate(lines):
        if norm(line.text) != heading:
            continue
        region = _region(lines, i + 1, notes)
        if region is None:
            continue  # the 項目一覧's line, or a page read from text
        figures.append([lines[n] for n in region])
        used.update(region)
    return figures, [ln for n, ln in enumerate(lines) if n not in used]


def _region(lines: list[Line], start: int, notes: str) -> list[int] | None:
    """The indices of the figure's lines after the heading at start - 1: the first line (the page's
    表題) stays; the rest up to the （備考）, when it comes before a section heading. None when the
    heading opens no such page."""
    page = lines[start - 1].page
    if not page:
        return None  # extracted text keeps no pages: its figure text is scattered elsewhere anyway
    near = range(start, min(len(lines), start + _REACH))
    body = [n for n in near if norm(lines[n].text) and lines[n].page <= page + 1]
    end = next((k for k, n in enumerate(body) if norm(lines[n].text) == notes), None)
    if end is None or any(norm(lines[n].text)[:1] in _SECTIONS for n in body[:end]):
        return None
    return body[1:end]


def place(data: dict[str, Any], figures: list[list[Line]]) -> None:
    """Each figure's text becomes the figure_text of its page of （別添１） (the k-th page the k-th
    figure), unless the page has one already."""
    pages = data.setdefault("annex_flow", []) if any(figures) else data.get("annex_flow") or []
    for k, figure in enumerate(figures):
        text = "\n".join(
            _tight(ln.text) for ln in figure if not any(n in ln.text for n in _PIAGEN_NOTICES)
        ).strip()
        if not text:
            continue
        while len(pages) <= k:
            pages.append({"id": f"page{len(pages) + 1}"})
        if isinstance(pages[k], dict) and not pages[k].get("figure_text"):
            pages[k]["figure_text"] = text


def _tight(text: str) -> str:
    """A line of a figure whose glyphs were placed one by one (「提 供 先」) read as written."""
    pieces = text.split()
    return "".join(pieces) if pieces and all(len(p) == 1 for p in pieces) else text.strip()
