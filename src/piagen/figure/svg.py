"""The 事務の流れ drawn as SVG with a fixed layered layout: 入手元 | files (under the 事務 and its
systems) | 提供先・移転先・委託先. One band per file; the arrows into a file share one 入手方法 label,
each arrow out carries its own 提供方法. Same model, same bytes: no clock, no randomness, every
number rounded. Text width is measured simply: a full-width character is 1 em, others ½ em."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from piagen.figure.flow import FileFlow, Flow, Party

FONT = 11.0  # px; the SVG scales to the page
LINE = 15.0
PAD = 6.0
GAP = 12.0  # between boxes of a column, and between bands
BUS = 18.0  # from a box to the vertical line that gathers its arrows
# Column widths in em: 入手元, the left arrows' label, files, the right arrows' label, recipients.
COLUMNS = (13.0, 12.0, 15.0, 13.0, 15.0)
CAPTION = "（この図はモデルから生成）"
LEGEND = "矢印は特定個人情報の流れ。矢印の上は入手方法・提供方法。"
FAMILY = "IPAexGothic, 'IPAexゴシック', 'Noto Sans CJK JP', sans-serif"
NO_BREAK_BEFORE = frozenset("、。，．）」』】〕・ー")


def em(ch: str) -> float:
    """The width of a character in em: full-width 1, the rest ½."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5


def wrap(text: str, width: float) -> list[str]:
    """`text` in lines at most `width` em wide (a closing mark never starts a line)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0.0
        for ch in para:
            if used + em(ch) > width and line:
                # A closing mark never starts a line: the character before it moves down with it.
                keep = line[:-1] if ch in NO_BREAK_BEFORE and len(line) > 1 else line
                lines.append(keep)
                line = line[len(keep) :]
                used = sum(em(c) for c in line)
            line, used = line + ch, used + em(ch)
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Box:
    """A placed box: its lines of text (the first maybe a small kind tag) and its rectangle."""

    x: float
    y: float
    w: float
    lines: tuple[str, ...]
    tag: str = ""
    style: str = "party"

    @property
    def h(self) -> float:
        return (len(self.lines) + (1 if self.tag else 0)) * LINE + 2 * PAD

    @property
    def mid(self) -> float:
        return self.y + self.h / 2


def _x() -> tuple[float, ...]:
    """The left edge of each column, and the right edge of the last."""
    out, x = [GAP], GAP
    for width in COLUMNS:
        x += width * FONT + (BUS if len(out) % 2 == 0 else 0)
        out.append(x)
    return tuple(out)


X = _x()
WIDTH = X[-1] + GAP


def _box(
    x: float, y: float, column: int, text: str, tag: str = "", style: str = "party", width: float = 0.0
) -> Box:
    width = width or COLUMNS[column] * FONT
    return Box(x, y, width, tuple(wrap(text, width / FONT - 1.2)), tag, style)


class Canvas:
    """SVG elements in drawing order; coordinates rounded to 0.1 so output is byte-stable."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def box(self, b: Box) -> None:
        fill, stroke = {"file": ("#FFF6DA", "#8A6D00"), "task": ("#EEF2FA", "#2F4A80")}.get(
            b.style, ("#FFFFFF", "#333333")
        )
        self.parts.append(
            f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" rx="3" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1"/>'
        )
        y = b.y + PAD + FONT
        if b.tag:
            self.text(b.x + PAD, y, b.tag, size=FONT * 0.85, color="#555555")
            y += LINE
        for line in b.lines:
            self.text(b.x + PAD, y, line, bold=b.style != "party")
            y += LINE

    def text(
        self, x: float, y: float, s: str, size: float = FONT, bold: bool = False, color: str = ""
    ) -> None:
        extra = (f' font-size="{size:.1f}"' if size != FONT else "") + (' font-weight="bold"' if bold else "")
        extra += f' fill="{color}"' if color else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(s)}</text>')

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#333333" stroke-width="1"/>'
        )

    def arrow(self, x1: float, x2: float, y: float, label: str) -> None:
        """A horizontal arrow from x1 to x2 with its label in lines above it."""
        self.line(x1, y, x2 - 6, y)
        self.parts.append(
            f'<polygon points="{x2 - 7:.1f},{y - 4:.1f} {x2:.1f},{y:.1f} {x2 - 7:.1f},{y + 4:.1f}" fill="#333333"/>'
        )
        lines = wrap(label, (x2 - x1 - 2 * PAD) / (FONT * 0.9)) if label else []  # as label_height
        for i, text in enumerate(lines):
            self.text(
                x1 + PAD, y - 4 - (len(lines) - 1 - i) * LINE * 0.9, text, size=FONT * 0.9, color="#1F3B73"
            )


