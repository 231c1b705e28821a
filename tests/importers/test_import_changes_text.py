"""The 変更箇所 table rebuilt from extracted text (importers/changes.py): each mechanism on a small
synthetic snippet shaped like the artefact a PDF's text layer leaves (cells in their own order,
rows across pages, heads repeated, cells of a row on one line, dates set apart)."""

from __future__ import annotations

from typing import Any

from piagen.importers import change_cells, changes, table
from piagen.importers import text as text_importer
from piagen.importers.lines import Line
from tests.shared import published_cover

HEAD = "提出時期に係る説明変更日 項目 変更前の記載 変更後の記載 提出時期"


def lines_of(text: str) -> list[Line]:
    return [Line(t, n) for n, t in enumerate(text.split("\n"), start=1)]


def rows_of(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    rows, stray = changes.rows(lines_of(text), table.is_header)
    return rows, [ln.text for ln in stray]


def test_a_row_starts_at_its_item_and_its_free_cells_fill_before_after_then_explanation() -> None:
    rows, stray = rows_of(
        f"{HEAD}\n\n令和5年1月25日\n\nⅠ基本情報\n７．担当部署\n\n旧い課\n\n新しい課\n\n事後\n\n"
        "令和5年1月25日\n\nⅡ特定個人情報ファイルの概要\n２．基本情報\n\n旧い値\n\n新しい値\n\n事後\n組織改正のため\n"
    )
    assert rows == [
        {
            "date": "令和5年1月25日",
            "item": "Ⅰ基本情報\n７．担当部署",
            "before": "旧い課",
            "after": "新しい課",
            "timing": "事後",
        },
        {
            "date": "令和5年1月25日",
            "item": "Ⅱ特定個人情報ファイルの概要\n２．基本情報",
            "before": "旧い値",
            "after": "新しい値",
            "timing": "事後",
            "explanation": "組織改正のため",
        },
    ]
    assert stray == []


def test_cells_of_a_row_on_one_line_are_parted_at_spaces_around_the_timing() -> None:
    rows, _ = rows_of(f"{HEAD}\n\nⅣ－２①連絡先 電話０１２－３４５ 電話０１２－６７８ 事後 番号の変更\n")
    assert rows == [
        {
            "item": "Ⅳ－２①連絡先",
            "before": "電話０１２－３４５",
            "after": "電話０１２－６７８",
            "timing": "事後",
            "explanation": "番号の変更",
        }
    ]


def test_a_date_line_with_its_row_opens_the_row_and_dates_in_its_cells_are_values() -> None:
    rows, _ = rows_of(f"{HEAD}\n\n令和3年9月15日 令和3年3月8日 令和3年9月15日 事後\n")
    assert rows == [
        {"date": "令和3年9月15日", "before": "令和3年3月8日", "after": "令和3年9月15日", "timing": "事後"}
    ]


def test_a_timing_glued_to_the_next_date_closes_the_row_before_and_the_date_opens_the_next() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\n令和4年7月8日\n\nⅠ基本情報\n\n記載なし\n\n追記\n\n事後令和4年7月8日\n\nⅡ概要\n\n旧\n\n新\n"
    )
    assert rows[0]["timing"] == "事後" and rows[0]["item"] == "Ⅰ基本情報"
    assert rows[1] == {"date": "令和4年7月8日", "item": "Ⅱ概要", "before": "旧", "after": "新"}


def test_an_explanation_glued_to_a_date_goes_to_the_row_that_lacks_one() -> None:
    # on a page's first row: the row the date opens
    rows, _ = rows_of(f"{HEAD}\n\n根拠法令の誤記載平成31年2月5日\n\nⅠ基本情報\n\n旧\n\n新\n\n事後\n")
    assert rows == [
        {
            "date": "平成31年2月5日",
            "item": "Ⅰ基本情報",
            "before": "旧",
            "after": "新",
            "timing": "事後",
            "explanation": "根拠法令の誤記載",
        }
    ]
    # after a row that still lacks its 説明: that row's
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報 旧 新 事後 同上令和4年7月8日\n\nⅡ概要\n\n旧い\n\n新しい\n\n事後 説明\n"
    )
    assert rows[0]["explanation"] == "同上"
    assert rows[1]["date"] == "令和4年7月8日" and rows[1]["explanation"] == "説明"


