"""The text runs of a PDF page built from its characters (PDFium's character boxes), not from PDFium's
own text rectangles: a page printed from a workbook draws a glyph the cell's font lacks (符, 照会, 紐)
from a fallback font in a separate text object, and PDFium's rectangles then split a word there and
read text back by area, which pulls in characters of a neighbouring fallback glyph. Characters next to
each other on one baseline make one run, whatever text object drew them."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

Box = tuple[float, float, float, float]
# One text object, one baseline: one run, across a few glyphs' gap (text set, then spaced out).
_SAME_OBJECT = 3.0
# Text objects that touch (a fallback font's glyph amid a word) continue a run; a wider gap is a new
# cell or a new piece of text and is read apart.
_TOUCH = 0.15


@dataclass(frozen=True)
class Run:
    """A run of text on one baseline: its box (PDF points, origin bottom left) and its text."""

    left: float
    bottom: float
    right: float
    top: float
    text: str


@dataclass
class _Open:
    """A run being built: its loose box (font bounds, used to join) and the glyphs' own left and
    right edges (the run's printed extent, as PDFium's text rectangles have it)."""

    left: float
    bottom: float
    right: float
    top: float
    chars: list[str]
    ink: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)

    def takes(self, left: float, bottom: float, right: float, top: float, reach: float = 0.0) -> bool:
        """Whether a glyph continues the run: on its baseline and at most `reach` glyph heights
        after its end (a glyph's loose box abuts the one before it)."""
        height = max(self.top - self.bottom, top - bottom, 1.0)
        middle, own = (top + bottom) / 2, (self.top + self.bottom) / 2
        return abs(middle - own) < height * 0.35 and -height * 0.3 < left - self.right < height * (
            reach or _TOUCH
        )

    def add(self, box: Box, ink: Box, text: list[str]) -> None:
        self.chars.extend(text)
        left, bottom, right, top = box
        if "".join(text).strip():
            a, b = self.ink, ink
            self.ink = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
        self.left, self.right = min(self.left, left), max(self.right, right)
        self.bottom, self.top = min(self.bottom, bottom), max(self.top, top)

    def run(self) -> Run:
        return Run(*self.ink, "".join(self.chars).strip(" ").rstrip())


def runs(textpage: object, clean: object) -> list[Run]:
    """The runs of a page's text (pypdfium2 PdfTextPage); `clean` maps raw text to its cleaned form."""
    count = textpage.count_chars()  # type: ignore[attr-defined]
    text = textpage.get_text_range(0, count) if count else ""  # type: ignore[attr-defined]
    placed: list[_Open] = []
    current: _Open | None = None
    owner = None
    clips: dict[int | None, Box | None] = {}
    boxes = _Boxes(textpage)
    for index in range(min(count, len(text))):
        char = text[index]
        if char in "\r\n\ufffe\x02":
            current = None
            continue
        box, ink = boxes.of(index)
        obj, owner = owner, _object(textpage, index)
        if owner not in clips:
            clips[owner] = _clip(textpage, index)
        if not _inside(ink, clips[owner]):
            continue  # clipped out of sight: a hidden column, a cell's overflow cut by its neighbour
        if current is not None and current.takes(*box, _SAME_OBJECT if obj == owner else _TOUCH):
            current.add(box, ink, [char])
        elif not char.isspace() or char == "\u3000":  # an ideographic space indents a paragraph
            current = _Open(*box, [char], ink)
            placed.append(current)
    out = [r.run() for r in _merged(placed)]
    return [Run(r.left, r.bottom, r.right, r.top, clean(r.text)) for r in out if r.text.strip()]  # type: ignore[operator]


def _object(textpage: object, index: int) -> int | None:
    """The text object that draws a character (its address: compared, never dereferenced)."""
    import pypdfium2.raw as pdfium_c

    return ctypes.cast(pdfium_c.FPDFText_GetTextObject(textpage, index), ctypes.c_void_p).value


def _clip(textpage: object, index: int) -> Box | None:
    """The bounds of the clip path of the text object drawing a character (None: not clipped)."""
    import pypdfium2.raw as pdfium_c

    clip = pdfium_c.FPDFPageObj_GetClipPath(pdfium_c.FPDFText_GetTextObject(textpage, index))
    paths = pdfium_c.FPDFClipPath_CountPaths(clip) if clip else 0
    xs: list[float] = []
    ys: list[float] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(max(paths, 0)):
        for n in range(max(pdfium_c.FPDFClipPath_CountPathSegments(clip, path), 0)):
            if pdfium_c.FPDFPathSegment_GetPoint(pdfium_c.FPDFClipPath_GetPathSegment(clip, path, n), x, y):
                xs.append(x.value)
                ys.append(y.value)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _inside(ink: Box, clip: Box | None) -> bool:
    """Whether a glyph's middle is within its clip (a point of slack for rounding)."""
    if clip is None:
        return True
    x, y = (ink[0] + ink[2]) / 2, (ink[1] + ink[3]) / 2
    return clip[0] - 1 <= x <= clip[2] + 1 and clip[1] - 1 <= y <= clip[3] + 1


class _Boxes:
    """PDFium's two boxes of a character, read into buffers made once per page (a page has
    thousands of characters)."""

    def __init__(self, textpage: object) -> None:
        import pypdfium2.raw as pdfium_c

        self.textpage, self.pdfium = textpage, pdfium_c
        self.ink = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())
        self.loose = pdfium_c.FS_RECTF()

    def of(self, index: int) -> tuple[Box, Box]:
        """The glyph's loose box (its font's full height and advance: a small 「、」 stands on the
        same line as a tall 「漢」, and joins it) and its own ink box (the run's printed extent)."""
        left, right, bottom, top = self.ink
        self.pdfium.FPDFText_GetCharBox(self.textpage, index, left, right, bottom, top)  # l, r, b, t
        self.pdfium.FPDFText_GetLooseCharBox(self.textpage, index, self.loose)
        loose = (self.loose.left, self.loose.bottom, self.loose.right, self.loose.top)
        ink = (left.value, bottom.value, right.value, top.value)
        return loose, (ink if ink[2] > ink[0] and ink[3] > ink[1] else loose)


def _merged(placed: list[_Open]) -> list[_Open]:
    """Runs drawn by separate text objects that touch on one baseline, joined left to right."""
    out: list[_Open] = []
    rows: dict[int, list[_Open]] = {}
    for piece in sorted(placed, key=lambda p: p.left):
        key = round((piece.top + piece.bottom) / 4)
        near = next(
            (
                o
                for k in (key, key - 1, key + 1)
                for o in rows.get(k, ())
                if o.takes(piece.left, piece.bottom, piece.right, piece.top)
            ),
            None,
        )
        if near is None:
            near = _Open(piece.left, piece.bottom, piece.right, piece.top, list(piece.chars), piece.ink)
            out.append(near)
            rows.setdefault(key, []).append(near)
        else:
            near.add((piece.left, piece.bottom, piece.right, piece.top), piece.ink, piece.chars)
    return out
