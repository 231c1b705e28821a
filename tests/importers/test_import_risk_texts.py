"""Completion passes for the free texts of Ⅲ and ８～１０ (importers/risk_texts.py): a text read under an
item the form does not ask for, a text of Ⅲ６ read in another section, a 規定 clause list read as
その他のリスク, a lone dash. Each on a small 様式3 snippet shaped like the seeds' extraction (label and
value columns apart), with the rule's negative case, and on seed 002 against its hand-made example."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from piagen.importers import text
from piagen.model import source
from tests.importers.test_import_focused_layout import COVER as FOCUSED_COVER
from tests.importers.test_import_published import SEEDS, needs_seeds
from tests.shared import PUBLISHED_COVER, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_seeds  # noqa: E402

# the focused form's cover and Ⅰ１① (tests/importers/test_import_focused_layout.py), then Ⅲ's file
COVER = FOCUSED_COVER + "Ⅲ　リスク対策　※（７．②を除く。）\n １．特定個人情報ファイル名\n試験ファイル\n"

STORAGE = """ ７．特定個人情報の保管・消去
 リスク：　特定個人情報の漏えい・滅失・毀損リスク
 ①事故発生時手順の策定・周知 [ 十分に行っている ]
 ②過去３年以内に、評価実施機関において、個人情報に関する重大事故が発生したか [ {incident} ]

―

 再発防止策の内容 ―
 その他の措置の内容 ―
 リスクへの対策は十分か [ 十分である ]
 特定個人情報の保管・消去におけるその他のリスク及びそのリスクに対する措置 施錠できる書庫に保管する。
 その内容

＜共通基盤における措置＞
・統一した設備環境で運用・監視することで、セキュリティリスクを低減する。

＜試験市における措置＞
初任者を対象とした研修を年に１回実施している。

 ９．従業者に対する教育・啓発
 従業者に対する教育・啓発 [ 十分に行っている ]
 具体的な方法

 １０．その他のリスク対策
"""

ENTRUSTMENT = """ ４．特定個人情報ファイルの取扱いの委託

 リスク：　委託先における不正な使用等のリスク

 規定の内容

1） 定めている 2） 定めていない

] ＜選択肢＞
1） 特に力を入れている 2） 十分である
3） 課題が残されている

 具体的な方法
再委託先からも誓約書を徴収している。

 特定個人情報ファイルの取扱いの委託におけるその他のリスク及びそのリスクに対する措置

 リスクへの対策は十分か

] ＜選択肢＞
1） 特に力を入れている
3） 課題が残されている

― その他の措置の内容

2） 十分である

