"""A stand-alone 基礎項目評価書 (様式2) imported as a `form: basic` model, on synthetic snippets shaped
like the form: Ⅰ　関連情報 prints items of groups the full form keeps elsewhere (７．特定個人情報の開示・
訂正・利用停止請求 → 請求先, ８．… → 連絡先, the full form's Ⅴ); their headings are the form's labels
and end the item before them, never a value of it."""

from __future__ import annotations

from typing import Any

from piagen.importers import labels, text

HEAD = """[平成31年１月　様式２]
特定個人情報保護評価書（基礎項目評価書）
 評価書番号
7
 評価書名
テスト町　税務事務　基礎項目評価書
Ⅰ　関連情報
 １．特定個人情報ファイルを取り扱う事務
 ①事務の名称
税務に関する事務
 ②事務の概要
町民税の賦課を行う。
"""


def _read(body: str) -> dict[str, Any]:
    data: dict[str, Any] = text.read((HEAD + body).encode("utf-8")).models[0].data
    return data


def test_basic_form_knows_the_headings_of_groups_it_borrows() -> None:
    keys = {i.path: i.label for i in labels.items("basic")}
    assert keys[("disclosure", "request")] == "７．特定個人情報の開示・訂正・利用停止請求"
    assert keys[("disclosure", "inquiry")] == "８．特定個人情報ファイルの取扱いに関する問合せ"
    # a section 様式2 does not print is not a label of it
    assert ("disclosure",) not in keys and ("other_measures",) not in keys
    # the full form is unchanged: there the same group is Ⅴ's
    full = {i.path: i.label for i in labels.items("full")}
    assert full[("disclosure", "request")].endswith("特定個人情報の開示・訂正・利用停止請求")


def test_a_blank_item_before_a_borrowed_heading_stays_blank() -> None:
    data = _read(
        " ６．他の評価実施機関\n"
        " ７．特定個人情報の開示・訂正・利用停止請求\n"
        " 請求先\n"
        "〒000-0000　テスト町本町１番地\n総務課　電話：000-000-0000\n"
        " ８．特定個人情報ファイルの取扱いに関する問合せ\n"
        " 連絡先\n"
        "〒000-0000　テスト町本町１番地\n税務課　電話：000-000-0001\n"
        "Ⅱ　しきい値判断項目\n"
    )
    assert data["form"]["type"] == "basic"
    assert "other_bodies" not in data.get("basic_info", {})
    assert data["disclosure"]["request"]["to"] == "〒000-0000　テスト町本町１番地\n総務課　電話：000-000-0000"
    assert data["disclosure"]["inquiry"]["contact"] == "〒000-0000　テスト町本町１番地\n税務課　電話：000-000-0001"
