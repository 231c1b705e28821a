"""The shapes of a PDF printed from a workbook, each on a small synthetic snippet: a word drawn by two
text objects (a fallback font's glyph), text clipped out of sight (a hidden column), a tick alone in
the cell beside its option, a ※ in a cell of its own, a 「（続き）」 label cell, label cells on rows
as tight as a printed sheet's, the 様式 stamp and the title on one row, a ＜選択肢＞ value printed
without brackets."""

from __future__ import annotations

from dataclasses import replace

from piagen.importers import documents, margins, pdf, sheet, values
from piagen.importers.glyphs import Run
from piagen.importers.labels import items
from piagen.importers.lines import Line
from tests.importers.test_import_bad_inputs import minimal_pdf

# Helvetica 12 pt: 「Inform」 is 34.0 pt wide, so 「ation」 drawn at 106.0 touches it.
SPLIT_WORD = (
    b"BT /F1 12 Tf 72 720 Td (Inform) Tj ET BT /F1 12 Tf 106.0 720 Td (ation) Tj ET"
    b" BT /F1 12 Tf 200 720 Td (Value) Tj ET"
    b" q 400 700 0.1 30 re W n BT /F1 12 Tf 402 710 Td (hidden) Tj ET Q"
)


def test_a_word_drawn_by_two_text_objects_is_one_run_and_clipped_text_is_left_out() -> None:
    lines = [ln for ln in pdf.lines_of(minimal_pdf(SPLIT_WORD)) if ln.text]
    assert [ln.text for ln in lines] == ["Information", "Value"]  # a label cell, then its value


def _run(text: str, left: float, top: float = 700.0) -> Run:
    return Run(left, top - 8.0, left + 8.0 * len(text), top, text)


def _tidied(*row: Run) -> list[str]:
    rows = sheet.tidied([list(row)], lambda run, text: replace(run, text=text))
    return [r.text for r in rows[0]] if rows else []


def test_a_tick_alone_beside_an_option_reads_as_a_ticked_box() -> None:
    assert _tidied(_run("庁内連携システム", 48), _run("○", 182)) == ["[ ○ ] 庁内連携システム"]
    assert _tidied(_run("その他", 48), _run("○ 中間サーバー", 182)) == ["[ ○ ] その他 （ 中間サーバー ）"]
    assert _tidied(_run("提供を行っている", 48), _run("○ 2", 182)) == ["[ ○ ] 提供を行っている （ 2 ）"]
    # A sentence about the marks is a note, not a ticked option; an option left blank stays as it is.
    note = [_run("③他のシステムとの接続", 39), _run("○ を付けた項目が該当。（", 431)]
    assert _tidied(*note) == [r.text for r in note]
    assert _tidied(_run("税務システム", 48)) == ["税務システム"]
    split_note = [_run("主な記録項目", 39), _run("○", 443), _run("を付けた項目が該当。（", 452)]
    assert _tidied(*split_note) == [r.text for r in split_note]


def test_the_text_of_a_ticked_option_wrapped_in_its_own_cell_is_read_whole() -> None:
    rows = [
        [_run("その他", 48, 700.0), _run("○", 182, 700.0), _run("ワクチン接種記録システム（", 431, 700.0)],
        [_run("VRS）※新型コロナのみ", 431, 691.0)],
        [_run("システム2", 31, 677.0)],
    ]
    got = [[r.text for r in row] for row in sheet.tidied(rows, lambda run, text: replace(run, text=text))]
    assert got == [["[ ○ ] その他 （ ワクチン接種記録システム（VRS）※新型コロナのみ ）"], ["システム2"]]


def test_a_ticked_options_label_wrapped_in_its_cell_is_read_whole_before_its_text() -> None:
    rows = [
        [
            _run("\u3000\u3000地方公共団体・地方独立行政法", 30, 700.0),
            _run("○", 182, 700.0),
            _run("他市区町村", 431, 700.0),
        ],
        [_run("人", 30, 691.0)],
        [_run("\u3000\u3000民間事業者", 30, 677.0)],
    ]
    got = [[r.text for r in row] for row in sheet.tidied(rows, lambda run, text: replace(run, text=text))]
    assert got == [["[ ○ ] 地方公共団体・地方独立行政法人 （ 他市区町村 ）"], ["\u3000\u3000民間事業者"]]
    item = next(i for i in items("full") if i.path == ("files", "*", "acquisition_use", "sources"))
    assert values.checks_of(item, got[0][0]) == {"地方公共団体・地方独立行政法人": "他市区町村"}


