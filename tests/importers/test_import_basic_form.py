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
    assert (
        data["disclosure"]["inquiry"]["contact"]
        == "〒000-0000　テスト町本町１番地\n税務課　電話：000-000-0001"
    )


RISK_HEAD = "Ⅱ　しきい値判断項目\nⅣ　リスク対策\n"


def test_an_opened_tick_at_the_end_of_a_row_of_flags_is_the_next_flag() -> None:
    data = _read(
        RISK_HEAD + " ６．情報提供ネットワークシステムとの接続\n○］接続しない（入手）［ ○\n"
        " ７．特定個人情報の保管・消去\n"
    )
    assert data["basic"]["risk"]["network"] == {"no_acquisition": True, "no_provision": True}
    data = _read(RISK_HEAD + " ６．情報提供ネットワークシステムとの接続\n○］接続しない（入手）［ \n")
    assert data["basic"]["risk"]["network"] == {"no_acquisition": True}


def test_a_value_taken_early_by_an_item_a_later_tick_makes_moot_goes_to_the_next_item() -> None:
    data = _read(
        RISK_HEAD + "十分である\n特に力を入れている\n課題が残されている\n"
        " ２．特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）\n"
        " 目的外の入手が行われるリスクへの対策は十分か\n"
        " ６．情報提供ネットワークシステムとの接続\n"
        " 目的外の入手が行われるリスクへの対策は十分か\n"
        " 不正な提供が行われるリスクへの対策は十分か\n"
        "○］接続しない（入手）［ ○\n"
        " ３．特定個人情報の使用\n"
        " 目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスクへの対策は十分か\n"
        " 権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスクへの対策は十分か\n"
    )
    risk = data["basic"]["risk"]
    assert risk["acquisition"] == {"rating": "十分である"}
    assert risk["network"] == {"no_acquisition": True, "no_provision": True}
    # the two values the network ratings took early are given back, in their order
    assert risk["use"] == {"linking": "特に力を入れている", "unauthorized": "課題が残されている"}


def test_a_value_printed_beside_its_own_label_stays_when_a_flag_is_ticked() -> None:
    data = _read(
        RISK_HEAD + " ６．情報提供ネットワークシステムとの接続\n"
        " 目的外の入手が行われるリスクへの対策は十分か\n"
        "[ 十分である ]\n"
        "○］接続しない（入手）［ ○\n"
        " ３．特定個人情報の使用\n"
        " 目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスクへの対策は十分か\n"
    )
    risk = data["basic"]["risk"]
    assert risk["network"]["acquisition_rating"] == "十分である"
    assert "use" not in risk


def test_an_option_line_that_starts_with_a_label_is_a_value() -> None:
    # 「基礎項目評価書及び全項目評価書」 printed apart from １．提出する特定個人情報保護評価書の種類, whose
    # ＜選択肢＞ is printed without a tick: the line starts with the label 基礎項目評価書 but reads as one
    # option as a whole, so it is the held value, not a heading
    data = _read(
        RISK_HEAD + "基礎項目評価書及び全項目評価書\n"
        " １．提出する特定個人情報保護評価書の種類\n＜選択肢＞\n[ ]\n"
        "1) 基礎項目評価書\n2) 基礎項目評価書及び重点項目評価書\n3) 基礎項目評価書及び全項目評価書\n"
        " ２．特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）\n"
    )
    assert data["basic"]["risk"]["forms_submitted"] == "基礎項目評価書及び全項目評価書"
