"""The figure of （別添１） 事務の内容 read from a PDF: the text drawn in it (「提 供 先」 and the names of
the parties, glyph by glyph) lies between the page's 表題 and its （備考）; it is the page's
figure_text and never opens an item of the form (a 「提供先」 in the figure made a 提供先 of Ⅱ and
shifted the list). The 項目一覧's line 「（別添１） 事務の内容」 and extracted text (no pages) are left
as they are."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from piagen.importers import figure, published
from piagen.importers.lines import Line
from piagen.model import source
from tests.shared import ROOT

DOC = [
    (1, "[令和６年10月　様式４]"),
    (1, "特定個人情報保護評価書（全項目評価書）"),
    (1, "評価書名"),
    (1, "住民基本台帳に関する事務　全項目評価書"),
    (2, "項目一覧"),
    (2, "（別添１） 事務の内容"),
    (2, "Ⅱ　特定個人情報ファイルの概要"),
    (3, "Ⅰ　基本情報"),
    (3, "１．特定個人情報ファイルを取り扱う事務"),
    (3, "①事務の名称"),
    (3, "住民基本台帳に関する事務"),
    (4, "（別添１） 事務の内容"),
    (4, "住民基本台帳ファイルを取り扱う事務の内容"),
    (4, "既 存 住 基 シ ス テ ム"),
    (4, "提 供 先"),
    (4, "厚 生 労 働 大 臣 ほ か （ 提 供 先 5 8 件 ）"),
    (5, "（備考）"),
    (5, "１．住民基本台帳の記載に関する事務"),
    (5, "Ⅱ　特定個人情報ファイルの概要"),
    (5, "１．特定個人情報ファイル名"),
    (5, "住民基本台帳ファイル"),
    (5, "５．特定個人情報の提供・移転（委託に伴うものを除く。）"),
    (5, "提供先1 大阪府知事"),
    (5, "①法令上の根拠"),
    (5, "住基法第30条の６"),
]


def _lines(rows: list[tuple[int, str]]) -> list[Line]:
    return [Line(text, n, page, 40, 400, ((40, 400, text),)) for n, (page, text) in enumerate(rows, start=1)]


def test_the_figure_is_cut_out_and_becomes_figure_text() -> None:
    lines = _lines(DOC)
    figures, rest = figure.cut(lines)
    assert [[ln.text for ln in f] for f in figures] == [[DOC[n][1] for n in (13, 14, 15)]]
    assert len(rest) == len(lines) - 3 and "（別添１） 事務の内容" in [ln.text for ln in rest]
    data: dict[str, Any] = {"annex_flow": [{"id": "page1", "notes": "…"}]}
    figure.place(data, figures)
    assert data["annex_flow"][0]["figure_text"] == "既存住基システム\n提供先\n厚生労働大臣ほか（提供先58件）"


def test_a_word_of_the_figure_opens_no_item_of_the_form() -> None:
    model = published.read_lines(_lines(DOC)).models[0].data
    recipients = model["files"][0]["provision"]["recipients"]
    assert [r["name"] for r in recipients] == ["大阪府知事"]
    assert recipients[0]["legal_basis"] == "住基法第30条の６"
    assert "提供先" in model["annex_flow"][0]["figure_text"]


def test_the_contents_line_and_extracted_text_are_left_alone() -> None:
    contents = _lines(DOC[:8])
    assert figure.cut(contents) == ([], contents)
    text = [Line(t, n) for n, (_, t) in enumerate(DOC, start=1)]  # no pages
    assert figure.cut(text) == ([], text)


def test_round_trip_of_a_figure_printed_as_text(tmp_path: Path) -> None:
    """Where no figure is drawn, piagen prints the page's figure_text under 「図の内容（文字による説明）」:
    read back from the PDF (川崎's （別添１） without its figure), it is the same text."""
    import yaml

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from import_roundtrip import measure

    data = source.load(ROOT / "examples" / "kawasaki-kenko-zoshin.yaml").data
    for page in data["annex_flow"]:
        page.pop("figure", None)
    model = tmp_path / "nofig.yaml"
    model.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, _, missed, _, _ = measure(model, tmp_path)
    assert not [m for m in missed if m.startswith("annex_flow")], missed