def test_dates_and_timings_set_apart_go_to_the_rows_of_their_page_only_when_all_agree() -> None:
    page = "\n\n令和4年7月8日\n\n令和4年7月8日\n\n事後\n\nⅠ基本情報\n\n旧\n\n新\n\nⅡ概要\n\n旧い\n\n新しい\n"
    rows, stray = rows_of(HEAD + page)
    assert [(r.get("date"), r.get("timing")) for r in rows] == [
        ("令和4年7月8日", "事後"),
        ("令和4年7月8日", None),
    ]
    assert stray == []
    rows, stray = rows_of(HEAD + page.replace("令和4年7月8日", "令和5年1月1日", 1))
    assert all("date" not in r for r in rows)  # two different dates: which row has which is not known
    assert sorted(stray) == ["令和4年7月8日", "令和5年1月1日"]


def test_the_column_heads_cut_pages_and_a_lone_heading_is_no_cell() -> None:
    rows, stray = rows_of(
        f"{HEAD}\n\n令和4年7月8日\n\nⅠ基本情報\n\n旧\n\n新\n\n項目\n\n{HEAD}\n\n事後\n\n令和4年7月8日\n\nⅡ概要\n\n旧い\n\n新しい\n"
    )
    # the 事後 standing apart on the second page is that page's, not the first page's row's
    assert [r.get("timing") for r in rows] == [None, "事後"]
    assert stray == []


def test_an_explanation_is_known_by_the_narrow_width_its_column_wraps_at() -> None:
    wide = "変更後の記載はこの列の幅まで折り返されるので長い行に"
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報\n\n旧\n\n{wide}\nなる\n\n事後\n説明の列は狭いので\n短い行で折り返す\n\n"
        "Ⅱ概要\n\n記載なし\n\n新しい記載\n\n説明の列は狭いので\n短い行で折り返す\n\nⅢリスク対策\n\n旧い\n\n新しい\n"
    )
    assert rows[1]["explanation"] == "説明の列は狭いので短い行で折り返す"
    assert "explanation" not in rows[2]


def test_before_and_after_extracted_as_one_cell_part_where_a_known_before_value_ends() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報\n\n記載なし\n\n追記した\n\n事後\n\nⅡ概要\n\n記載なし\n図内に追記\n\n事後\n"
    )
    assert rows[1]["before"] == "記載なし" and rows[1]["after"] == "図内に追記"


def test_a_wide_line_inside_an_item_begins_the_next_cell() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ－２システム１③他システ\nム個人番号の利用\n\n旧\n\n新\n\nⅡ－５提供先１①法令上の根\n拠\n\n旧\n\n新\n\n"
        "Ⅰ－４個人番号の利用\n番号法第9条第１項別表第一第10の項、第93条\nの2の項\n\n番号法第9条\n"
    )
    assert rows[2]["item"] == "Ⅰ－４個人番号の利用"
    assert rows[2]["before"].startswith("番号法第9条第１項別表第一第10の項")


def test_cells_tied_to_a_timing_that_find_no_open_row_stay_unplaced() -> None:
    rows, stray = rows_of(f"{HEAD}\n\nⅠ－２システム４ （記載なし） 「追加」 事後\n\n「別の追加」 事後\n")
    assert rows == [
        {"item": "Ⅰ－２システム４", "before": "（記載なし）", "after": "「追加」", "timing": "事後"}
    ]
    assert stray == ["「別の追加」", "事後"]


def test_same_as_above_is_an_item_after_a_date_and_an_explanation_elsewhere() -> None:
    rows, _ = rows_of(f"{HEAD}\n\nⅠ基本情報\n\n旧\n\n新\n\n同上\n\n平成31年2月5日 同上\n\n旧い\n\n新しい\n")
    assert rows[0]["explanation"] == "同上"
    assert rows[1]["item"] == "同上"


