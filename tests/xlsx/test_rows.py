"""Row heights from the text, long texts continued on marked rows, drop-downs per form (no client)."""

from __future__ import annotations

import copy
import io

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from piagen.model import form, source
from piagen.render import forms as render
from piagen.xlsx import heights, lists
from piagen.xlsx import read as workbook
from piagen.xlsx import write as xlsx
from tests.shared import ROOT

KITA = ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"
BAND = ("threshold", "people", "band")
RESULT = ("procedure", "basic_assessment", "result")
KAWASAKI = ROOT / "examples" / "kawasaki-kenko-zoshin.yaml"


def workbook_of(data: dict, kind: form.FormType) -> bytes:  # type: ignore[type-arg]
    doc = render.document(data, kind)
    return xlsx.render_xlsx(doc, date=render.document_date(data), keys=xlsx.hidden_keys(data))


def test_full_width_counts_double_and_paragraphs_wrap() -> None:
    assert heights.text_units("ab") == 2 * heights.HALF
    assert heights.text_units("個人") == 2 * heights.FULL
    room = 20 * heights.FULL + 0.6  # a column holding exactly 20 Japanese characters
    assert heights.line_count("あ" * 20, room) == 1
    assert heights.line_count("あ" * 21, room) == 2
    assert heights.line_count("あ\n\nい", room) == 3
    assert heights.row_height(2) == round(2 * heights.LINE + heights.PADDING, 1)
    assert heights.row_height(1000) == heights.MAX_HEIGHT


@given(st.text(alphabet="あい a-\n", max_size=3000), st.floats(min_value=4, max_value=120))
def test_split_text_keeps_every_character_and_fits_a_row(text: str, width: float) -> None:
    pieces = heights.split_text(text, width)
    assert pieces[0][0] + "".join(sep + part for part, sep in pieces[1:]) == text
    assert all(heights.line_count(part, width) <= heights.MAX_LINES for part, _ in pieces)


def test_rows_are_as_tall_as_their_text() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(workbook_of(source.load(KAWASAKI).data, "full")))
    ws = wb["Ⅰ基本情報"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "\u3000②事務の内容\u3000※")
    text = str(ws.cell(row, 2).value)
    lines = heights.line_count(text, ws.column_dimensions["B"].width)
    assert lines >= text.count("\n") + 1
    assert ws.row_dimensions[row].height == heights.row_height(lines)
    assert all(d.height for d in ws.row_dimensions.values())  # no row left at the default


def test_a_text_longer_than_a_row_continues_and_imports_whole() -> None:
    data = copy.deepcopy(source.load(KITA).data)
    long = "\n".join(f"{i}　" + "特定個人情報を適切に取り扱う。" * 4 for i in range(60))
    data["basic_info"]["task"]["description"] = long
    content = workbook_of(data, "focused")
    ws = openpyxl.load_workbook(io.BytesIO(content))["Ⅰ基本情報"]
    marks = [r for r in range(1, ws.max_row + 1) if ws.cell(r, xlsx.PATH_COLUMN).value == "+n"]
    assert marks and all(ws.cell(r, 1).value == "\u3000（続き）" for r in marks)
    assert max(d.height or 0 for d in ws.row_dimensions.values()) <= heights.MAX_HEIGHT
    result = workbook.read(content)
    assert result.ok, [p.format() for p in result.problems]
    assert result.data["basic_info"]["task"]["description"] == long


def test_each_form_offers_its_own_options_from_the_hidden_sheet() -> None:
    data = copy.deepcopy(source.load(KITA).data)
    data["threshold"]["people"]["band"] = "1,000人未満"
    wb = openpyxl.load_workbook(io.BytesIO(workbook_of(data, "basic")))
    assert wb[lists.SHEET].sheet_state == "hidden"
    options = [c.value for c in wb[lists.SHEET]["B"]]
    assert options == form.printed_choices(BAND, "basic")
    assert options[0] == "1,000人未満（任意実施）"
    ws = next(ws for ws in wb.worksheets if ws.cell(3, xlsx.PATH_COLUMN).value == "$.threshold.people.band")
    assert ws.cell(3, 2).value == "1,000人未満（任意実施）"
    result = workbook.read(workbook_of(data, "basic"))
    assert result.data["threshold"]["people"]["band"] == "1,000人未満"
    focused = form.printed_choices(BAND, "focused")
    assert "30万人以上" not in focused and "1,000人未満" in focused


def test_threshold_results_are_the_forms_own() -> None:
    full = form.printed_choices(RESULT, "full")
    focused = form.printed_choices(RESULT, "focused")
    assert len(full) == 4 and len(focused) == 3 and not set(full) & set(focused)
