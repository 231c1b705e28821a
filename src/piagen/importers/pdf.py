"""Importer of a published 評価書 as PDF: its text layer, read with positions (PDFium through
pypdfium2), becomes lines in reading order — the cells of one printed row on one line, running
headers and page numbers left out — and goes through the same reader as extracted text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from piagen.errors import PiagenError
from piagen.importers import glyphs, margins, published, rules, sheet
from piagen.importers.glyphs import Run as _Run
from piagen.importers.lines import Line, clean

MAX_BYTES = 200 * 1024 * 1024
MAX_PAGES = 3000
_LABEL_COLUMN = 0.3  # label cells start in the left part of the page


ATTACHED = "model.yaml"  # the model piagen render attaches to its PDF


def read(content: bytes) -> published.Imported:
    """The 評価書 in a PDF; PiagenError (in Japanese) when it cannot be read or holds no 評価書.
    A PDF piagen rendered carries its model: that is taken as is (nothing to guess)."""
    attached = _attached(content)
    if attached is not None:
        return published.from_model(attached)
    return published.read_lines(lines_of(content))


def _attached(content: bytes) -> str | None:
    import pypdfium2 as pdfium

    if not content.lstrip()[:5].startswith(b"%PDF") or len(content) > MAX_BYTES:
        return None
    try:
        doc = pdfium.PdfDocument(content)
    except pdfium.PdfiumError:
        return None
    try:
        for i in range(doc.count_attachments()):
            attachment = doc.get_attachment(i)
            if attachment.get_name() == ATTACHED:
                data = bytes(attachment.get_data())
                return data.decode("utf-8") if data.startswith(b"piagen:") else None
        return None
    except (pdfium.PdfiumError, UnicodeDecodeError):
        return None
    finally:
        doc.close()


def lines_of(content: bytes) -> list[Line]:
    """The text lines of every page, top to bottom, cells of a row left to right."""
    import pypdfium2 as pdfium

    if not content:
        raise PiagenError("ファイルが空です（0 バイト）。公表された評価書の PDF を指定してください。")
    if len(content) > MAX_BYTES:
        raise PiagenError(f"ファイルが大きすぎます（{len(content):,} バイト、上限 {MAX_BYTES:,} バイト）。")
    if not content.lstrip()[:5].startswith(b"%PDF"):
        raise PiagenError("PDF ではありません（先頭に %PDF がありません）。")
    try:
        doc = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PiagenError(
                "暗号化（パスワード保護）された PDF です。パスワードを外した PDF を指定してください。"
            ) from None
        raise PiagenError("PDF として読めません（壊れているか、途中までしかありません）。") from None
    try:
        return _lines(doc)
    finally:
        doc.close()


def _lines(doc: object) -> list[Line]:
    import pypdfium2 as pdfium

    assert isinstance(doc, pdfium.PdfDocument)
    if len(doc) > MAX_PAGES:
        raise PiagenError(f"頁数が多すぎます（{len(doc)} 頁、上限 {MAX_PAGES} 頁）。")
    pages: list[tuple[float, list[_Run]]] = []
    widths: list[float] = []
    ruled: list[rules.Rules] = []
    try:
        for page in doc:
            pages.append((page.get_height(), _runs(page)))
            widths.append(page.get_width())
            ruled.append(rules.of_page(page, page.get_width()))
            page.close()
    except pdfium.PdfiumError:
        raise PiagenError("PDF の頁を読めません（壊れているか、途中までしかありません）。") from None
    if not any(runs for _, runs in pages):
        raise PiagenError(
            "PDF に文字がありません（スキャンした画像だけの PDF と思われます）。"
            "文字を含む PDF（Word・Excel から保存したもの）か、OCR で文字を付けた PDF を指定してください。"
        )
    out: list[Line] = []
    bodies = margins.body(pages)
    for number, (kept, width, drawn) in enumerate(zip(bodies, widths, ruled, strict=True), start=1):
        ys = rules.bands(drawn)
        rows = sheet.tidied(_rows(rules.top_aligned(kept, drawn)), lambda run, text: replace(run, text=text))
        rows = sheet.centred_labels(rows, width * _LABEL_COLUMN, _pitch(rows))
        out.extend(_ordered(rows, width * _LABEL_COLUMN, number, len(out), ys))
        out.append(Line("", len(out) + 1, number))
    return out


def _runs(page: object) -> list[_Run]:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        return glyphs.runs(textpage, lambda text: "".join(clean(text)))
    finally:
        textpage.close()


def _rows(runs: list[_Run]) -> list[list[_Run]]:
    """Runs sharing a baseline make one row, top to bottom, left to right."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        middle = (run.top + run.bottom) / 2
        if rows and rows[-1][0].bottom <= middle <= rows[-1][0].top:
            rows[-1].append(run)
        else:
            rows.append([run])
    for row in rows:
        row.sort(key=lambda r: r.left)
    return rows


def _same_cell(above: _Run, below: _Run, pitch: float) -> bool:
    """Two label runs are lines of one cell: same left edge, one line apart (cells are padded). The
    page's line pitch (in glyph heights) bounds "one line apart" where rows are tight (a printed
    workbook: the lines of a cell 1.1 glyphs apart, the next cell 1.7); there a label indented by
    spaces continues at its cell's left edge, left of its first line."""
    height = max(above.top - above.bottom, 1.0)
    tight = 1.3 * pitch < 1.7
    if not above.top - below.top < min(1.7, 1.3 * pitch) * height:
        return False
    return abs(above.left - below.left) < 3.0 or (tight and below.left < above.left)


def _pitch(rows: list[list[_Run]]) -> float:
    """The line pitch of wrapped text on a page, in glyph heights: the smallest distance that recurs
    between consecutive rows starting at one left edge in one type size (the lines of one cell are
    closer than two cells, which are padded)."""
    ratios: Counter[float] = Counter()
    for a, b in zip(rows, rows[1:], strict=False):
        height = max(a[0].top - a[0].bottom, 1.0)
        if abs(a[0].left - b[0].left) < 3.0 and abs(height - (b[0].top - b[0].bottom)) < 0.1 * height:
            ratios[round((a[0].top - b[0].top) / height, 1)] += 1
    return min((r for r, n in ratios.items() if n >= 2 and r > 0.5), default=10.0)


def _ordered(
    rows: list[list[_Run]], column: float, page: int, before: int, ys: Sequence[float] = ()
) -> list[Line]:
    """Lines in reading order. A label cell wrapped over several rows (「個人のプライバシー等の権利利益の保
    ／護の宣言」) is read whole before the value cell beside it."""
    out: list[Line] = []
    labels: list[_Run] = []
    values: list[list[_Run]] = []
    pitch = _pitch(rows)

    def flush() -> None:
        for run in labels:
            one = ((run.left, run.right, run.text),)
            out.append(
                Line(run.text, before + len(out) + 1, page, run.left, run.right, one, rules.band_of(ys, run))
            )
        for row in values:
            text = " ".join(r.text for r in row)
            cells = tuple((r.left, r.right, r.text) for r in row)
            band = rules.band_of(ys, row[0])
            out.append(Line(text, before + len(out) + 1, page, row[0].left, row[-1].right, cells, band))
        labels.clear()
        values.clear()

    for row in rows:
        head = row[0]
        if head.left >= column or (len(row) > 1 and head.right >= row[1].left):
            values.append(row)
            continue
        if not (
            labels
            and _same_cell(labels[-1], head, pitch)
            and rules.band_of(ys, labels[-1]) == rules.band_of(ys, head)
        ):
            flush()
        labels.append(head)
        if len(row) > 1:
            values.append(row[1:])
    flush()
    return out