def test_an_options_text_whose_own_brackets_do_not_balance_runs_to_its_last_closing_bracket() -> None:
    item = next(i for i in items("full") if i.path == ("files", "*", "acquisition_use", "methods"))
    text = "[ ○ ] 紙\n[ ○ ] その他 （ ＬＧ－ＷＡＮ回線（VRS)（新型コロナ、証明書交付センター ）"
    assert values.checks_of(item, text) == {
        "紙": True,
        "その他": "ＬＧ－ＷＡＮ回線（VRS)（新型コロナ、証明書交付センター",
    }


def test_a_mark_in_its_own_cell_goes_with_its_label_and_a_continued_row_loses_its_label() -> None:
    got = _tidied(_run("③対象となる本人の範囲", 39), _run("※", 148), _run("市の住民", 182))
    assert got == ["③対象となる本人の範囲　※", "市の住民"]
    assert _tidied(_run("（続き）", 45), _run("10　システム管理機能", 182)) == ["10　システム管理機能"]
    assert _tidied(_run("（続き）", 45)) == []


def test_a_closing_bracket_wrapped_alone_goes_back_to_its_text() -> None:
    rows = [
        [_run("（新型コロナウイルス感染症予防接種証明書電子交付機能", 197, 700.0)],
        [_run("）", 182, 691.0)],
        [_run("　　交付申請には", 182, 682.0)],
    ]
    got = [[r.text for r in row] for row in sheet.tidied(rows, lambda run, text: replace(run, text=text))]
    assert got == [["（新型コロナウイルス感染症予防接種証明書電子交付機能）"], ["　　交付申請には"]]


def test_label_cells_of_tight_rows_are_read_each_before_its_own_value() -> None:
    """A sheet printed with its rows 1.6 glyphs apart and a cell's wrapped lines 1.1 apart: each
    label precedes its own value, a label wrapped in its cell is still read whole first."""
    rows = [
        [_run("①事務の名称", 39, 700.0), _run("予防接種に関する事務", 182, 700.0)],
        [_run("②事務の内容", 39, 687.0), _run("予防接種法による予防接種の実施、給付の", 182, 687.0)],
        [_run("支給又は実費の徴収に関する事務", 182, 678.0)],
        [_run("であって主務省令で定めるもの。", 182, 669.0)],
        [_run("個人のプライバシー等の権利利益の", 39, 656.0), _run("宣言の文", 182, 656.0)],
        [_run("保護の宣言", 39, 647.0), _run("の続き", 182, 647.0)],
    ]
    got = [ln.text for ln in pdf._ordered(rows, 178.0, 1, 0)]
    assert got == [
        "①事務の名称",
        "予防接種に関する事務",
        "②事務の内容",
        "予防接種法による予防接種の実施、給付の",
        "支給又は実費の徴収に関する事務",
        "であって主務省令で定めるもの。",
        "個人のプライバシー等の権利利益の",
        "保護の宣言",
        "宣言の文",
        "の続き",
    ]


def test_an_indented_label_wrapped_to_its_cells_left_edge_is_read_whole_first() -> None:
    """「　対象者以外の情報の入手を防止／するための措置の内容」: the first line indented by spaces,
    the wrap at the cell's left edge; the value's wrapped lines follow the whole label."""
    rows = [
        [_run("リスク１：　目的外の入手が行われるリスク", 41, 700.0)],
        [_run("対象者以外の情報の入手を防止", 48, 686.0), _run("・情報の入手にあたっては、個人", 182, 686.0)],
        [_run("するための措置の内容", 31, 677.0), _run("番号を含め必要な情報以外を", 182, 677.0)],
        [_run("入手することはない。", 182, 668.0)],
        [_run("・他団体からの入手の際は、", 182, 659.0)],
        [_run("対象者と合致するか確認する。", 182, 650.0)],
        [_run("必要な情報以外を入手すること", 48, 636.0), _run("届出は定められた様式で", 182, 636.0)],
        [_run("を防止するための措置の内容", 31, 627.0), _run("提出されることから、必要", 182, 627.0)],
        [_run("以外は記載できない。", 182, 618.0)],
    ]
    got = [ln.text for ln in pdf._ordered(rows, 178.0, 1, 0)]
    assert got == [
        "リスク１：　目的外の入手が行われるリスク",
        "対象者以外の情報の入手を防止",
        "するための措置の内容",
        "・情報の入手にあたっては、個人",
        "番号を含め必要な情報以外を",
        "入手することはない。",
        "・他団体からの入手の際は、",
        "対象者と合致するか確認する。",
        "必要な情報以外を入手すること",
        "を防止するための措置の内容",
        "届出は定められた様式で",
        "提出されることから、必要",
        "以外は記載できない。",
    ]


