"""別紙 lists of 提供先/移転先 read by the columns of a ruled table when the PDF gives each cell's
position (piagen's own 別紙 and any PDF printed from a ruled table): heads centred in their columns and
wrapped over several lines, cells left-aligned and wrapped, the heads repeated at the top of each page,
a row cut at a page break continued with its 番号 and 「（続き）」; the rows become the 提供先/移転先 of
the file whose 提供先1 refers to the 別紙. And the round trip of 高槻住基 (58 提供先 in 別紙１, 47 移転先
in 別紙２) through piagen's own PDF."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from piagen.importers import annex, annex_columns
from piagen.importers.lines import Line
from piagen.model import form
from tests.shared import ROOT

Cells = Sequence[tuple[float, str]]


def _lines(rows: Sequence[tuple[int, Cells]]) -> list[Line]:
    """Lines with cells at the given left edges (7 pt per character), as pdf.lines_of gives them."""
    out = []
    for n, (page, cells) in enumerate(rows, start=1):
        runs = tuple((x, x + 7 * len(t), t) for x, t in cells)
        text = " ".join(t for _, t in cells)
        out.append(Line(text, n, page, runs[0][0] if runs else 0, runs[-1][1] if runs else 0, runs))
    return out


HEADS: list[tuple[int, Cells]] = [
    (1, [(41, "番")]),
    (
        1,
        [
            (41, "号"),
            (80, "移転先"),
            (130, "①法令上の根拠"),
            (200, "②移転先における"),
            (280, "③移転す"),
            (340, "④移転す"),
            (390, "⑤移転する"),
            (450, "⑥移転方法"),
            (510, "⑦時期・頻度"),
        ],
    ),
    (1, [(222, "用途"), (280, "る情報"), (340, "る情報の"), (390, "情報の対象")]),
    (1, [(340, "対象とな"), (390, "となる本人")]),
    (1, [(340, "る本人の"), (390, "の範囲")]),
    (1, [(350, "数")]),
]


def _row(page: int, number: str, *cells: Cells) -> list[tuple[int, Cells]]:
    return [(page, [(40, number)]), *((page, c) for c in cells)]


TABLE: list[tuple[int, Cells]] = [
    (1, [(41, "別紙２　特定個人情報の移転（住民基本台帳ファイル）")]),
    *HEADS,
    *_row(
        1,
        "1",
        [
            (60, "子ども未来部子"),
            (124, "番号法別表第一7"),
            (197, "児童福祉法による"),
            (275, "住民票関係"),
            (335, "1万人未"),
            (377, "申請に係る小児"),
            (440, "庁内連携システ"),
            (503, "異動事由発生の"),
        ],
        [
            (61, "ども保健課"),
            (124, "の項"),
            (197, "小児慢性特定疾患"),
            (275, "情報"),
            (334, "満"),
            (376, "慢性特定疾病児"),
            (440, "ム"),
            (503, "都度（随時）"),
        ],
    ),
    (1, []),  # the page ends: the heads are printed again
    *((2, cells) for _, cells in HEADS),
    *_row(
        2,
        "2",
        [
            (60, "健康福祉部"),
            (124, "番号法別表第一8"),
            (197, "障害児通所給付"),
            (275, "住民票関係"),
            (335, "10万人以"),
            (377, "申請者"),
            (440, "庁内連携システ"),
            (503, "申請の都度"),
        ],
        [
            (124, "の項"),
            (197, "費の支給に関する"),
            (335, "上100万人"),
            (440, "ム、その他（住"),
        ],
        [(335, "未満"), (440, "基ネット）")],
    ),
    (2, []),
    *((3, cells) for _, cells in HEADS),
    *_row(3, "2", [(60, "健康福祉部（続"), (197, "事務に使用")], [(61, "き）")]),  # the mark wrapped
    (3, [(41, "別紙３　重大事故の報告")]),
    (3, [(60, "本文")]),
]


def test_rows_are_read_by_the_columns_of_the_heads() -> None:
    lines = _lines(TABLE)
    found = annex_columns.read(lines, 0, "transferees")
    assert found is not None
    rows, taken, end, first = found
    assert first == 1
    assert rows == [
        {
            "name": "子ども未来部子ども保健課",
            "legal_basis": "番号法別表第一7の項",
            "purpose": "児童福祉法による小児慢性特定疾患",
            "info": "住民票関係情報",
            "people": "1万人未満",
            "scope": "申請に係る小児慢性特定疾病児",
            "methods": {"庁内連携システム": True},
            "timing": "異動事由発生の都度（随時）",
        },
        {
            "name": "健康福祉部",  # the piece after the page break is marked （続き）: the same row
            "legal_basis": "番号法別表第一8の項",
            "purpose": "障害児通所給付費の支給に関する事務に使用",
            "info": "住民票関係",
            "people": "10万人以上100万人未満",
            "scope": "申請者",
            "methods": {"庁内連携システム": True, "その他": "住基ネット"},
            "timing": "申請の都度",
        },
    ]
    # the table ends at the next 別紙; its lines are not taken
    assert lines[end].text.startswith("別紙３") and max(taken) < end


def test_only_the_printed_columns_are_read_and_a_head_not_of_the_form_refuses_the_table() -> None:
    """A list whose ④～⑦ are stated once in 提供先1 prints four columns; a column head that is not a
    title of the form (another table) makes it no 別紙 list of this kind (the text reader is tried)."""
    narrow: list[tuple[int, Cells]] = [
        (1, [(41, "別紙１　特定個人情報の提供（住民基本台帳ファイル）")]),
        (1, [(46, "番号")]),
        (1, [(117, "提供先"), (224, "①法令上の根拠"), (344, "②提供先における用途"), (478, "③提供する情報")]),
        (1, [(40, "1")]),
        (
            1,
            [
                (77, "厚生労働大臣"),
                (190, "番号法別表第２　項番1"),
                (321, "健康保険法第五条"),
                (453, "住民票関係情報"),
            ],
        ),
        (1, [(321, "による事務"), (453, "であって主務省令で定めるもの")]),
    ]
    rows, _, _, _ = annex_columns.read(_lines(narrow), 0, "recipients") or ([], [], 0, 0)
    assert rows == [
        {
            "name": "厚生労働大臣",
            "legal_basis": "番号法別表第２　項番1",
            "purpose": "健康保険法第五条による事務",
            "info": "住民票関係情報であって主務省令で定めるもの",
        }
    ]
    # the next 別紙's title ends the table (it is not this table's caption repeated on a page)
    annexes, _ = annex.cut(_lines([*narrow, *TABLE]))
    assert [(a.number, a.key, len(a.rows)) for a in annexes] == [
        ("1", "recipients", 1),
        ("2", "transferees", 2),
    ]
    other: list[tuple[int, Cells]] = [
        narrow[0],
        (1, [(46, "番号"), (117, "提供先"), (224, "備考")]),
        (1, [(40, "1"), (77, "x")]),
    ]
    assert annex_columns.read(_lines(other), 0, "recipients") is None
    # extracted text (no positions) is left to the text reader
    assert (
        annex_columns.read(
            [Line("別紙１", 1), Line("特定個人情報の提供", 2), Line("1 x", 3)], 0, "recipients"
        )
        is None
    )


def test_ticked_options_keep_their_text_and_an_unknown_piece_keeps_the_cell() -> None:
    options = form.check_options(("files", 0, "provision", "recipients", 0, "methods"))
    assert annex_columns.ticked("情報提供ネットワークシステム、その他（住基ネット、電話）", options) == {
        "情報提供ネットワークシステム": True,
        "その他": "住基ネット、電話",
    }
    assert annex_columns.ticked("伝書鳩", options) == "伝書鳩"  # validate names it; never dropped


def test_the_official_layout_without_a_head_over_its_numbers() -> None:
    """The 様式's 別紙: 「別紙２」 and 「特定個人情報の移転」 on lines of their own (again on each page),
    no head over the 通し番号; a page that starts with the column heads alone is found too."""
    heads: list[tuple[int, Cells]] = [
        (
            1,
            [
                (80, "移転先"),
                (130, "①法令上の根拠"),
                (200, "②移転先における用途"),
                (340, "④移転する情報の対象"),
            ],
        ),
        (1, [(350, "となる本人の数")]),
    ]
    table: list[tuple[int, Cells]] = [
        (1, [(41, "別紙２")]),
        (1, [(200, "特定個人情報の移転")]),
        *heads,
        (
            1,
            [
                (45, "1"),
                (62, "総務部税制課"),
                (132, "番号法別表第一16の項"),
                (202, "賦課に使用"),
                (342, "10万人以上"),
            ],
        ),
        (1, [(342, "100万人未満")]),
        (2, [(41, "別紙２")]),
        (2, [(200, "特定個人情報の移転")]),
        *((2, cells) for _, cells in heads),
        (
            2,
            [
                (45, "2"),
                (62, "都市創造部住宅課"),
                (132, "番号法別表第一19の項"),
                (202, "管理に使用"),
                (342, "1万人未満"),
            ],
        ),
    ]
    lines = _lines(table)
    found = annex_columns.read(lines, 0, "transferees")
    assert found is not None
    rows, taken, end, _ = found
    assert [(r["name"], r["legal_basis"], r["people"]) for r in rows] == [
        ("総務部税制課", "番号法別表第一16の項", "10万人以上100万人未満"),
        ("都市創造部住宅課", "番号法別表第一19の項", "1万人未満"),
    ]
    assert end == len(lines) and sorted(taken) == list(range(len(lines)))
    annexes, left = annex.cut(lines[2:6])  # from the column heads alone
    assert [a.rows[0]["name"] for a in annexes] == ["総務部税制課"] and not left


def test_the_table_of_a_pdf_becomes_the_list_of_the_file_that_refers_to_it() -> None:
    """annex.cut finds the title 「別紙２　特定個人情報の移転（…）」 on one line and reads the table by
    its columns; annex.place puts the rows into the file whose 移転先1 says 「（別紙２参照）」."""
    form_lines = [Line("移転先1 番号法別表第１に定める事務実施所管課（別紙２参照）", 1)]
    lines = [*form_lines, *_lines(TABLE)]
    annexes, left = annex.cut(lines)
    assert [(a.number, a.key, len(a.rows)) for a in annexes] == [("2", "transferees", 2)]
    assert [ln.text for ln in left][-2:] == ["別紙３　重大事故の報告", "本文"]
    data: dict[str, Any] = {
        "files": [{"provision": {"transferees": [{"id": "t1", "name": form_lines[0].text[5:]}]}}]
    }
    assert annex.place(data, annexes) == []
    provision = data["files"][0]["provision"]
    assert [t["name"] for t in provision["transferees"]] == ["子ども未来部子ども保健課", "健康福祉部"]
    assert provision["annex_note"]["transferees"] == "番号法別表第１に定める事務実施所管課（別紙２参照）"


def test_the_referring_entry_gives_annex_note_and_annex_entry() -> None:
    """「移転先1 …（別紙２参照）」 with the ①～⑦ the form states for the whole list: the reference is the
    annex_note, the fields the annex_entry (as a model writes them), read twice (once spaced out by
    a figure's text) kept once."""
    lines = _lines(TABLE)
    annexes, _ = annex.cut(lines)
    note = "番号法別表第１に定める事務実施所管課（別紙２参照）"
    data: dict[str, Any] = {
        "files": [
            {
                "provision": {
                    "transferees": [
                        {
                            "id": "t1",
                            "name": " ".join(note),
                            "legal_basis": "番号法別表第１",
                            "timing": "随時",
                        },
                        {"id": "t2", "name": note, "people": "10万人以上100万人未満"},
                    ]
                }
            }
        ]
    }
    annex.place(data, annexes)
    provision = data["files"][0]["provision"]
    assert provision["annex_note"] == {"transferees": note}
    assert provision["annex_entry"] == {
        "transferees": {"legal_basis": "番号法別表第１", "timing": "随時", "people": "10万人以上100万人未満"}
    }
    assert len(provision["transferees"]) == 2


def test_a_list_beyond_the_forms_twenty_continues_the_form_entries() -> None:
    """Entries 21 … printed in 「別紙　特定個人情報の提供（ファイル名）」 (no number when it is the only
    別紙) follow the form's 提供先1～20 of the file the title names."""
    table: list[tuple[int, Cells]] = [
        (9, [(41, "別紙　特定個人情報の提供（予防接種ファイル）")]),
        (9, [(46, "番号"), (117, "提供先"), (224, "①法令上の根拠")]),
        (9, [(40, "21"), (77, "市町村長"), (190, "番号法第19条第8号")]),
        (9, [(40, "22"), (77, "都道府県知事"), (190, "番号法第19条第8号")]),
    ]
    annexes, left = annex.cut(_lines(table))
    assert [(a.number, a.key, a.first, len(a.rows)) for a in annexes] == [
        ("", "recipients", 21, 2)
    ] and not left
    form_entries = [{"id": f"r{n}", "name": f"提供先{n}"} for n in range(1, 21)]
    data: dict[str, Any] = {
        "files": [
            {"name": "（１）住民基本台帳ファイル", "provision": {}},
            {"name": "（２）予防接種ファイル", "provision": {"recipients": form_entries}},
        ]
    }
    assert annex.place(data, annexes) == []
    recipients = data["files"][1]["provision"]["recipients"]
    assert [r["id"] for r in recipients[19:]] == ["r20", "recipient21", "recipient22"]
    assert recipients[20]["name"] == "市町村長" and "annex_note" not in data["files"][1]["provision"]


def test_round_trip_of_the_lists_in_annexes(tmp_path: Path) -> None:
    """高槻住基 prints its 58 提供先 and 47 移転先 in 別紙１/別紙２: read back from the PDF without its
    attached model (benchmarks/import_roundtrip.py), every value of both lists comes back, and the
    document's leaves reach the floor."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from import_roundtrip import measure

    hits, total, missed, _, _ = measure(ROOT / "examples" / "takatsuki-juki.yaml", tmp_path)
    lists = [m for m in missed if ".provision.recipients." in m or ".provision.transferees." in m]
    assert not lists, "\n".join(lists)
    assert hits / total >= 0.97, "\n".join(missed)


def test_round_trip_of_a_list_beyond_twenty(tmp_path: Path) -> None:
    """Without the 別紙 note, 高槻住基's 58 提供先 print 1～20 in the form and 21～58 in
    「別紙１　特定個人情報の提供（…）」 numbered from 21 (移転先 likewise in 別紙２): read back, the
    form's entries and the 別紙's make the whole list again."""
    import yaml

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from import_roundtrip import measure

    from piagen.model import source

    data = source.load(ROOT / "examples" / "takatsuki-juki.yaml").data
    provision = data["files"][0]["provision"]
    del provision["annex_note"], provision["annex_entry"]
    model = tmp_path / "over.yaml"
    model.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, _, missed, _, _ = measure(model, tmp_path)
    lists = [m for m in missed if ".provision.recipients." in m or ".provision.transferees." in m]
    assert not lists, "\n".join(lists)


def test_a_number_centred_beside_its_row_is_read_first_when_rules_bound_the_rows() -> None:
    """Cells centred vertically (a workbook's setting): a row's 番号 prints beside the middle of its
    long cells, below their first line. The rules the PDF draws between rows (the lines' bands) keep
    the row whole: its 番号 is read first, every cell stays in its column and order."""
    from dataclasses import replace

    row = TABLE[1 + len(HEADS) : 1 + len(HEADS) + 3]  # 番号 1, then its two lines of cells
    (_, number), (_, first), (_, second) = row
    end = (1, [(41, "別紙３　重大事故の報告")])
    top = [TABLE[0], *HEADS, *row, end]
    centred = [TABLE[0], *HEADS, (1, first), (1, [*number, *second]), end]
    bands = [1] + [2] * len(HEADS) + [3, 3, 4]

    def read(rows: Sequence[tuple[int, Cells]], banded: bool) -> Any:
        lines = _lines(rows)
        if banded:
            lines = [replace(ln, band=b) for ln, b in zip(lines, bands[: len(lines)] + [4], strict=False)]
        return annex_columns.read(lines, 0, "transferees")

    plain = read(top, banded=False)
    assert plain is not None and plain[0][0]["name"] == "子ども未来部子ども保健課"
    got = read(centred, banded=True)
    assert got is not None
    assert got[0] == plain[0]
    assert sorted(got[1]) == list(range(len(centred) - 1))  # every line of the table, once
    unruled = read(centred, banded=False)
    assert unruled is None or unruled[0] != plain[0]
