"""Lines of a published document, from extracted text or from a PDF's text layer: the text of each
line with where it was (source line or page), cleaned of markup the extraction left behind."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

_CHECKED_INPUT = re.compile(r"<input[^>]*type=[\"']?checkbox[^>]*\bchecked\b[^>]*>", re.I)
_INPUT = re.compile(r"<input[^>]*type=[\"']?checkbox[^>]*>", re.I)
_BREAK = re.compile(r"<(?:br|/p|/li|/tr|/div)\s*/?>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# A PDF's text layer often maps an ideograph to its radical form (the font's glyph serves both): the
# Kangxi radicals (U+2F00–U+2FD5) NFKC maps; of the CJK Radicals Supplement, those printed as
# whole ideographs in Japanese text.
_RADICALS = str.maketrans(
    {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)}
    | dict(zip("⺟⺠⻑⻄⻘⻝⻤⻣⻩⻲⻭⻯", "母民長西青食鬼骨黄亀歯竜", strict=True))
)


@dataclass(frozen=True)
class Line:
    """One line of text and where it is in the source (1-based line; page when from a PDF)."""

    text: str
    number: int
    page: int = 0
    x0: float = 0.0  # left and right edge on the page (points), when read from a PDF
    x1: float = 0.0
    cells: tuple[tuple[float, float, str], ...] = ()  # the runs of a PDF line: left, right, text
    # From a PDF whose page draws horizontal rules across it (a printed table's row borders): which
    # band between two rules the line sits in, counted from the page's top (1, 2, …); 0 when unknown.
    band: int = 0

    def where(self) -> str:
        return f"{self.page}頁" if self.page else f"{self.number}行目"


def clean(raw: str) -> list[str]:
    """Text lines without HTML tags (checkboxes kept as [○] / [ ]) and with tabs as cell gaps."""
    text = _CHECKED_INPUT.sub("[○]", raw)
    text = _INPUT.sub("[ ]", text)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = (
        html.unescape(text).translate(_RADICALS).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    )
    return [line.replace("\t", " ").rstrip() for line in text.split("\n")]


def from_text(raw: str) -> list[Line]:
    """The lines of extracted text; a tag that spans no line break leaves its line in place."""
    out: list[Line] = []
    for number, line in enumerate(raw.split("\n"), start=1):
        for piece in clean(line):
            out.append(Line(piece, number))
    return out


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines (the blocks between blank lines: a cell, or a paragraph)."""
    out: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def next_text(lines: list[Line], i: int) -> str:
    """The text of the first non-blank line of the five after line i ("" when none)."""
    for line in lines[i + 1 : i + 6]:
        if line.text.strip():
            return line.text.strip()
    return ""


def width(text: str) -> int:
    """Display width: full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "FWA" else 1 for c in text)