def test_cells_printed_before_the_title_are_moved_into_the_table() -> None:
    text = (
        "①実施日\n令和3年1月1日\n\n令和4年7月8日\n\n事後\n\n（別添３）変更箇所\n"
        + HEAD
        + "\n\nⅠ基本情報\n\n旧\n\n新\n"
    )
    lines = lines_of(text)
    labels = {"①実施日", "（別添３）変更箇所"}
    moved = changes.gather(
        lines,
        lambda n: lines[n].text == "（別添３）変更箇所",
        lambda n: 2 if lines[n].text in labels else 0,
        table.is_header,
    )
    texts = [ln.text for ln in moved]
    # the label's own value (up to the blank line) stays; the date and 事後 after it join the table
    assert texts[:3] == ["①実施日", "令和3年1月1日", "（別添３）変更箇所"]
    assert texts.index("令和4年7月8日") > texts.index(HEAD)
    rows, _ = changes.rows(moved[texts.index(HEAD) :], table.is_header)
    assert rows == [
        {"date": "令和4年7月8日", "item": "Ⅰ基本情報", "before": "旧", "after": "新", "timing": "事後"}
    ]


def test_nothing_is_moved_when_no_date_stands_before_the_title() -> None:
    lines = lines_of("①方法\n\n説明の文\n\n（別添３）変更箇所\n" + HEAD + "\n")
    moved = changes.gather(
        lines, lambda n: lines[n].text.startswith("（別添３）"), lambda n: 2 if n == 0 else 0, table.is_header
    )
    assert moved == lines


def test_before_and_after_of_one_line_each_set_side_by_side_are_parted() -> None:
    rows, _ = rows_of(f"{HEAD}\n\nⅢリスク対策\n４.提供ルール\n\nIT政策課 情報戦略室\n\n事後\n")
    assert rows == [
        {"item": "Ⅲリスク対策\n４.提供ルール", "before": "IT政策課", "after": "情報戦略室", "timing": "事後"}
    ]


def test_text_wider_than_the_item_column_is_no_item_though_it_starts_like_one() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報７．\n担当部署\n\n旧\n\n新\n\nⅡ特定個人情報\nファイルの概要\n２．基本情報\n\n旧い\n\n新しい\n\n"
        "Ⅲ　７．特定個\n人情報の保管⑨\n重大事故\n\n別紙（個人情報に関する重大事故について）を\n参照\n\n事後\n"
    )
    assert rows[2]["item"] == "Ⅲ　７．特定個人情報の保管⑨重大事故"
    assert rows[2]["before"] == "別紙（個人情報に関する重大事故について）を参照"


def test_a_row_without_its_item_and_an_item_without_its_cells_are_one_row_when_alone_on_the_page() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\n令和3年9月15日 令和3年3月8日 令和3年9月15日 事後\n\n令和3年9月15日\n\nⅤ－１①実施日\n\n"
    )
    assert rows == [
        {
            "date": "令和3年9月15日",
            "item": "Ⅴ－１①実施日",
            "before": "令和3年3月8日",
            "after": "令和3年9月15日",
            "timing": "事後",
        }
    ]


def test_the_lines_before_the_first_column_heads_are_on_the_first_page() -> None:
    # the title's page: what stands between the title and the heads shares the page's dates
    rows, stray = rows_of(f"Ⅰ基本情報\n\n旧\n\n新\n\n{HEAD}\n\n令和3年9月15日\n\n事後\n")
    assert rows == [
        {"date": "令和3年9月15日", "item": "Ⅰ基本情報", "before": "旧", "after": "新", "timing": "事後"}
    ]


def _pdf_line(n: int, *cells: tuple[float, str]) -> Line:
    runs = tuple((x, x + 60.0, text) for x, text in cells)
    return Line(" ".join(t for _, t in cells), n, 1, runs[0][0], runs[-1][1], runs)


