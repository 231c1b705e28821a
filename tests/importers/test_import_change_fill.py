"""The completion passes over the 変更箇所 rows read from extracted text (importers/change_fill.py):
each on a snippet shaped like the scramble a PDF's text layer leaves (a page's cells apart from it,
cells of a row on a line of their own, a 説明 printed for several rows), and on seed 002."""

from __future__ import annotations

from piagen.importers import text
from tests.importers.test_import_changes_text import HEAD, rows_of
from tests.importers.test_import_published import SEEDS, needs_seeds

SAID = "特定個人情報の漏えい等のリ\nスクを相当程度変動させるも\nのではないと考えられるため\n重要な変更に該当しない\n"


def test_a_row_without_its_item_and_an_item_without_its_cells_on_other_pages_are_one_row() -> None:
    rows, stray = rows_of(
        f"{HEAD}\n\n令和3年9月15日 令和3年3月8日 令和3年9月15日 事後\n\nⅣ－２①連絡先 電話１ 電話２ 事後\n\n"
        f"{HEAD}\n\n令和3年9月15日\n\n令和3年9月15日\n\nⅤ－１①実施日\n\n"
        "Ⅰ－４個人番号の利用\n\n旧い根拠\n\n新しい根拠\n\n事後\n"
    )
    assert {"item": "Ⅴ－１①実施日", "date": "令和3年9月15日", "before": "令和3年3月8日"}.items() <= rows[
        1
    ].items()
    assert (rows[1]["after"], rows[1]["timing"]) == ("令和3年9月15日", "事後")
    # the item's own date, now twice in the row, is the one row without a date's (all dates agree)
    assert [r.get("date") for r in rows] == ["令和3年9月15日"] * 3
    assert stray == []


def test_dates_set_apart_on_another_page_go_to_the_rows_lacking_one_only_when_all_agree() -> None:
    page = (
        f"{HEAD}\n\nⅠ基本情報\n\n旧\n\n新\n\n事後\n\nⅡ概要\n\n旧い\n\n新しい\n\n事後\n\n"
        f"{HEAD}\n\n令和3年9月15日 Ⅲ－１ 古 新 事後\n\n令和3年9月15日\n\n令和3年9月15日\n"
    )
    rows, stray = rows_of(page)
    assert [r.get("date") for r in rows] == ["令和3年9月15日"] * 3 and stray == []
    rows, stray = rows_of(page[: -len("令和3年9月15日\n")] + "令和4年1月1日\n")
    assert [r.get("date") for r in rows] == [None, None, "令和3年9月15日"]
    assert stray == ["令和3年9月15日", "令和4年1月1日"]


def test_a_row_without_its_item_is_not_joined_to_an_item_whose_cells_disagree() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\n令和3年9月15日 令和3年3月8日 令和3年9月15日 事後\n\n"
        f"{HEAD}\n\n令和4年1月1日\n\nⅤ－１①実施日\n"
    )
    assert rows == [
        {"date": "令和3年9月15日", "before": "令和3年3月8日", "after": "令和3年9月15日", "timing": "事後"},
        {"date": "令和4年1月1日", "item": "Ⅴ－１①実施日"},
    ]


SCRAMBLED = (
    f"{HEAD}\n\nⅠ－２システム１③他システム\n\n旧いシステム、住基システム\n\n新しいシステム、宛名システム\n\n"
    f"事後\n\n{SAID}\nⅠ－５②法令上の根拠 番号法第19条第7号 番号法第19条第8号 事後 法改正に伴う修正\n\n"
    "Ⅱ－４委託事項３ （記載なし）\n\n法改正に伴う修正\n\nⅡ－５提供先２①法令上の根\n拠\n\n番号法第19条第7号\n\n"
    f"{HEAD}\n\n番号法第19条第8号 事後\n\nⅤ－１①実施日\n\n{SAID}\nⅣ－２①連絡先 電話１ 電話２ 事後\n\n"
    "「宛名管理システム運用保守業務」追加 事後\n"
)


def by_item(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["item"]: r for r in rows}


def test_a_text_printed_as_another_rows_explanation_is_never_read_as_a_before() -> None:
    rows, stray = rows_of(SCRAMBLED)
    assert by_item(rows)["Ⅴ－１①実施日"] == {"item": "Ⅴ－１①実施日"}
    assert stray == SAID.strip().split("\n")  # whose 説明 it is, the text does not say


def test_an_after_with_its_timing_goes_to_the_row_whose_before_it_restates_then_by_elimination() -> None:
    rows = by_item(rows_of(SCRAMBLED)[0])
    assert (rows["Ⅱ－５提供先２①法令上の根拠"]["after"], rows["Ⅱ－５提供先２①法令上の根拠"]["timing"]) == (
        "番号法第19条第8号",
        "事後",
    )
    assert rows["Ⅱ－４委託事項３"]["after"] == "「宛名管理システム運用保守業務」追加"
    assert rows["Ⅱ－４委託事項３"]["timing"] == "事後"


def test_two_afters_and_two_rows_with_nothing_to_tell_them_apart_stay_unplaced() -> None:
    rows, stray = rows_of(
        f"{HEAD}\n\nⅡ－４委託事項３ （記載なし）\n\nⅡ－４委託事項４ （記載なし）\n\n"
        f"{HEAD}\n\n「Ａ業務」追加 事後\n\n「Ｂ業務」追加 事後\n"
    )
    assert all("after" not in r for r in rows)
    assert stray == ["「Ａ業務」追加", "事後", "「Ｂ業務」追加", "事後"]