def label_height(label: str, x1: float, x2: float) -> float:
    """The height the label of an arrow from x1 to x2 takes above it."""
    return len(wrap(label, (x2 - x1 - 2 * PAD) / (FONT * 0.9))) * LINE * 0.9 + 6 if label else 0.0


def draw(flow: Flow) -> str:
    """The SVG document of `flow`."""
    canvas = Canvas()
    # The 事務 above the 入手元, its systems across the rest: the figure stays wide rather than tall.
    head = _box(X[0], GAP, 0, flow.task or "（事務の名称）", "評価対象の事務", "task")
    canvas.box(head)
    y = GAP + head.h
    if flow.systems:
        systems = _box(X[2], GAP, 2, "\n".join(flow.systems), "使用するシステム", "task", X[5] - X[2])
        canvas.box(systems)
        y = max(y, GAP + systems.h)
    y += GAP * 2
    for f in flow.files:
        y = _band(canvas, f, y) + GAP * 2
    canvas.text(GAP, y + FONT, LEGEND, size=FONT * 0.9)
    canvas.text(WIDTH - GAP - _width(CAPTION), y + FONT, CAPTION, bold=True)
    height = y + FONT + GAP
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH:.0f} {height:.0f}" font-family="{FAMILY}" font-size="{FONT:.0f}">\n'
        + "\n".join(canvas.parts)
        + "\n</svg>\n"
    )


def _width(text: str) -> float:
    return sum(em(ch) for ch in text) * FONT


def _band(canvas: Canvas, f: FileFlow, top: float) -> float:
    """One file's band from `top`; the y where it ends."""
    file_box = _box(X[2], 0, 2, f.name or "（ファイル名）", "特定個人情報ファイル", "file")
    left = _stack(f.sources, 0, lambda p: 0.0)
    right = _stack(f.targets, 4, lambda p: 2 * label_height(p.method, X[3] + BUS / 2, X[4]))
    height = max(file_box.h, 2 * label_height(f.method, X[1] + BUS / 2, X[2]), _span(left), _span(right))
    mid = top + height / 2
    file_box = Box(file_box.x, mid - file_box.h / 2, file_box.w, file_box.lines, file_box.tag, "file")
    canvas.box(file_box)
    placed_left = _place(left, mid)
    placed_right = _place(right, mid)
    if placed_left:
        bus = X[1] + BUS / 2
        for b in placed_left:
            canvas.box(b)
            canvas.line(b.x + b.w, b.mid, bus, b.mid)
        ys = [b.mid for b in placed_left] + [mid]
        canvas.line(bus, min(ys), bus, max(ys))
        canvas.arrow(bus, file_box.x, mid, f.method)
    if placed_right:
        bus = X[3] + BUS / 2
        canvas.line(file_box.x + file_box.w, mid, bus, mid)
        ys = [b.mid for b in placed_right] + [mid]
        canvas.line(bus, min(ys), bus, max(ys))
        for b, party in zip(placed_right, f.targets, strict=True):
            canvas.box(b)
            canvas.arrow(bus, b.x, b.mid, party.method)
    return top + height


Row = tuple[Box, float]  # a box and the height of its row (room for the arrow's label above)


def _stack(parties: tuple[Party, ...], column: int, room: Callable[[Party], float]) -> list[Row]:
    """Each party's box and the height of its row."""
    return [
        (box, max(box.h, room(p)))
        for p in parties
        for box in (_box(X[column], 0, column, p.name or "（名称なし）", p.kind),)
    ]


def _span(rows: list[Row]) -> float:
    return sum(h for _, h in rows) + GAP * max(len(rows) - 1, 0)


def _place(rows: list[Row], mid: float) -> list[Box]:
    """The boxes stacked around `mid`, each centred in its row."""
    y = mid - _span(rows) / 2
    out = []
    for box, h in rows:
        out.append(Box(box.x, y + (h - box.h) / 2, box.w, box.lines, box.tag, box.style))
        y += h + GAP
    return out