定めている[

[ 十分に行っている

・データの秘密保持に関する事項
・再委託の禁止又は制限に関する事項
・データの複写及び複製の禁止に関する事項

 委託契約書中の特定個人情
報ファイルの取扱いに関する
規定

 再委託先による特定個人情
報ファイルの適切な取扱いの
担保

十分である

[

＜試験市における措置＞
{network_text}

[ 十分である 2） 十分である

 リスク１：　目的外の入手が行われるリスク

 リスクに対する措置の内容
照会許可用照合リストと照合する。

 リスクへの対策は十分か

] 接続しない（提供）[ ] 接続しない（入手） ６．情報提供ネットワークシステムとの接続

 リスク２： 不正な提供が行われるリスク

 リスクに対する措置の内容
自動応答不可フラグを設定する。

 情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置

 ７．特定個人情報の保管・消去
"""

NETWORK_TEXT = (
    "本市では、情報提供ネットワークシステムとの全ての連携は中間サーバーが行い、"
    "情報提供ネットワークシステム側から業務システムへのアクセスはできない。"
)


def _read(body: str) -> tuple[dict[str, Any], list[str]]:
    imported = text.read((COVER + body).encode("utf-8"))
    model = imported.models[0]
    return model.data, [u.line.text.strip() for u in model.unplaced]


def test_a_text_under_an_item_not_asked_goes_to_the_empty_labels_after_it_by_their_vocabulary() -> None:
    # 「その内容」 is asked only when the 重大事故 is 「発生あり」: the ＜…＞ blocks read under it are the
    # values of ９．具体的な方法 (the block about 研修) and １０．その他のリスク対策 (the rest), whose labels
    # follow it empty (北九州's Ⅲ７ page). The lone dash is then 「その内容」's own cell.
    data, unplaced = _read(STORAGE.format(incident="発生なし"))
    incident = data["files"][0]["risks"]["storage"]["r1"]["incident"]
    assert incident == {"status": "発生なし", "details": "―", "prevention": "―"}
    others = data["other_measures"]
    assert (
        others["training"]["method"]
        == "＜試験市における措置＞\n初任者を対象とした研修を年に１回実施している。"
    )
    assert others["other"] == (
        "＜共通基盤における措置＞\n・統一した設備環境で運用・監視することで、セキュリティリスクを低減する。"
    )
    assert "―" not in unplaced


def test_a_text_under_an_item_that_is_asked_stays_there() -> None:
    data, _ = _read(STORAGE.format(incident="発生あり"))
    details = data["files"][0]["risks"]["storage"]["r1"]["incident"]["details"]
    assert "研修" in details and "共通基盤" in details
    assert "method" not in data["other_measures"]["training"]


def test_blocks_that_the_vocabulary_does_not_divide_stay_where_they_were_read() -> None:
    body = STORAGE.format(incident="発生なし").replace("研修を年に１回実施している", "書類を施錠保管している")
    data, _ = _read(body)
    assert "書類を施錠保管している" in data["files"][0]["risks"]["storage"]["r1"]["incident"]["details"]
    assert "other" not in data["other_measures"]


def test_a_network_text_read_in_another_section_goes_to_the_empty_slot_of_section_6() -> None:
    # 北九州 (its page shape, shortened): the Ⅲ６ 「その他のリスク」 text printed 90 lines before its
    # label, read as Ⅲ４'s 規定の内容 (far from that label); the 規定 clause list read as Ⅲ４'s
    # その他のリスク then goes to 規定の内容.
    data, _ = _read(ENTRUSTMENT.format(network_text=NETWORK_TEXT))
    risks = data["files"][0]["risks"]
    assert risks["network"]["other_risks"] == "＜試験市における措置＞\n" + NETWORK_TEXT
    assert risks["entrustment"]["contract"]["content"] == (
        "・データの秘密保持に関する事項\n・再委託の禁止又は制限に関する事項\n・データの複写及び複製の禁止に関する事項"
    )
    assert "other_risks" not in risks["entrustment"]


def test_a_text_naming_its_own_section_stays_in_it() -> None:
    own = NETWORK_TEXT + "委託先にも同じ措置を求める。"
    data, _ = _read(ENTRUSTMENT.format(network_text=own))
    risks = data["files"][0]["risks"]
    assert "委託先にも同じ措置を求める。" in risks["entrustment"]["contract"]["content"]
    assert "other_risks" not in risks["network"]
    assert "データの秘密保持" in risks["entrustment"]["other_risks"]  # 規定の内容 is taken


def test_a_clause_list_stays_in_other_risks_when_no_rules_are_set() -> None:
    body = ENTRUSTMENT.format(network_text=NETWORK_TEXT).replace("定めている[", "定めていない[")
    data, _ = _read(body)
    entrustment = data["files"][0]["risks"]["entrustment"]
    assert "content" not in entrustment["contract"]
    assert "データの秘密保持" in entrustment["other_risks"]


@needs_seeds
def test_seed_002_risk_texts_are_where_the_example_has_them() -> None:
    example = source.load(ROOT / "examples" / "kitakyushu-shingata-influenza.yaml").data
    seed = next(SEEDS.glob("002_*.txt"))
    data = text.read(seed.read_bytes()).models[0].data
    for path in (
        ("files", 0, "risks", "entrustment", "contract", "content"),
        ("files", 0, "risks", "network", "other_risks"),
        ("files", 0, "risks", "storage", "r1", "incident", "details"),
        ("other_measures", "training", "method"),
        ("other_measures", "other"),
    ):
        want = import_seeds.get(example, path)
        assert want is not None, path
        assert import_seeds.same(import_seeds.get(data, path), want), path


FULL_RISKS = """Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※（７．リスク１⑨を除く。）
 １．特定個人情報ファイル名
住民税ファイル
"""

MOVED_TEXT = "・庁内連携システムにおけるデータの移転は認められた移転先からのみとする。"

SWAPPED = """ ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。）
 リスク１：　目的外の入手が行われるリスク
 その他の措置の内容 —
 リスク３：　入手した特定個人情報が不正確であるリスク
 その他の措置の内容 —
 ３．特定個人情報の使用
 リスク１：　目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク
 その他の措置の内容 —
 リスク２：　権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク
 その他の措置の内容 —
 ４．特定個人情報ファイルの取扱いの委託
 再委託先による特定個人情報ファイルの適切な取扱いの確保 [ 十分に行っている ]
 具体的な方法 誓約書を徴収している。
 ５．特定個人情報の提供・移転 （委託や情報提供ネットワークシステムを通じた提供を除く。）
 リスク１：　不正な提供・移転が行われるリスク
 その他の措置の内容 —
 リスクへの対策は十分か [ 十分である ]
 リスク２：　不適切な方法で提供・移転が行われるリスク
 リスクに対する措置の内容 提供・移転する機能をシステム上設けない。
 その他の措置の内容
{text}
 特定個人情報の提供・移転に関するルール [ 定めている ]
"""


def _read_full(body: str) -> tuple[dict[str, Any], list[str]]:
    imported = text.read((PUBLISHED_COVER + body).encode("utf-8"))
    model = imported.models[0]
    return model.data, [u.line.text.strip() for u in model.unplaced]


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [t for sub in node.values() for t in _texts(sub)]
    return [node] if isinstance(node, str) else []


def test_a_text_about_transfer_read_under_a_shared_label_among_section_5_goes_to_section_5() -> None:
    # 高槻住基: two 「その他の措置の内容」 on Ⅲ５'s page, the first with 「—」; the second's text, about
    # 移転 and never 委託, was given to the Ⅲ４ copy of the label, and Ⅲ５'s took the dash.
    data, _ = _read_full(FULL_RISKS + SWAPPED.format(text=MOVED_TEXT))
    risks = data["files"][0]["risks"]
    assert risks["provision"]["r1"]["other"] == MOVED_TEXT
    assert _texts(risks).count(MOVED_TEXT) == 1


def test_a_text_naming_its_own_section_or_read_before_the_other_section_is_not_swapped() -> None:
    own = MOVED_TEXT + "委託先にも同じ措置を求める。"
    data, _ = _read_full(FULL_RISKS + SWAPPED.format(text=own))
    assert data["files"][0]["risks"]["provision"]["r1"]["other"] == "—"
    before = """ ４．特定個人情報ファイルの取扱いの委託
 その他の措置の内容
{text}
 リスクへの対策は十分か [ 十分である ]
 ５．特定個人情報の提供・移転 （委託や情報提供ネットワークシステムを通じた提供を除く。）
 リスク１：　不正な提供・移転が行われるリスク
 その他の措置の内容 —
 リスクへの対策は十分か [ 十分である ]
"""
    data, _ = _read_full(FULL_RISKS + before.format(text=MOVED_TEXT))
    risks = data["files"][0]["risks"]
    assert risks["provision"]["r1"]["other"] == "—"
    assert _texts(risks).count(MOVED_TEXT) == 1


MEASURES = """Ⅳ　その他のリスク対策 ※
 １．監査
 ①自己点検 [ 十分に行っている ]
 具体的なチェック方法
<試験市における措置>
・個人番号の不正使用が発生した場合は、本人の請求により個人番号を変更する。

<試験市における措置>
・評価書の記載内容どおりの運用ができているか、年１回以上部署内にてチェックを行う。
 ②監査 [ 十分に行っている ]
 具体的な内容 ・内部監査を定期的に実施する。{note}
 ２．従業者に対する教育・啓発
 従業者に対する教育・啓発 [ 十分に行っている ]
 具体的な方法 ・全職員を対象に研修を実施する。
 ３．その他のリスク対策
Ⅴ　開示請求、問合せ
"""


def test_blocks_naming_none_of_their_items_words_go_to_the_empty_label_after_them() -> None:
    # 高槻住基: ③その他のリスク対策's block read first under ①'s 「具体的なチェック方法」; ③'s label
    # follows empty. Each block of Ⅳ names its own heading's words (チェック, 監査, 研修), ③'s none.
    data, _ = _read_full(MEASURES.format(note=""))
    measures = data["other_measures"]
    assert measures["audit"]["self_check"]["method"] == (
        "<試験市における措置>\n・評価書の記載内容どおりの運用ができているか、年１回以上部署内にてチェックを行う。"
    )
    assert measures["other"] == (
        "<試験市における措置>\n・個人番号の不正使用が発生した場合は、本人の請求により個人番号を変更する。"
    )


def test_a_block_the_document_prints_in_another_item_too_is_not_moved() -> None:
    # the same note closing ②監査's text: a note the document adds to every cell, not ③'s value
    note = (
        "\n<試験市における措置>\n・個人番号の不正使用が発生した場合は、本人の請求により個人番号を変更する。"
    )
    data, _ = _read_full(MEASURES.format(note=note))
    measures = data["other_measures"]
    assert "個人番号を変更する" in measures["audit"]["self_check"]["method"]
    assert "other" not in measures


UNREAD = """ ７．特定個人情報の保管・消去
 リスク３：　特定個人情報が消去されずいつまでも存在するリスク
 消去手順 [ 定めている
 3) 十分に行っていない
2) 十分に行っている1) 特に力を入れて行っている

]十分に行っている[

 ２．従業者に対する教育・啓発

 ②監査

[ ]

＜選択肢＞

＜本市全般における措置＞
・年に１回、担当部署内において評価書の記載事項どおり運用がなされているか{words}を実施する。

<追加措置>
　システムの利用を管理し、必要な監督をする。

十分に行っている 従業者に対する教育・啓発

 具体的な方法

＜本市全般における措置＞
・全職員を対象に、定期的に研修を実施する。

3) 十分に行っていない
1) 特に力を入れて行っている 2) 十分に行っている
＜選択肢＞