def test_rows_with_the_same_before_and_after_share_the_explanation_read_where_no_timing_had_come() -> None:
    rows = by_item(rows_of(SCRAMBLED)[0])
    assert rows["Ⅱ－５提供先２①法令上の根拠"]["explanation"] == "法改正に伴う修正"
    assert "explanation" not in rows["Ⅱ－４委託事項３"]  # an addition, not the 法改正 of the others


@needs_seeds
def test_kitakyushu_change_rows_are_completed() -> None:
    seed = next(SEEDS.glob("002_*.txt"))
    model = text.read(seed.read_bytes()).models[0]
    rows = by_item(model.data["changes"])
    assert len(rows) == 11
    assert rows["Ⅴ－１①実施日"] == {
        "date": "令和3年9月15日",
        "item": "Ⅴ－１①実施日",
        "before": "令和3年3月8日",
        "after": "令和3年9月15日",
        "timing": "事後",
    }
    assert rows["Ⅱ－５提供先２①法令上の根拠"] == {
        "date": "令和3年9月15日",
        "item": "Ⅱ－５提供先２①法令上の根拠",
        "before": "番号法第19条第7号",
        "after": "番号法第19条第8号",
        "timing": "事後",
        "explanation": "法改正に伴う修正",
    }
    assert rows["Ⅱ－４委託事項３"]["after"] == "「宛名管理システム運用保守業務」追加"
    assert rows["Ⅰ－４個人番号の利用"]["timing"] == "事後"
    assert all(r.get("before", "").find("特定個人情報の漏えい") < 0 for r in rows.values())


def test_a_timing_glued_to_the_next_rows_item_closes_the_row_and_the_item_opens_the_next() -> None:
    rows, stray = rows_of(
        f"{HEAD}\n\n別紙２（移転先通し番号９）\n\n旧い値\n\n新しい値\n\n"
        "事後別紙２（移転先通し番号２４）\n\n変更前の文\n\n変更後の文\n\n事後\n"
    )
    assert [(r["item"], r.get("before"), r.get("timing"), r.get("explanation")) for r in rows] == [
        ("別紙２（移転先通し番号９）", "旧い値", "事後", None),
        ("別紙２（移転先通し番号２４）", "変更前の文", "事後", None),
    ]
    assert stray == []


MOVED = (
    f"{HEAD}\n\nⅡ－４委託事項３⑥委託先名\n\n株式会社　旧名システム　関西支社\n\n現行の状況に合わせた変更\n\n"
    "Ⅱ－５提供・移転の有無\n\n提供を行っている（３５）件\n\n提供を行っている（５８）件\n\n"
    "株式会社　新名システム　関西支社 事後 委託契約先変更のため。\n\n事前\n"
)


def test_a_cell_printed_before_a_timing_is_never_an_explanation_and_goes_to_the_before_it_restates() -> None:
    rows, stray = rows_of(MOVED)
    assert rows[0] == {
        "item": "Ⅱ－４委託事項３⑥委託先名",
        "before": "株式会社\u3000旧名システム\u3000関西支社",
        "after": "株式会社\u3000新名システム\u3000関西支社",
        "timing": "事後",
        "explanation": "委託契約先変更のため。",
    }
    # the row that had taken them has its cells back; the 提出時期 left alone is the only one lacking
    assert "explanation" not in rows[1] and rows[1]["timing"] == "事前"
    assert stray == ["現行の状況に合わせた変更"]  # whose 説明 it is, this page does not say


def test_an_after_that_restates_its_before_is_not_displaced() -> None:
    rows, stray = rows_of(MOVED.replace("現行の状況に合わせた変更", "株式会社　中名システム　関西支社"))
    assert rows[0]["after"] == "株式会社\u3000中名システム\u3000関西支社"
    assert stray[:3] == ["株式会社\u3000新名システム\u3000関西支社", "事後", "委託契約先変更のため。"]


def test_two_cells_before_a_timing_are_the_before_and_after_and_cells_read_ahead_of_them_end_the_item() -> (
    None
):
    # `pdftotext -raw`: no blank lines, and the 項目 wraps in its narrow column
    rows, stray = rows_of(
        f"{HEAD}\n令和3年9月15日 Ⅰ－５②法令上の\n根拠\n番号法第19条第7号 番号法第19条第8号 事後 法改正に伴う修正\n"
        "令和3年9月15日 Ⅱ特定個人情報\nファイルの概要\n３．特定個人情報\nの入手・使用⑦使\n用の主体使用者数\n"
        "10人以上50人未満 50人以上100人未満 事後 同上\n"
    )
    assert rows == [
        {
            "date": "令和3年9月15日",
            "item": "Ⅰ－５②法令上の根拠",
            "before": "番号法第19条第7号",
            "after": "番号法第19条第8号",
            "timing": "事後",
            "explanation": "法改正に伴う修正",
        },
        {
            "date": "令和3年9月15日",
            "item": "Ⅱ特定個人情報ファイルの概要\n３．特定個人情報の入手・使用⑦使用の主体使用者数",
            "before": "10人以上50人未満",
            "after": "50人以上100人未満",
            "timing": "事後",
            "explanation": "同上",
        },
    ]
    assert stray == []


def test_a_row_without_its_item_is_joined_only_when_the_item_is_all_it_lacks() -> None:
    rows, _ = rows_of(
        f"{HEAD}\n\n令和3年9月15日 令和3年3月8日 令和3年9月15日\n\nⅣ－２①連絡先 電話１ 電話２ 事後\n\n"
        f"{HEAD}\n\n令和3年9月15日\n\nⅤ－１①実施日\n"
    )
    assert {"item": "Ⅴ－１①実施日", "date": "令和3年9月15日"} in rows
