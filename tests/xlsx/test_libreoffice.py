"""Every example's workbook through LibreOffice: it prints every line at a readable size, on a number
of pages in proportion to its text, and after a re-save its drop-downs still offer exactly the
form's official options, its row heights, print areas and repeated headers are kept."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from piagen.model import form, source
from piagen.render import forms as render
from piagen.xlsx import lists
from piagen.xlsx.heights import LINE, PADDING
from piagen.xlsx.write import PATH_COLUMN
from tests.render.test_render import rendered
from tests.shared import example_models

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]

CASES = [(m, kind) for m in example_models() for kind in render.forms_for(source.load(m).data, "auto")]
IDS = [f"{m.stem}-{kind}" for m, kind in CASES]
# LibreOffice's pages against the PDF's (the official layout, 8.6 pt): the examples give 1.14–1.33
# (a label/value sheet with one value column is less dense than the form's own grid). Fewer than
# LEAST means text shrunk or lost (before row heights: 川崎 full printed 13 pages against 36, 0.36);
# more than MOST means rows far taller than their text.
LEAST, MOST = 0.8, 1.6
READABLE = 8.0  # points: the smallest glyph height accepted (fit to width must not shrink the text)


@dataclass(frozen=True)
class Converted:
    """A workbook as written by piagen, and LibreOffice's PDF and re-saved .xlsx of it."""

    written: bytes
    pdf: Path
    resaved: Path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Converted]]:
    """All example workbooks converted by one LibreOffice run per target format (a private profile)."""
    root = tmp_path_factory.mktemp("libreoffice")
    books = root / "books"
    books.mkdir()
    written = {}
    for model, kind in CASES:
        data = source.load(model).data
        name = f"{model.stem}-{kind}"
        written[name] = render.render(data, kind, ("xlsx",))["xlsx"]
        (books / f"{name}.xlsx").write_bytes(written[name])
    files = sorted(str(p) for p in books.glob("*.xlsx"))
    _soffice(root, "pdf", root / "pdf", files)
    _soffice(root, "xlsx:Calc MS Excel 2007 XML", root / "xlsx", files)
    yield {
        name: Converted(content, root / "pdf" / f"{name}.pdf", root / "xlsx" / f"{name}.xlsx")
        for name, content in written.items()
    }


def _soffice(root: Path, target: str, out: Path, files: list[str]) -> None:
    profile = (root / f"profile-{out.name}").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
        + ["--outdir", str(out), *files],
        check=True,
        capture_output=True,
        timeout=600,
    )


@cache
def _pdf_pages(pdf: Path) -> tuple[str, ...]:
    # -raw: the default mode joins a word hyphenated at a line end and drops its "-".
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
    )
    return tuple(text.stdout.split("\f")[:-1])


def _printed_cells(wb: Workbook) -> Iterator[str]:
    """The text of every cell a printout shows: visible sheets, visible columns."""
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        hidden = {k for k, d in ws.column_dimensions.items() if d.hidden}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and c.column_letter not in hidden:
                    yield str(c.value)


DASHES = str.maketrans({c: "-" for c in "‐‑–—―－−"})  # text extraction maps dashes inconsistently


def _chars(text: str) -> Counter[str]:
    return Counter(re.sub(r"\s+", "", text).translate(DASHES))


@pytest.mark.parametrize("name", IDS)
def test_every_line_prints(converted: dict[str, Converted], name: str) -> None:
    """LibreOffice clips wrapped text at the row's height: every character written must print."""
    wb = openpyxl.load_workbook(io.BytesIO(converted[name].written))
    wanted = _chars("".join(_printed_cells(wb)))
    printed = _chars("".join(_pdf_pages(converted[name].pdf)))
    missing = {ch: n - printed[ch] for ch, n in wanted.items() if printed[ch] < n}
    assert not missing, f"{sum(missing.values())} characters not printed: {''.join(sorted(missing))[:80]}"


@pytest.mark.parametrize(("model", "kind"), CASES, ids=IDS)
def test_pages_in_proportion_and_readable(converted: dict[str, Converted], model: Path, kind: str) -> None:
    pdf_pages = len(PdfReader(io.BytesIO(rendered(model, kind)["pdf"])).pages)
    pages = len(_pdf_pages(converted[f"{model.stem}-{kind}"].pdf))
    assert LEAST * pdf_pages <= pages <= MOST * pdf_pages, (pages, pdf_pages)
    assert _smallest_glyph(converted[f"{model.stem}-{kind}"].pdf) >= READABLE


