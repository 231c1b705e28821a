"""The printed layout decisions of issue 11 on the real examples: 提供先1 of a 別紙 list, numbered
別紙 without empty columns, row pieces with 「（続き）」, flags on their heading line, file numbers
printed once, the cover, the 意見募集 draft and the linked 項目一覧."""

from __future__ import annotations

from typing import Any, Literal

from piagen.document import pages
from piagen.document.layout import CONTINUED, PIECE_LINES, Row, Table
from piagen.model import source
from piagen.render import forms as render
from piagen.render import html
from tests.shared import example_models


def example(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = source.load(next(m for m in example_models() if m.stem == stem)).data
    return data


def rows_of(doc: pages.Document) -> list[Row]:
    return [r for b in doc.blocks for r in b.rows]


def test_recipient_list_in_an_annex_prints_the_forms_first_entry() -> None:
    doc = pages.build(example("takatsuki-juki"), "full")
    rows = rows_of(doc)
    head = next(i for i, r in enumerate(rows) if r.label.startswith("提供先1 番号法別表第２"))
    shown = {r.label: r.cell.text if r.cell else "" for r in rows[head + 1 : head + 8]}
    assert shown["①法令上の根拠"] == "番号法別表第２の各項"
    assert shown["⑦時期・頻度"] == "照会を受けた都度（随時）"
    assert shown["④提供する情報の対象となる本人の数"] == "10万人以上100万人未満"
    methods = rows[head + 6].cell
    assert methods is not None and [c.text for c in methods.checks if c.checked] == [
        "情報提供ネットワークシステム"
    ]


def test_annexes_are_numbered_as_the_form_cites_them_and_print_no_empty_column() -> None:
    doc = pages.build(example("takatsuki-juki"), "full")
    annexes = [b for b in doc.blocks if b.title.startswith("別紙")]
    assert [b.title[:3] for b in annexes] == ["別紙１", "別紙２"]
    assert annexes[0].title == "別紙１　特定個人情報の提供（住民基本台帳ファイル）"
    recipients = annexes[0].table
    assert recipients is not None
    assert [recipients.columns[i] for i in recipients.shown()] == [
        "番号",
        "提供先",
        "①法令上の根拠",
        "②提供先における用途",
        "③提供する情報",
    ]
    assert abs(sum(recipients.shown_widths()) - 100) < 0.1
    assert len(recipients.columns) == 9  # the Excel keeps every column


def test_a_single_attachment_is_not_numbered() -> None:
    doc = pages.build(example("kawasaki-kenko-zoshin"), "full")
    assert [b.title for b in doc.blocks if b.title.startswith("別紙")] == [
        "別紙　個人情報に関する重大事故について"
    ]


def test_a_row_taller_than_a_page_is_cut_into_continued_pieces() -> None:
    long = "\n".join(f"{i}行目の記載。" for i in range(150))
    table = Table(
        pages.CHANGE_COLUMNS,
        pages.CHANGE_WIDTHS,
        (("令和7年1月20日", "Ⅰ ２．", long, "短い", "事前", "説明"),),
    )
    pieces = table.printed_rows()
    assert len(pieces) == 4
    assert pieces[0][:2] == ("令和7年1月20日", "Ⅰ ２．") and pieces[0][3:] == ("短い", "事前", "説明")
    for piece in pieces[1:]:
        assert piece[:2] == ("令和7年1月20日", f"Ⅰ ２．{CONTINUED}")
        assert piece[3:] == ("", "", "")
    assert "\n".join(p[2] for p in pieces) == long  # nothing lost, nothing repeated
    assert all(p[2].count("\n") < PIECE_LINES for p in pieces)


def test_a_short_row_is_one_piece() -> None:
    table = Table(
        pages.CHANGE_COLUMNS, pages.CHANGE_WIDTHS, (("令和7年1月20日", "Ⅰ", "前", "後", "事前", ""),)
    )
    assert table.printed_rows() == table.rows


def test_not_entrusted_flags_stand_on_their_heading_line() -> None:
    rows = rows_of(pages.build(example("kawasaki-kenko-zoshin"), "full"))
    heading = next(r for r in rows if r.kind == "heading" and r.path.endswith("risks.entrustment"))
    assert heading.cell is not None and [c.text for c in heading.cell.checks] == ["委託しない"]
    flag = rows[rows.index(heading) + 1]
    assert flag.inline and flag.label == "委託しない"  # kept for the Excel, not printed again
    network = next(r for r in rows if r.kind == "heading" and r.path.endswith("risks.network"))
    assert network.cell is not None and [c.text for c in network.cell.checks] == [
        "接続しない（入手）",
        "接続しない（提供）",
    ]


def test_usage_method_is_printed_once() -> None:
    for stem, kind, label in (
        ("kawasaki-kenko-zoshin", "full", "⑧使用方法"),
        ("kitakyushu-shingata-influenza", "focused", "⑤使用方法"),
    ):
        labels = [r.label for r in rows_of(pages.build(example(stem), kind))]  # type: ignore[arg-type]
        assert sum(lbl.startswith(label) for lbl in labels) == 1, stem


def test_file_numbers_are_printed_once() -> None:
    data = example("takatsuki-juki")
    kinds: tuple[Literal["full", "basic"], ...] = ("full", "basic")
    for kind in kinds:
        doc = pages.build(data, kind)
        texts = [r.cell.text for r in rows_of(doc) if r.cell is not None] + [r.label for r in rows_of(doc)]
        assert any("（１）住民基本台帳ファイル" in t for t in texts), kind
        assert not any("（1）（１）" in t or "（１）（１）" in t for t in texts), kind


def test_cover_prints_number_and_name_side_by_side_and_the_declaration_wide() -> None:
    doc = pages.build(example("kawasaki-kenko-zoshin"), "full")
    assert [r.label for r in doc.cover[:2]] == ["評価書番号", "評価書名"]
    assert [r.kind for r in doc.cover[2:4]] == ["wide", "wide"]
    page = html.render_html(doc)
    assert '<tr class="cover-head"><th>評価書番号</th><th>評価書名</th></tr>' in page
    assert (
        '<tr class="cover-wide"><th colspan="2">個人のプライバシー等の権利利益の保護の宣言</th></tr>' in page
    )


def test_draft_cover_shows_the_comment_period_instead_of_the_publication_date() -> None:
    data = example("kawasaki-kenko-zoshin")
    data["procedure"]["public_comment"] = {"period": "令和6年10月9日～令和6年11月8日"}
    doc = render.document(data, "full", draft=True)
    published = next(r for r in doc.cover if r.path == "$.cover.published")
    assert (
        published.cell is not None
        and published.cell.text == "（案）意見募集期間: 令和6年10月9日～令和6年11月8日"
    )
    assert "令和7年1月20日" not in "".join(r.cell.text for r in doc.cover if r.cell)
    assert doc.title.endswith("（案）") and doc.watermark == "案"
    assert '（案）"; } }' in html.render_html(doc)  # the running title


def test_unticked_box_is_as_wide_as_a_ticked_one() -> None:
    page = html.render_html(pages.build(example("kitakyushu-shingata-influenza"), "focused"))
    assert '<span class="check">[ ○ ] 情報提供ネットワークシステム' in page
    assert '<span class="check">[ 　 ] 電子メール' in page  # U+3000 is as wide as ○ in IPAex
    assert "[ ]" not in page


def test_html_deliverable_links_its_table_of_contents_and_reads_on_screen() -> None:
    doc = pages.build(example("kitakyushu-shingata-influenza"), "focused")
    targets = dict(doc.toc_links())
    assert targets["（別添１） 特定個人情報ファイル記録項目"] == "annex1"
    assert targets["（別添２）　変更箇所"] == "annex2"
    assert all(targets.values())
    page = html.render_html(doc, links=True)
    assert '<a href="#s1">Ⅰ　基本情報</a>' in page
    assert '<meta name="viewport"' in page and "@media screen" in page
    assert '<a href="#' not in html.render_html(doc)  # the PDF's parts cannot link across parts
