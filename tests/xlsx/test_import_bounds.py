"""Excel import within bounds: a zip bomb, millions of rows, thousands of columns, a huge model, a
malformed sheet, a deleted sheet and an edited hidden path each give a Japanese message (exit 1),
fast (< 2 s) and small (< 300 MB), never a crash, and never data silently dropped."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from piagen.model import source
from piagen.render import forms as render
from piagen.xlsx import bounds
from piagen.xlsx import read as workbook
from piagen.xlsx import write as xlsx
from tests.shared import EXAMPLES

KITAKYUSHU = EXAMPLES / "kitakyushu-shingata-influenza.yaml"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def book() -> bytes:
    data = source.load(KITAKYUSHU).data
    doc = render.document(data, "focused")
    return xlsx.render_xlsx(doc, date=render.document_date(data), keys=xlsx.hidden_keys(data))


def bounded_problems(content: bytes) -> list[str]:
    """The import's errors, the import itself timed (< 2 s) and its memory traced (< 300 MB)."""
    started = time.perf_counter()
    result = workbook.read(content)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    workbook.read(content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < 2.0 and peak < 300 * 1024 * 1024, (seconds, peak)
    return [p.format() for p in result.problems if p.severity == "error"]


def rezipped(content: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The workbook with each part passed through `change(name, data)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info.filename)))
    return out.getvalue()


def problems(content: bytes) -> list[str]:
    return [p.format() for p in workbook.read(content).problems if p.severity == "error"]


def sheet_part(content: bytes, title: str) -> str:
    """The zip part name of the sheet titled `title`."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = re.findall(r'<sheet [^>]*name="([^"]+)"', z.read("xl/workbook.xml").decode())
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def test_zip_bomb_is_refused_before_reading(book: bytes) -> None:
    bomb = rezipped(book, lambda n, d: d + b" " * (bounds.MAX_PART + 1) if n.endswith("sheet2.xml") else d)
    assert len(bomb) < 2 * 1024 * 1024  # a small file …
    (message,) = bounded_problems(bomb)
    assert "展開すると大きすぎます" in message and "sheet2.xml" in message  # … refused by its parts' sizes


def test_many_rows(book: bytes) -> None:
    part = sheet_part(book, "表紙")
    rows = "".join(f'<row r="{i}"/>' for i in range(10, 10 + bounds.MAX_ROWS + 10))

    def grow(name: str, data: bytes) -> bytes:
        return data.replace(b"</sheetData>", rows.encode() + b"</sheetData>") if name == part else data

    (message,) = bounded_problems(rezipped(book, grow))
    assert "表紙" in message and "行が多すぎます" in message


def test_a_row_ten_million_down_is_not_padded(book: bytes) -> None:
    part = sheet_part(book, "表紙")

    def far(name: str, data: bytes) -> bytes:
        row = b'<row r="10000000"><c r="A10000000" t="inlineStr"><is><t>x</t></is></c></row>'
        return data.replace(b"</sheetData>", row + b"</sheetData>") if name == part else data

    (message,) = bounded_problems(rezipped(book, far))
    assert "行が多すぎます" in message


def test_far_columns_are_not_padded(book: bytes) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(book))
    wb["表紙"].cell(row=3, column=16000, value="x")
    out = io.BytesIO()
    wb.save(out)
    assert workbook.read(out.getvalue()).ok  # read within MAX_COLUMNS; nothing padded to 16,000


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d[: len(d) // 2],
        lambda d: d.replace(b"<sheetData>", b"<sheetData><row>"),
        lambda d: d.replace(b'r="A1"', b'r="??"'),
        lambda d: d.replace(b"<c ", b'<c t="n" ', 1).replace(b"<v>", b"<v>x", 1),
        lambda d: b"not xml at all",
        lambda d: b"",
        lambda d: d.replace(b"<row ", b'<row r="-5" ', 1),
        lambda d: d.replace(b"</worksheet>", b""),
        lambda d: d.replace(b'r="A1"', b'r="A99999999999999999999"'),
        lambda d: b"\xff\xfe" + d,
    ],
    ids=[
        "cut",
        "unclosed-row",
        "bad-ref",
        "bad-number",
        "junk",
        "empty",
        "negative-row",
        "unclosed",
        "huge-ref",
        "bom",
    ],
)
def test_malformed_sheet_xml(book: bytes, breakage: Callable[[bytes], bytes]) -> None:
    part = sheet_part(book, "Ⅰ基本情報")
    result = workbook.read(rezipped(book, lambda n, d: breakage(d) if n == part else d))
    assert not result.ok or result.data  # a message, or (for harmless damage) the data read; no crash
    for p in result.problems:
        assert re.search(r"[ぁ-んァ-ン一-龥]", p.format())


def test_a_deleted_sheet_is_reported(book: bytes) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(book))
    del wb["Ⅴ評価実施手続"]
    out = io.BytesIO()
    wb.save(out)
    errors = problems(out.getvalue())
    assert any("「Ⅴ　評価実施手続」のシートがありません" in e for e in errors), errors


@pytest.mark.parametrize(
    "path", ["$.withheld[0].path", "$.revision.date", "$.consultation.date", "$.form.type"]
)
def test_an_edited_hidden_path_is_reported(book: bytes, path: str) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(book))
    ws = wb["Ⅰ基本情報"]
    row = next(c.row for (c,) in ws.iter_rows(min_col=4, max_col=4) if str(c.value or "").startswith("$."))
    ws.cell(row=row, column=4, value=path)
    out = io.BytesIO()
    wb.save(out)
    errors = problems(out.getvalue())
    assert any(path in e and "様式にありません" in e for e in errors), errors


def test_import_cli_of_a_zip_bomb(run_cli: Run, book: bytes, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(
        rezipped(book, lambda n, d: d + b" " * (bounds.MAX_PART + 1) if n.endswith("sheet2.xml") else d)
    )
    code, _, err = run_cli("import", str(bomb), "-o", str(tmp_path / "m.yaml"))
    assert code == 1 and "bomb.xlsx" in err and "大きすぎます" in err
    assert not (tmp_path / "m.yaml").exists()


def test_the_imported_model_size_is_capped(book: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook within every other cap can still make a model over piagen's own 5 MB limit
    (1 M 変更箇所 rows): refused at import, not written for validate to refuse later."""
    monkeypatch.setattr(source, "MAX_BYTES", 2000)
    (message,) = problems(book)
    assert "取り込んだモデルが大きすぎます" in message and "上限 2,000 バイト" in message


def test_a_deleted_file_sheet_is_reported(book: bytes) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(book))
    del wb[next(name for name in wb.sheetnames if name.startswith("Ⅲ"))]
    out = io.BytesIO()
    wb.save(out)
    errors = problems(out.getvalue())
    assert any("「ファイル（1）のⅢ　リスク対策」のシートがありません" in e for e in errors), errors


def test_openpyxl_warnings_become_one_japanese_warning(book: bytes) -> None:
    """A defined name for a sheet that is not there makes openpyxl warn; the user sees a Japanese
    warning, not openpyxl's English one (pytest turns any warning that escapes into an error)."""

    def misplaced(name: str, data: bytes) -> bytes:
        return data.replace(b'localSheetId="0"', b'localSheetId="99"') if name == "xl/workbook.xml" else data

    result = workbook.read(rezipped(book, misplaced))
    warnings = [p.format() for p in result.problems if p.severity == "warning"]
    assert any("読み飛ばしました" in w for w in warnings), warnings
