"""Page layout of every example's PDF, read back with poppler's word positions (`pdftotext -bbox`):
no label at a page foot without the first line of its value, no 変更箇所/別紙 row split across pages
without its repeated 変更日/項目, no page spent on a single row."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from piagen.document import annex, pages
from piagen.model import form, source
from piagen.render import forms as render
from piagen.render import part_cache
from tests.shared import example_models

pytestmark = pytest.mark.poppler

CASES = [(m, kind) for m in example_models() for kind in render.forms_for(source.load(m).data, "auto")]
IDS = [f"{m.stem}-{kind}" for m, kind in CASES]

# A4 in points, the page margins of style.css (16mm top, 14mm bottom, 12mm sides) and its form grid.
LEFT, RIGHT = 34.0, 561.3
BODY_TOP, BODY_BOTTOM = 40.0, 800.0
VALUE_X = LEFT + 0.31 * (RIGHT - LEFT)  # table.form col.label is 31% of the width
PITCH = 14.0  # one line of 8.6pt text is 12pt: a larger gap within a column starts another cell
TITLE = 10.5  # block titles (h2, 11pt) are the only words this tall
SPARSE = 0.25  # a page filled less than this by one row is spent on it (render.pdf.typeset.TAIL)
LIST_TITLES = tuple(form.title(("files", 0, "provision", "recipients", 0, f)) for f in annex.RECIPIENT_KEYS)
HEADERS = (
    *pages.CHANGE_COLUMNS,
    "番号",
    *(
        form.title(("files", 0, "provision", k, 0, f))
        for k in ("recipients", "transferees")
        for f in annex.RECIPIENT_KEYS
    ),
)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@pytest.fixture(scope="session")
def pdf_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example form laid out once per session (through the part cache)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    folder = tmp_path_factory.mktemp("layout")
    out: dict[str, Path] = {}
    cache = part_cache()
    for (model, kind), name in zip(CASES, IDS, strict=True):
        data = source.load(model).data
        pdf = render.render(data, kind, ("pdf",), cache=cache, workers=2)["pdf"]
        out[name] = folder / f"{name}.pdf"
        out[name].write_bytes(pdf)
    return out


@pytest.fixture(scope="session")
def pdf_pages(pdf_files: dict[str, Path]) -> dict[str, list[list[Word]]]:
    """The words of each page of every example form."""
    return {name: words_of(path) for name, path in pdf_files.items()}


def words_of(path: Path) -> list[list[Word]]:
    """The body words of each page (running header and page number left out)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = []
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = [float(w.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")]
            if BODY_TOP < box[1] < BODY_BOTTOM:
                words.append(Word(w.text or "", *box))
        pages.append(sorted(words, key=lambda w: (w.y0, w.x0)))
    return pages


def starts(ys: list[float]) -> list[float]:
    """The tops of the cells whose lines are at `ys` (a gap larger than one line starts a new cell)."""
    tops = sorted({round(y, 1) for y in ys})
    return [y for i, y in enumerate(tops) if i == 0 or y - tops[i - 1] > PITCH]


@dataclass(frozen=True)
class Grid:
    """A ruled table on a page: where its header ends and where each column starts."""

    bottom: float
    edges: tuple[float, ...]

    def column(self, word: Word) -> int:
        return max(i for i, edge in enumerate(self.edges) if word.x0 >= edge - 1)


def table_grid(page: list[Word]) -> Grid | None:
    """The grid of a ruled table continued on this page (it opens with the repeated 変更日/番号
    header): the 変更箇所 widths, or a 別紙 list's widths over the columns its header prints."""
    if not page or page[0].text not in ("変更日", "番号") or page[0].y1 - page[0].y0 > TITLE:
        return None
    first = page[0]
    head = [w for w in page if w.y0 < first.y0 + 40 and any(w.text in h for h in HEADERS)]
    if first.text == "変更日":
        widths: tuple[float, ...] = pages.CHANGE_WIDTHS
    else:
        titles = ("番号", *LIST_TITLES)
        shown = [i for i, t in enumerate(titles) if any(t.startswith(w.text) for w in head)]
        widths = tuple(annex.LIST_WIDTHS[i] for i in shown)
    edges, x = [], LEFT
    for width in widths:
        edges.append(x)
        x += (RIGHT - LEFT) * width / sum(widths)
    # The header's lines follow each other one line apart; the first row starts after a cell border.
    bottom = first.y1
    for y in sorted({w.y0 for w in head}):
        if y - (bottom - first.y1 + first.y0) > 12:
            break
        bottom = y + first.y1 - first.y0
    return Grid(bottom, tuple(edges))


def split_rows(pages: list[list[Word]]) -> list[str]:
    """Table rows whose cells start on different pages: a continuation page whose first row has no
    text in its first two columns (変更日/項目, 番号/提供先), or a row start at a page foot whose
    first two columns are empty (they went to the next page)."""
    bad = []
    for n, page in enumerate(pages, start=1):
        grid = table_grid(page)
        if grid is None:
            continue
        body = [w for w in page if w.y0 > grid.bottom + 1]
        if not body:
            continue
        left = {round(w.y0) for w in body if grid.column(w) < 2}
        for y in _row_starts(body, grid):
            if not any(abs(y - top) <= 3 for top in left):
                bad.append(f"p{n} y={y:.0f}")
    return bad


def _row_starts(body: list[Word], grid: Grid) -> list[float]:
    """The tops of rows: the first line of the page, and in each column a line after a gap of one row
    separation (a blank line inside a cell leaves a larger gap and is not counted)."""
    out = [min(w.y0 for w in body)]
    for col in range(len(grid.edges)):
        ys = sorted({round(w.y0, 1) for w in body if grid.column(w) == col})
        out += [b for a, b in zip(ys, ys[1:], strict=False) if 15 < b - a < 21]
    return sorted(set(round(y) for y in out))


def lonely_labels(pages: list[list[Word]]) -> list[str]:
    """Pages ending with a form label whose value starts on the next page."""
    bad = []
    for n, (page, following) in enumerate(zip(pages, pages[1:], strict=False), start=1):
        if not page or not following or table_grid(following) or following[0].y1 - following[0].y0 > TITLE:
            continue
        labels = [w for w in page if w.x1 < VALUE_X + 2]
        if not labels or max(w.y1 for w in labels) < max(w.y1 for w in page) - 1:
            continue  # the page does not end in the label column
        top = starts([w.y0 for w in labels])[-1]
        has_value = any(w.x0 >= VALUE_X - 1 and w.y0 >= top - 3 for w in page)
        first_line = [w for w in following if w.y0 < following[0].y0 + 3]
        continued = all(w.x0 >= VALUE_X - 1 for w in first_line)
        if not has_value and continued:
            bad.append(f"p{n}: 「{''.join(w.text for w in labels if w.y0 >= top - 1)[:30]}」")
    return bad


def single_row_pages(pages: list[list[Word]]) -> list[str]:
    """Pages (other than a block's first) holding one row, or a fragment of one, in under half a page."""
    bad = []
    for n, page in enumerate(pages, start=1):
        if not page or any(w.y1 - w.y0 > TITLE for w in page):
            continue  # a block's first page (its title) may be short
        grid = table_grid(page)
        body = [w for w in page if grid is None or w.y0 > grid.bottom + 1]
        if not body:
            continue
        left = grid.edges[2] if grid else VALUE_X
        rows = starts([w.y0 for w in body if w.x0 < left - 2])
        used = max(w.y1 for w in body) - min(w.y0 for w in body)
        if len(rows) <= 1 and used < (BODY_BOTTOM - BODY_TOP) * SPARSE:
            bad.append(f"p{n}: 「{body[0].text[:20]}」")
    return bad


@pytest.mark.parametrize("name", IDS)
def test_no_label_alone_at_a_page_foot(name: str, pdf_pages: dict[str, list[list[Word]]]) -> None:
    assert lonely_labels(pdf_pages[name]) == []


@pytest.mark.parametrize("name", IDS)
def test_no_table_row_split_without_its_heading_cells(
    name: str, pdf_pages: dict[str, list[list[Word]]]
) -> None:
    assert split_rows(pdf_pages[name]) == []


@pytest.mark.parametrize("name", IDS)
def test_no_page_spent_on_one_row(name: str, pdf_pages: dict[str, list[list[Word]]]) -> None:
    assert single_row_pages(pdf_pages[name]) == []


@pytest.mark.parametrize("name", IDS)
def test_every_glyph_comes_from_an_embedded_japanese_font(name: str, pdf_files: dict[str, Path]) -> None:
    """➊–➓ (not in IPAex) come from Noto Sans CJK JP, never from a fallback such as DejaVu."""
    listing = subprocess.run(
        ["pdffonts", str(pdf_files[name])], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    fonts = {line.split()[0].partition("+")[2] or line.split()[0]: line for line in listing}
    assert all(" yes " in line for line in fonts.values())
    assert {re.sub(r"-Bold$", "", f) for f in fonts} <= {"IPAexGothic", "IPAexMincho", "Noto-Sans-CJK-JP"}


# ---- the checks themselves, on pages made of words (as the PDFs before issue 11 printed them) ----
def w(text: str, x: float, y: float, size: float = 8.6) -> Word:
    return Word(text, x, y, x + 10 * len(text), y + size)


def test_a_label_whose_value_went_to_the_next_page_is_found() -> None:
    page = [w("①法令上の根拠", 46, 60), w("番号法", 202, 60), w("規定の内容", 46, 780)]
    following = [w("・委託契約書に", 202, 50), w("その妥当性", 46, 120)]
    assert lonely_labels([page, following]) == ["p1: 「規定の内容」"]
    beside = [*page, w("・委託契約書に", 202, 780)]  # its first line stayed beside it
    assert lonely_labels([beside, following]) == []


def test_a_table_row_cut_without_its_date_and_item_is_found() -> None:
    header = [w("変更日", 46, 50), w("項目", 118, 50), w("変更前の記載", 219, 50), w("変更後の記載", 333, 50)]
    cut = [
        *header,
        w("を削除する。", 190, 67),
        w("令和7年1月20日", 38, 90),
        w("Ⅱ", 107, 90),
        w("前", 190, 90),
    ]
    assert split_rows([cut]) == ["p1 y=67"]
    continued = [*header, w("令和7年1月20日", 38, 67), w("Ⅱ（続き）", 107, 67), w("を削除する。", 190, 67)]
    assert split_rows([continued]) == []


def test_a_page_spent_on_the_tail_of_one_row_is_found() -> None:
    tail = [w("の措置を講じる。", 202, 50), w("を行う。", 202, 61)]
    assert single_row_pages([tail]) == ["p1: 「の措置を講じる。」"]
    rows = [*tail, w("⑤物理的対策", 46, 80), w("[ 十分に行っている ]", 202, 80), w("⑥技術的対策", 46, 120)]
    assert single_row_pages([rows]) == []
