"""Label cells wrapped beside their values in text laid out by columns (`pdftotext -layout`): the
label's pieces are joined into one line and the value's lines follow it (wrapped.py)."""

from __future__ import annotations

from piagen.importers import wrapped
from piagen.importers.lines import from_text

LAYOUT = (
    "委託先から他者への提供に関するルー    ・再委託の契約の内容を書面により提出させ、当該再委託の\n"
    "ルの内容及びルール遵守の確認方法     契約の内容が委託先に課された義務を課す場合に限る。\n"
    "委託元と委託先間の提供に関するルー    ・受渡票等の書類により行い、管理す\n"
    "ルの内容及びルール遵守の確認方法     る。\n"
    "③対象となる本人の範囲        ※   市内在住の受診者\n"
    "その必要性                  健診の実施に伴う情報を適正に管理する必\n"
    "                       要があるため。\n"
)


def _texts(raw: str) -> list[str]:
    return [line.text for line in wrapped.join(from_text(raw)) if line.text]


def test_a_wrapped_label_is_joined_and_the_next_row_is_not() -> None:
    got = _texts(LAYOUT)
    assert got[:4] == [
        "委託先から他者への提供に関するルールの内容及びルール遵守の確認方法   ・再委託の契約の内容を書面により提出させ、当該再委託の",
        "契約の内容が委託先に課された義務を課す場合に限る。",
        "委託元と委託先間の提供に関するルールの内容及びルール遵守の確認方法   ・受渡票等の書類により行い、管理す",
        "る。",
    ]


def test_a_short_label_beside_its_value_and_the_next_label_stay_apart() -> None:
    # 「③対象となる本人の範囲」 does not fill its column: 「その必要性」 is the next row's label
    assert _texts(LAYOUT)[4:] == LAYOUT.rstrip("\n").split("\n")[4:]


def test_lines_keep_their_source_numbers() -> None:
    got = wrapped.join(from_text(LAYOUT))
    assert [line.number for line in got[:4]] == [1, 2, 3, 4]


def test_a_wrapped_label_beside_a_choice_and_its_option_list() -> None:
    raw = (
        "特定個人情報ファイルの閲覧者・更新    [ 制限している ]               ＜選択肢＞\n"
        "者の制限                                          1） 制限している\n"
        "                                              2） 制限していない\n"
    )
    assert _texts(raw)[:2] == [
        "特定個人情報ファイルの閲覧者・更新者の制限   [ 制限している ]               ＜選択肢＞",
        "1） 制限している",
    ]


def test_a_short_heading_and_the_next_label_stay_apart() -> None:
    # 「リスク２：」 ends near its gap but the next line's label is wider than its column
    raw = "リスク２：   権限のない者によって不正に使用されるリスク\nユーザ認証の管理            [ 行っている ]\n"
    assert _texts(raw) == raw.rstrip("\n").split("\n")


def test_a_checkbox_row_is_not_taken_for_cells() -> None:
    raw = "[ 　 ] 住民基本台帳ネットワークシステム [ ○ ] 既存住民基本台帳システム\n[ ○ ] 宛名システム等 [ 　 ] 税務システム\n"
    assert _texts(raw) == raw.rstrip("\n").split("\n")