def _pdf_rows(lines: list[Line]) -> list[dict[str, str]]:
    rows, _ = table.rows(lines)
    return [{k: "".join(str(v).split()) for k, v in r.items()} for r in rows]


def test_pdf_an_annex_line_goes_on_the_item_of_the_part_it_belongs_to() -> None:
    date, item, before, after, timing, said = 40.0, 115.0, 190.0, 305.0, 418.0, 450.0
    lines = [
        _pdf_line(1, (date, "令和7年1月20日")),
        _pdf_line(
            2, (item, "Ⅰ　基本情報１．"), (before, "旧"), (after, "新"), (timing, "事前"), (said, "説明")
        ),
        _pdf_line(3, (item, "（別添1）事務の内容")),
        _pdf_line(4, (date, "令和7年1月20日")),
        _pdf_line(
            5, (item, "Ⅲ　リスク対策"), (before, "旧い"), (after, "新しい"), (timing, "事前"), (said, "説明")
        ),
        _pdf_line(
            6, (item, "（別添1）事務の内容"), (before, "別の行"), (after, "新しい行"), (timing, "事前")
        ),
    ]
    rows = _pdf_rows(lines)
    assert [r["item"] for r in rows] == [
        "Ⅰ基本情報１．（別添1）事務の内容",
        "Ⅲリスク対策",
        "（別添1）事務の内容",
    ]
    assert change_cells.continues_item("Ⅱ　概要", "（別添２）記録項目")
    assert not change_cells.continues_item("Ⅱ　概要（別添２）", "（別添２）記録項目")


def test_pdf_a_row_printed_in_pieces_marked_continued_is_put_back_together() -> None:
    date, item, before, after, timing, said = 40.0, 115.0, 190.0, 305.0, 418.0, 450.0
    lines = [
        _pdf_line(1, (date, "令和2年2月20日")),
        _pdf_line(
            2,
            (item, "Ⅱ　概要"),
            (before, "１．住所、２．氏"),
            (after, "１．住所"),
            (timing, "事後"),
            (said, "政令"),
        ),
        _pdf_line(3, (date, "令和2年2月20日")),
        _pdf_line(4, (item, "Ⅱ　概要（続き）"), (before, "名、３．性別"), (after, "、３．性別")),
        _pdf_line(5, (date, "令和2年2月20日")),
        _pdf_line(6, (item, "Ⅲ　リスク"), (before, "旧"), (after, "新"), (timing, "事後"), (said, "誤記")),
    ]
    rows = _pdf_rows(lines)
    assert len(rows) == 2
    assert rows[0]["before"] == "１．住所、２．氏名、３．性別" and rows[0]["after"] == "１．住所、３．性別"


def test_a_full_width_space_is_inside_a_cell_not_between_cells() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅡ概要\n⑦使用の主体\n\n市民課（各支所を含む）\n\n各行政サービスコーナー　削除 事後\n"
    )
    assert rows[0]["after"] == "各行政サービスコーナー　削除" and rows[0]["timing"] == "事後"


def test_text_an_annex_cell_after_its_part_goes_on_the_item() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\n令和4年7月8日\n\nⅠ基本情報\n\n（別添１）事務の内容\n\n記載なし\n\n図を追記\n\n事後\n"
    )
    assert rows == [
        {
            "date": "令和4年7月8日",
            "item": "Ⅰ基本情報\n（別添１）事務の内容",
            "before": "記載なし",
            "after": "図を追記",
            "timing": "事後",
        }
    ]


def test_a_label_quoted_inside_an_item_cell_before_the_title_is_no_stop() -> None:
    text = (
        "＜選択肢＞\n\n令和6年3月26日\n\nⅢ　７．特定個人情報の保管\n⑨過去３年以内に、評価実施\n機関において\n\n"
        "発生あり 発生なし 事後\n\n（別添３）変更箇所\n" + HEAD + "\n"
    )
    lines = lines_of(text)

    def stop(n: int) -> int:
        return 1 if lines[n].text == "＜選択肢＞" else 2 if lines[n].text.startswith("⑨過去") else 0

    moved = changes.gather(lines, lambda n: lines[n].text == "（別添３）変更箇所", stop, table.is_header)
    texts = [ln.text for ln in moved]
    rows, _ = changes.rows(moved[texts.index(HEAD) :], table.is_header)
    assert rows == [
        {
            "date": "令和6年3月26日",
            "item": "Ⅲ　７．特定個人情報の保管\n⑨過去３年以内に、評価実施機関において",
            "before": "発生あり",
            "after": "発生なし",
            "timing": "事後",
        }
    ]