def _smallest_glyph(pdf: Path) -> float:
    """The median height of the words on the first pages (pdftotext -bbox): the printed font size."""
    out = subprocess.run(
        ["pdftotext", "-l", "3", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    heights = sorted(
        float(b) - float(a) for a, b in re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', out)
    )
    return heights[len(heights) // 2]


def _validations(ws: Worksheet, lists_sheet: Worksheet) -> dict[str, tuple[Any, list[str]]]:
    """Each validated cell → (its validation, the options its list range holds)."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        # A one-option list ($B$1:$B$1) is written back by newer LibreOffice (25.x) as one cell ($B$1).
        m = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?", str(dv.formula1))
        assert m and m.group(1) == lists.SHEET, dv.formula1
        last = f"{m.group(4)}{m.group(5)}" if m.group(4) else f"{m.group(2)}{m.group(3)}"
        cells = lists_sheet[f"{m.group(2)}{m.group(3)}:{last}"]
        options = [str(row[0].value) for row in cells]
        for ref in str(dv.sqref).split():
            for row in ws[ref] if ":" in ref else ((ws[ref],),):
                for c in row:
                    out[c.coordinate] = (dv, options)
    return out


@pytest.mark.parametrize(("model", "kind"), CASES, ids=IDS)
def test_dropdowns_offer_the_official_options(
    converted: dict[str, Converted], model: Path, kind: form.FormType
) -> None:
    wb = openpyxl.load_workbook(converted[f"{model.stem}-{kind}"].resaved)
    lists_sheet = wb[lists.SHEET]
    assert lists_sheet.sheet_state == "hidden"
    choice_cells = 0
    for ws in wb.worksheets:
        if ws is lists_sheet:
            continue
        valid = _validations(ws, lists_sheet)
        for dv, _ in valid.values():
            assert dv.showErrorMessage and dv.errorStyle in (None, "stop")
            assert (dv.errorTitle, dv.error) == (lists.ERROR_TITLE, lists.ERROR)
        for r in range(1, ws.max_row + 1):
            raw = ws.cell(row=r, column=PATH_COLUMN).value
            expected = _expected_options(raw, kind)
            if expected is None:
                continue
            choice_cells += expected != ["○"]
            assert f"B{r}" in valid, f"{ws.title}!B{r} ({raw}) has no drop-down"
            assert valid[f"B{r}"][1] == expected, f"{ws.title}!B{r} ({raw})"
            value = ws.cell(row=r, column=2).value
            assert value is None or value in expected, f"{ws.title}!B{r}: {value}"
    assert choice_cells > 0


def _expected_options(raw: Any, kind: form.FormType) -> list[str] | None:
    """The official options of the item a row holds (["○"] for a checkbox), None for other rows."""
    if not isinstance(raw, str) or not raw.startswith("$"):
        return None
    body, _, option = raw.partition("#")
    path = tuple(int(i) if i else k for k, i in re.findall(r"\.([^.\[]+)|\[(\d+)\]", body[1:]))
    node = form.node_at(path) or {}
    layout = node.get("x-layout")
    if option or layout in ("checks", "flag"):
        return ["○"]
    return form.printed_choices(path, kind) if layout == "choice" else None


@pytest.mark.parametrize("name", IDS)
def test_heights_and_print_setup_survive_a_resave(converted: dict[str, Converted], name: str) -> None:
    before = openpyxl.load_workbook(io.BytesIO(converted[name].written))
    after = openpyxl.load_workbook(converted[name].resaved)
    for ws in before.worksheets:
        if ws.sheet_state != "visible":
            continue
        again = after[ws.title]
        assert again.print_area == ws.print_area
        assert again.print_title_rows == ws.print_title_rows
        assert again.sheet_properties.pageSetUpPr.fitToPage and again.page_setup.fitToWidth in (1, None)
        for r, dim in ws.row_dimensions.items():
            assert dim.height is not None and dim.height >= LINE + PADDING - 0.1
            assert again.row_dimensions[r].height == pytest.approx(dim.height, abs=0.6), (ws.title, r)