Ⅳ　その他のリスク対策 ※

 １．監査

 ①自己点検 十分に行っている[ ＜選択肢＞
1) 特に力を入れて行っている 2) 十分に行っている
3) 十分に行っていない

]

 具体的なチェック方法

 具体的な内容

＜本市全般における措置＞
・内部監査を定期的に実施する。
  ３．その他のリスク対策

＜本市全般における措置＞
・個人番号の変更を行う。
Ⅴ　開示請求、問合せ
"""


def test_unplaced_paragraphs_naming_one_items_words_are_that_items_value() -> None:
    # 高槻予防接種: ①自己点検's text among the option lists of ②監査, read by no label.
    data, unplaced = _read_full(FULL_RISKS + UNREAD.format(words="点検"))
    method = data["other_measures"]["audit"]["self_check"]["method"]
    assert method.startswith(
        "＜本市全般における措置＞\n・年に１回、担当部署内において評価書の記載事項どおり運用がなされているか点検"
    )
    assert method.endswith("必要な監督をする。")
    assert not [u for u in unplaced if "点検" in u]


def test_unplaced_paragraphs_naming_several_items_words_stay_unplaced() -> None:
    data, unplaced = _read_full(FULL_RISKS + UNREAD.format(words="点検及び研修"))
    assert "method" not in data["other_measures"]["audit"].get("self_check", {})
    assert any("点検及び研修" in u for u in unplaced)


SEED_003: dict[str, list[tuple[str | int, ...]]] = {
    "takatsuki-yobou-sesshu": [("other_measures", "audit", "self_check", "method")],
    "takatsuki-juki": [
        ("other_measures", "audit", "self_check", "method"),
        ("other_measures", "other"),
        ("files", 0, "risks", "entrustment", "other"),
        ("files", 0, "risks", "provision", "r1", "other"),
    ],
}


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_003))
def test_seed_003_texts_of_section_4_and_shared_labels_are_where_the_example_has_them(name: str) -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    example = source.load(ROOT / "examples" / f"{name}.yaml").data
    got = import_seeds.match([m.data for m in text.read(seed.read_bytes()).models], example)
    for path in SEED_003[name]:
        want = import_seeds.get(example, path)
        assert want is not None, path
        assert import_seeds.same(import_seeds.get(got, path), want), path


def test_a_network_text_printed_right_under_a_label_of_another_section_stays_there() -> None:
    # read in reading order, under its own label: the text is that cell's, whatever it names
    body = f""" ４．特定個人情報ファイルの取扱いの委託
 リスク：　委託先における不正な使用等のリスク
 委託契約書中の特定個人情報ファイルの取扱いに関する規定 [ 定めている ]
 規定の内容
{NETWORK_TEXT}
 再委託先による特定個人情報ファイルの適切な取扱いの担保 [ 十分に行っている ]
 具体的な方法 誓約書を徴収している。
 ６．情報提供ネットワークシステムとの接続 [ ] 接続しない（入手） [ ] 接続しない（提供）
 リスク１：　目的外の入手が行われるリスク
 リスクに対する措置の内容 照会許可用照合リストと照合する。
 リスク２：　不正な提供が行われるリスク
 リスクに対する措置の内容 自動応答不可フラグを設定する。
 情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置
 ７．特定個人情報の保管・消去
"""
    data, _ = _read(body)
    risks = data["files"][0]["risks"]
    assert risks["entrustment"]["contract"]["content"] == NETWORK_TEXT
    assert "other_risks" not in risks["network"]