def test_an_item_that_ends_on_the_line_of_its_row_s_other_cells() -> None:
    rows, _ = rows_of(
        f"変更箇所\n{HEAD}\n\nⅡしきい値判断項目\n１．対象人数 令和2年12月31日 令和3年12月31日 事後\n"
    )
    assert rows == [
        {
            "item": "Ⅱしきい値判断項目\n１．対象人数",
            "before": "令和2年12月31日",
            "after": "令和3年12月31日",
            "timing": "事後",
        }
    ]


def test_a_text_read_as_an_explanation_after_a_timing_is_one_where_an_after_could_stand() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報\n\n旧\n\n新\n\n事後 現行の状況に合わせた変更\n\n"
        "Ⅱ概要委託先名\n\n株式会社　旧社\n\n現行の状況に合わせた変更\n\nⅢリスク対策\n\n旧い\n\n新しい\n\n事後\n"
    )
    assert rows[1] == {
        "item": "Ⅱ概要委託先名",
        "before": "株式会社　旧社",
        "explanation": "現行の状況に合わせた変更",
    }


def test_text_a_row_printed_in_pieces_marked_continued_is_put_back_together() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\n令和2年2月20日\n\nⅡ概要\n\n１．住所、２．氏\n\n１．住所\n\n事後 政令\n\n{HEAD}\n\n"
        "令和2年2月20日\n\nⅡ概要（続き）\n\n名、３．性別\n\n、３．性別\n"
    )
    assert len(rows) == 1
    assert "".join(rows[0]["before"].split()) == "１．住所、２．氏名、３．性別"


def _laid(*cells: tuple[int, str]) -> str:
    """One line of a layout extraction: each text at its character offset."""
    line = ""
    for at, text in cells:
        line += " " * max(at - len(line), 2 if line else 0) + text
    return line


def test_a_layout_extraction_reads_the_cells_by_the_columns_its_heads_show() -> None:
    heads = ("変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明")
    at = (3, 18, 30, 57, 77, 86)
    head = _laid(*zip(at, heads, strict=True))
    # the runs of a column start a few characters off its head (characters of other widths before them)
    text = "\n".join(
        [
            head,
            "",
            _laid(
                (0, "平成31年2月5日"),
                (16, "Ⅰ基本情報"),
                (31, "②法令上の根拠"),
                (57, "・７４ 追加"),
                (78, "事後"),
                (87, "根拠法令の誤記載"),
            ),
            _laid((12, "６ 情報提供ネット"), (28, "１、２、３、４、"), (58, "・１１７ 削除")),
            _laid((12, "ワークシステム"), (28, "１１、１６の項")),
            "",
            _laid(
                (0, "平成31年2月5日"),
                (16, "Ⅱ特定個人情報"),
                (31, "⑦使用の主体"),
                (57, "各行政サービスコーナー"),
                (70, "削除"),
                (78, "事後"),
                (87, "事前の提出・公表が義務付"),
            ),
            _laid((12, "ファイルの概要"), (28, "市民生活部市民課"), (86, "けられない変更")),
            "",
            "",
            _laid((39, "54 / 79")),
            "",
            _laid((59, "高槻市   住民基本台帳事務   全項目評価書")),
            "",
            _laid(*zip((6, 15, 31, 55, 74, 83), heads, strict=True)),
            "",
            _laid(
                (0, "平成31年2月5日"),
                (13, "別紙１"),
                (28, "提供先５５"),
                (53, "削除"),
                (75, "事後"),
                (84, "提供先の誤記載"),
            ),
        ]
    )
    rows, stray = table.rows(lines_of(text))
    flat = [{k: "".join(v.split()) for k, v in r.items()} for r in rows]
    assert flat == [
        {
            "date": "平成31年2月5日",
            "item": "Ⅰ基本情報６情報提供ネットワークシステム",
            "before": "②法令上の根拠１、２、３、４、１１、１６の項",
            "after": "・７４追加・１１７削除",
            "timing": "事後",
            "explanation": "根拠法令の誤記載",
        },
        {
            "date": "平成31年2月5日",
            "item": "Ⅱ特定個人情報ファイルの概要",
            "before": "⑦使用の主体市民生活部市民課",
            "after": "各行政サービスコーナー削除",
            "timing": "事後",
            "explanation": "事前の提出・公表が義務付けられない変更",
        },
        {
            "date": "平成31年2月5日",
            "item": "別紙１",
            "before": "提供先５５",
            "after": "削除",
            "timing": "事後",
            "explanation": "提供先の誤記載",
        },
    ]
    # the page's foot (its number, the running title) is no cell: kept as unplaced
    assert [ln.text.strip() for ln in stray] == ["54 / 79", "高槻市   住民基本台帳事務   全項目評価書"]
    # heads not laid out in columns: the text is read by its typed cells instead
    assert change_cells.layout(lines_of(HEAD + "\n\nⅠ基本情報\n"), table.is_header) is None


