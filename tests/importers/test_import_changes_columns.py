"""The 変更箇所 table read from a PDF by its columns: the 変更日 column starts few cells (one date a
row, while the other columns wrap over many lines) and must still be found as a column, or every cell
of the table shifts one column left (seen when the table was set closer: takatsuki-juki, 523 leaves)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from piagen.importers import pdf, table
from piagen.importers.lines import Line
from piagen.model import source
from tests.shared import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_seeds  # noqa: E402


def test_changes_of_a_long_table_come_back_in_their_columns(tmp_path: Path) -> None:
    from import_roundtrip import rendered, stripped

    model = ROOT / "examples" / "takatsuki-juki.yaml"
    imported = pdf.read(stripped(rendered(model, "full", tmp_path)))
    data = source.load(model).data
    per, missed = import_seeds.score({"changes": data["changes"]}, imported.models[0].data)
    hits, total = per["changes"]
    assert total > 500
    assert hits / total >= 0.85, "\n".join(missed[:40])  # 89.7 % today: see docs/importing.md


# Columns of a printed 変更箇所 table (points): 変更日, 項目, 変更前, 変更後, 提出時期, 説明.
_X = (30.0, 136.0, 243.0, 410.0, 577.0, 637.0)


def _line(n: int, page: int, band: int, *cells: tuple[int, str]) -> Line:
    runs = tuple((_X[col], _X[col] + 100.0, text) for col, text in cells)
    return Line(" ".join(t for _, t in cells), n, page, runs[0][0], runs[-1][1], runs, band)


def _centred_rows() -> list[Line]:
    """Two rows of a table whose cells are centred vertically: each row's 変更日, 項目 and 提出時期
    print level with the middle of its long 変更後の記載, below that text's first lines; the second
    row runs over the page's foot, its last lines in a band of their own on the next page."""
    rows: list[tuple[Any, ...]] = [
        (1, 4, (3, "・番号法第19条第16号（新型コロナウ")),
        (1, 4, (3, "イルス感染症対策に係る予防接種事務")),
        (
            1,
            4,
            (0, "令和4年7月8日"),
            (1, "Ⅰ基本情報５．個人番号"),
            (2, "記載なし"),
            (3, "を追記"),
            (4, "事後"),
        ),
        (1, 4, (1, "の利用法令上の根拠"), (3, "・番号法第19条第6号")),
        (1, 5, (2, "健康福祉部")),
        (1, 5, (0, "令和4年8月1日"), (1, "Ⅰ基本情報７．評価実施"), (3, "保健所"), (4, "事後")),
        (1, 5, (1, "機関における担当部署"), (3, "健康づくり推進課")),
        (2, 3, (3, "（保健予防担当）")),
    ]
    return [_line(n, page, band, *cells) for n, (page, band, *cells) in enumerate(rows, start=1)]


def test_a_ruled_table_with_cells_centred_vertically_is_read_by_its_bands() -> None:
    got, _ = table.rows(_centred_rows())
    assert [(r.get("date"), r.get("item"), r.get("timing")) for r in got] == [
        ("令和4年7月8日", "Ⅰ基本情報５．個人番号の利用法令上の根拠", "事後"),
        ("令和4年8月1日", "Ⅰ基本情報７．評価実施機関における担当部署", "事後"),
    ]
    assert got[0]["after"].startswith("・番号法第19条第16号（新型コロナウイルス感染症対策")
    assert got[0]["after"].endswith("・番号法第19条第6号")
    assert got[1]["before"] == "健康福祉部"
    assert got[1]["after"].endswith("（保健予防担当）")  # the piece printed on the next page


def test_without_rules_the_rows_begin_at_their_dates_as_before() -> None:
    """Without rules (band 0, text from an extraction) a row begins at its date: the first lines of
    a centred row go to the row above. The bands are what tells them apart."""
    lines = [replace(ln, band=0) for ln in _centred_rows()]
    dated = [r for r in table.rows(lines)[0] if r.get("date")]
    assert [r["date"] for r in dated] == ["令和4年7月8日", "令和4年8月1日"]
    assert not dated[0]["after"].startswith("・番号法第19条第16号")


def test_rules_that_leave_two_rows_in_one_band_are_not_trusted() -> None:
    """Rules drawn only round the table (or every other row): a band holding two dates is no row."""
    lines = [replace(ln, band=4) for ln in _centred_rows()]
    got, _ = table.rows(lines)
    assert len(got) == 3 and [r.get("date") for r in got[1:]] == ["令和4年7月8日", "令和4年8月1日"]