def test_the_stamp_and_the_title_on_one_row_open_an_assessment() -> None:
    lines = [
        Line("[平成30年５月　様式３]　特定個人情報保護評価書（重点項目評価書）", 1),
        Line("評価書名", 2),
        Line("予防接種に関する事務　重点項目評価書", 3),
    ]
    parts, before = documents.split(lines)
    assert [(p.kind, p.version) for p in parts] == [("focused", "H30.5")] and not before
    from piagen.importers import cover

    found, _ = cover.read(lines)
    assert found["title"] == "予防接種に関する事務　重点項目評価書"


def test_a_choice_printed_without_brackets_beside_its_option_list() -> None:
    item = next(i for i in items("full") if i.path == ("threshold", "people", "band"))
    text = "10万人以上30万人未満 ＜選択肢＞\n1) 1,000人未満\n4) 10万人以上30万人未満"
    assert values.choice_of(item, text) == "10万人以上30万人未満"
    assert values.choice_of(item, "1,000人未満と10万人以上30万人未満 ＜選択肢＞") is None
    status = next(i for i in items("full") if i.path == ("files", "*", "entrustment", "status"))
    assert (
        values.choice_of(status, "委託する ＜選択肢＞\n1） 委託する\n2） 委託しない\n（ 1 ）件") == "委託する"
    )
    assert values.choice_of(status, "委託する ＜選択肢＞（ 1 ）件") == "委託する"  # a wrapped line joined


def test_a_sheets_header_and_footer_are_left_out_wherever_its_margin_ends() -> None:
    """A landscape sheet's header sits 36 pt from the top of a 595 pt page (outside 6 %): set apart
    by a blank band and repeated on the sheet's pages it is a header; a lone 「。」 wrapped to the end
    of a page and a value that repeats in the body are kept."""

    def page(body: list[str], bottom: str) -> tuple[float, list[Run]]:
        runs = [_run("（別添３）変更箇所", 30, 559.0), _run("特定個人情報保護評価書", 400, 559.0)]
        runs += [_run(text, 30, 522.0 - 9.0 * n) for n, text in enumerate(body)]
        return 595.0, [*runs, _run(bottom, 30, 100.0), _run("32 / 49", 535, 46.0)]

    pages = [page(["変更日", "令和6年3月26日", "事後"], "。"), page(["事後", "令和7年1月20日"], "残す")]
    got = [[r.text for r in runs] for runs in margins.body(pages)]
    assert got == [["変更日", "令和6年3月26日", "事後", "。"], ["事後", "令和7年1月20日", "残す"]]


def test_a_label_centred_beside_its_taller_value_is_read_before_it() -> None:
    """Cells centred vertically: the label prints level with the middle of its value."""
    rows = [
        [_run("①事務の名称", 30, 739.0), _run("予防接種に関する事務", 182, 739.0)],
        [_run("＜予防接種台帳システム＞", 182, 701.0)],
        [_run("・予防接種法による予防接種の実施", 182, 692.0)],
        [_run("②事務の内容", 30, 683.0), _run("に関する事務であって主務省令で定める", 182, 683.0)],
        [_run("もの。", 182, 674.0)],
        [_run("＜中間サーバ＞", 182, 665.0)],
        [_run("③対象人数", 30, 630.0), _run("10万人以上30万人未満", 182, 630.0)],
    ]
    got = [ln.text for ln in pdf._ordered(sheet.centred_labels(rows, 178.0, pdf._pitch(rows)), 178.0, 1, 0)]
    assert got == [
        "①事務の名称",
        "予防接種に関する事務",
        "②事務の内容",
        "＜予防接種台帳システム＞",
        "・予防接種法による予防接種の実施",
        "に関する事務であって主務省令で定める",
        "もの。",
        "＜中間サーバ＞",
        "③対象人数",
        "10万人以上30万人未満",
    ]