def test_a_date_where_a_row_waits_for_its_before_is_a_value_and_a_page_number_no_cell() -> None:
    rows, stray = rows_of(
        f"{HEAD}\n\n令和3年9月15日\n\nⅤ－１①実施日\n\n令和3年3月8日\n\n令和3年9月15日\n\n事後\n\n24 / 24\n"
    )
    assert rows == [
        {
            "date": "令和3年9月15日",
            "item": "Ⅴ－１①実施日",
            "before": "令和3年3月8日",
            "after": "令和3年9月15日",
            "timing": "事後",
        }
    ]
    assert stray == []


WIDE = "変更前と変更後の列はこの幅まで折り返されるので"  # 23 full-width characters: a wrapped line


def test_before_and_after_extracted_as_one_cell_part_after_the_only_line_short_of_the_edge() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報\n\n{WIDE}\n長い\n\n{WIDE}\nもっと長い\n\n事後\n\n"
        f"Ⅱ概要\n\n内閣官房の室\n{WIDE}\n続き\n\n事後\n\n"
        f"Ⅲリスク対策\n\n⑦時期・頻度\n→{WIDE}\n変更\n\n事後\n\n"
        f"Ⅳその他\n\n＜措置＞\n{WIDE}\n終わり\n\n事後\n"
    )
    assert rows[1]["before"] == "内閣官房の室" and rows[1]["after"] == f"{WIDE}続き"
    # 「→」 goes on with the line before, and a ＜…＞ heading heads its own cell: one cell each
    assert "after" not in rows[2] and rows[2]["before"].startswith("⑦時期・頻度")
    assert "after" not in rows[3] and rows[3]["before"].startswith("＜措置＞")


def test_before_and_after_extracted_as_one_cell_part_at_the_line_that_restates_the_first() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報\n\n{WIDE}\n長い\n\n{WIDE}\nもっと長い\n\n事後\n\n"
        "Ⅱ概要\n\n番号法第１９条第８号　別表第２（１０２の２項）です\n"
        "番号法第19条第８号に基づく主務省令第２条の表の\n１３９の項\n\n事後\n"
    )
    assert rows[1]["before"] == "番号法第１９条第８号　別表第２（１０２の２項）です"
    assert rows[1]["after"] == "番号法第19条第８号に基づく主務省令第２条の表の１３９の項"


def test_a_narrow_cell_that_restates_the_before_is_the_after_not_an_explanation() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報\n\n旧\n\n{WIDE}\nなる\n\n事後\n説明の列は狭いのでこの幅\nで短い行に折り返す\n\n"
        "Ⅱ概要\n\n提供を行っている（３５）件\n移転を行っている（４５）件\n\n"
        "提供を行っている（５８）件\n移転を行っている（４７）件\n\n事前\n"
    )
    assert rows[1]["after"].replace("\n", "") == "提供を行っている（５８）件移転を行っている（４７）件"
    assert rows[1]["timing"] == "事前" and "explanation" not in rows[1]


