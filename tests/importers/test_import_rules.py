"""The rules a PDF page draws (importers/rules.py): the bands between the rules across the page, and
the text of a ruled cell moved up to its cell's top when the cell was set to be centred or
bottom-aligned vertically, so it is read where a top-aligned cell's would be."""

from __future__ import annotations

import io

import pypdfium2 as pdfium

from piagen.importers import pdf, rules
from piagen.importers.glyphs import Run

WIDTH = 600.0


def _grid() -> rules.Rules:
    """A two-column table: label column 30–180, value column 180–560; rows 700–660 and 660–560."""
    across = [(700.0, 30.0, 560.0), (660.0, 30.0, 560.0), (560.0, 30.0, 560.0)]
    down = [(30.0, 560.0, 700.0), (180.0, 560.0, 700.0), (560.0, 560.0, 700.0)]
    return rules.Rules(WIDTH, across, down)


def _run(left: float, top: float, text: str) -> Run:
    return Run(left, top - 8.0, left + 10.0 * len(text), top, text)


def test_a_label_centred_beside_a_long_value_is_moved_to_its_cells_top() -> None:
    label = _run(35, 614, "その必要性")  # centred in the row 660–560
    value = [_run(185, 658, "一行目"), _run(185, 648, "二行目"), _run(185, 568, "最終行")]
    moved = rules.top_aligned([label, *value], _grid())
    assert moved[0].top == 660 - 1.5 and moved[0].bottom == moved[0].top - 8.0
    assert moved[1:] == value  # already at its cell's top


def test_a_bottom_aligned_value_is_moved_up_with_its_lines_in_order() -> None:
    label = _run(35, 698, "②対象となる本人の数")
    value = [_run(185, 680, "上の行"), _run(185, 670, "下の行")]  # at the bottom of row 700–660
    moved = rules.top_aligned([label, *value], _grid())
    assert moved[0] == label
    assert [m.top for m in moved[1:]] == [698.5, 688.5]


def test_a_dash_drawn_a_hair_high_stays_on_its_labels_line() -> None:
    """A 「―」's glyph box is a hair high in the middle of its line: it counts as a whole line, so it
    is not lifted above the line of the label beside it."""
    dash = Run(185, 690.0, 195, 690.8, "―")
    page = [
        _run(35, 698, "①部署"),
        dash,
        _run(35, 658, "②所属長"),
        _run(185, 658, "課長"),
        _run(185, 648, "係長"),
    ]
    label, moved = rules.top_aligned(page, _grid())[:2]
    assert abs((moved.top + moved.bottom) / 2 - (label.top + label.bottom) / 2) < 1.0
    assert moved.top < label.top


def test_text_in_no_ruled_cell_stays_put() -> None:
    below = _run(35, 540, "（別添１）")  # under the table: no rule below it
    assert rules.top_aligned([below], _grid()) == [below]
    assert rules.top_aligned([below], rules.Rules(WIDTH)) == [below]


def test_bands_are_cut_by_rules_across_half_the_page() -> None:
    grid = _grid()
    grid.across.append((600.0, 180.0, 300.0))  # a short rule in one column: no band
    assert rules.bands(grid) == [700.0, 660.0, 560.0]
    assert rules.bands(rules.Rules(WIDTH, [(700.0, 30.0, 560.0)])) == []  # one rule cuts no rows


def test_the_rules_of_a_page_are_read_from_its_drawing() -> None:
    """A real PDF (WeasyPrint, as piagen renders): a bordered table's rules are found, and its lines
    carry the band they sit in."""
    from piagen.render import pdf_of_html

    page = (
        '<html lang="ja"><body style="font-family: IPAexGothic">'
        '<table style="border-collapse: collapse; width: 100%">'
        '<tr><td style="border: 1px solid black; height: 80px; vertical-align: middle">ラベル</td>'
        '<td style="border: 1px solid black">値の一行目<br>値の二行目<br>値の三行目<br>値の四行目</td></tr>'
        '<tr><td style="border: 1px solid black">次のラベル</td><td style="border: 1px solid black">次の値</td></tr>'
        "</table></body></html>"
    )
    content = pdf_of_html(page)
    doc = pdfium.PdfDocument(io.BytesIO(content))
    try:
        found = rules.of_page(doc[0], doc[0].get_width())
    finally:
        doc.close()
    assert len(rules.bands(found)) >= 3 and len(found.down) >= 3
    lines = [ln for ln in pdf.lines_of(content) if ln.text.strip()]
    texts = [ln.text for ln in lines]
    # the label centred beside its four lines is read first, then its value's lines in order
    assert (
        texts.index("ラベル")
        < texts.index("値の一行目")
        < texts.index("値の四行目")
        < texts.index("次のラベル")
    )
    assert len({ln.band for ln in lines if "値の" in ln.text or ln.text == "ラベル"}) == 1


def test_a_page_that_draws_a_figure_of_many_lines_has_no_rules() -> None:
    """A （別添１） figure drawn in hundreds of lines is no table: its page gives no rules (and its
    text is read as it is printed)."""
    from piagen.render import pdf_of_html

    boxes = "".join(
        f'<div style="position: absolute; left: {20 + 25 * (n % 20)}px; top: {20 + 25 * (n // 20)}px;'
        f" width: {12 if n % 2 else 0}px; height: {0 if n % 2 else 12}px;"
        f' border-{"top" if n % 2 else "left"}: 1px solid black"></div>'
        for n in range(800)
    )
    content = pdf_of_html(f'<html lang="ja"><body>{boxes}<p style="margin-top: 560px">図</p></body></html>')
    doc = pdfium.PdfDocument(io.BytesIO(content))
    try:
        page = doc[0]
        assert rules.of_page(page, page.get_width()) == rules.Rules(page.get_width())
    finally:
        doc.close()