def test_a_free_cell_after_the_before_is_the_after_when_the_explanation_is_taken() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報\n\n旧\n\n{WIDE}\nなる\n\n事後\n説明の列は狭いので\n短い行で折り返す\n\n"
        "根拠法令の誤記載平成31年2月5日\n\nⅡ概要\n\n旧い値\n\n・７４　追加\n・１１７　削除\n・１２０を変更\n\n事後\n"
    )
    assert rows[1]["explanation"] == "根拠法令の誤記載"
    assert rows[1]["after"] == "・７４　追加\n・１１７　削除\n・１２０を変更"


def test_three_cells_side_by_side_are_before_after_and_explanation() -> None:
    rows, stray = rows_of(f"{HEAD}\n\nⅢリスク対策\n５.リスク３\n\n提供・移転 提供 記載誤りのため。\n")
    assert rows == [
        {
            "item": "Ⅲリスク対策\n５.リスク３",
            "before": "提供・移転",
            "after": "提供",
            "explanation": "記載誤りのため。",
        }
    ]
    assert stray == []


def test_a_timing_set_against_an_explanation_is_parted_from_it() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅡ概要\n\n旧い\n\n新しい\n\n事後\n\n記載誤りのため。事後\n\n"
        "Ⅲリスク対策\n\n提供・移転 提供 記載誤りのため。\n"
    )
    assert rows[0]["explanation"] == "記載誤りのため。"
    assert rows[1]["timing"] == "事後"  # the only 提出時期 standing apart, the only row without one


def test_explanations_extracted_together_after_a_pages_rows_are_placed_only_when_all_the_same() -> None:
    page = "Ⅰ基本情報\n\n旧\n\n新\n\n事後\n\nⅡ概要\n\n旧い\n\n新しい\n\n事後\n\n"
    rows, stray = rows_of(f"{HEAD}\n\n{page}課名変更\n\n記載誤りのため。\n")
    # which row each 説明 is for is not known: none is guessed, both are kept
    assert all("explanation" not in r for r in rows)
    assert sorted(stray) == ["記載誤りのため。", "課名変更"]
    rows, stray = rows_of(f"{HEAD}\n\n{page}課名変更\n\n課名変更\n")
    assert [r.get("explanation") for r in rows] == ["課名変更", "課名変更"]
    assert stray == []


def test_a_row_printed_before_the_title_is_moved_with_its_item_though_the_item_reads_as_a_label() -> None:
    text = (
        "①実施日\n令和3年1月1日\n\nⅡ概要（１）ファイル\n５．提供・移転\n\n"
        "提供先２１以降を別紙記載 全提供先を別紙１に記載 事後 表記方法の変更\n\n（別添３）変更箇所\n"
        + HEAD
        + "\n\nⅠ基本情報\n\n旧\n\n新\n\n事後\n"
    )
    lines = lines_of(text)
    labels = {"①実施日", "Ⅱ概要（１）ファイル", "（別添３）変更箇所"}  # the 項目 cell quotes a label
    moved = changes.gather(
        lines,
        lambda n: lines[n].text == "（別添３）変更箇所",
        lambda n: 2 if lines[n].text in labels else 0,
        table.is_header,
    )
    texts = [ln.text for ln in moved]
    assert texts[:3] == ["①実施日", "令和3年1月1日", ""]  # the label's own value stays
    rows, stray = changes.rows(moved[texts.index(HEAD) :], table.is_header)
    assert rows[0] == {
        "item": "Ⅱ概要（１）ファイル\n５．提供・移転",
        "before": "提供先２１以降を別紙記載",
        "after": "全提供先を別紙１に記載",
        "timing": "事後",
        "explanation": "表記方法の変更",
    }
    assert stray == []


def test_before_and_after_printed_in_paragraphs_part_where_the_after_restates_the_before() -> None:
    rows, stray = rows_of(
        f"{HEAD}\n\nⅠ関連情報\n②法令上の根拠\n\n・番号法第１９条第７号及び別表第二\n\n（根拠）\n：旧い項の一覧はこの行が一番長くなるように書く\n\n"
        "・番号法第１９条第８号及び別表第二\n\n（根拠）\n：新しい項の一覧はこの行が一番長くなるように書く\n\n事後\n"
    )
    assert (
        rows[0]["before"]
        == "・番号法第１９条第７号及び別表第二\n（根拠）\n：旧い項の一覧はこの行が一番長くなるように書く"
    )
    assert (
        rows[0]["after"]
        == "・番号法第１９条第８号及び別表第二\n（根拠）\n：新しい項の一覧はこの行が一番長くなるように書く"
    )
    assert rows[0]["timing"] == "事後" and "explanation" not in rows[0]
    assert stray == []


def test_paragraphs_under_headings_part_where_the_after_repeats_the_befores_last_section() -> None:
    rows, stray = rows_of(
        f"{HEAD}\n\nⅡ概要\n①保管場所\n\n＜健康管理システム＞\n・庁舎内に設置する。\n\n"
        "＜連携基盤における措置＞\n・データセンターに設置する。\n\n＜中間サーバにおける措置＞\n・データセンターにある。\n\n"
        "＜中間サーバにおける措置＞\n・データセンターにある。\n\n＜ガバメントクラウドにおける措置＞\n・クラウドにある。\n\n事前\n"
    )
    assert rows[0]["before"].split("\n")[::2] == [
        "＜健康管理システム＞",
        "＜連携基盤における措置＞",
        "＜中間サーバにおける措置＞",
    ]
    assert rows[0]["after"].split("\n")[::2] == [
        "＜中間サーバにおける措置＞",
        "＜ガバメントクラウドにおける措置＞",
    ]
    assert rows[0]["timing"] == "事前" and "explanation" not in rows[0]
    assert stray == []


def test_an_after_whose_first_line_is_the_befores_restates_it() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\nⅠ基本情報\n５．法令上の根拠\n\n１．番号の利用等に関する法律\n（略）\n\n２．住民基本台帳法\n（略）\n\n"
        "１．番号の利用等に関する法律\n（番号法）\n\n２．住民基本台帳法（住基法）\n\n事後\n番号整備法の施行\n"
    )
    assert rows[0]["before"].replace("\n", "") == "１．番号の利用等に関する法律（略）２．住民基本台帳法（略）"
    assert (
        rows[0]["after"].replace("\n", "")
        == "１．番号の利用等に関する法律（番号法）２．住民基本台帳法（住基法）"
    )
    assert rows[0]["explanation"] == "番号整備法の施行"


def test_the_text_right_after_a_timing_is_its_explanation_and_what_was_read_so_before_is_the_after() -> None:
    rows, stray = rows_of(
        f"{HEAD}\n\nⅡ概要\n（別添２）記録項目\n\n－\n\n以下の項目を追加し、通番を繰り下げる。\n\n"
        "「１６．市町村電話番号」、\n「２０．交付場所郵便番号」\n\n事後\n記載要領配付後の仕様変更\n"
    )
    assert rows[0]["after"].endswith("「２０．交付場所郵便番号」")
    assert rows[0]["explanation"] == "記載要領配付後の仕様変更"
    assert stray == []


def test_the_heads_of_a_table_with_no_rows_are_no_explanation() -> None:
    """A 変更箇所 with no rows prints its column heads alone, glued 「提出時期に係る説明変更日 項目 …」
    (seed 000): 「提出時期に係る説明」 is the 説明 column's title, yet the line is no row's 説明."""
    body = "（別添３）変更箇所\n提出時期に係る説明変更日 項目 変更前の記載 変更後の記載 提出時期\n\n"
    model = text_importer.read((published_cover() + body).encode("utf-8")).models[0]
    assert "changes" not in model.data
