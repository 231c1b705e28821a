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
from tests.shared import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_seeds  # noqa: E402

SEEDS = import_seeds.SEEDS
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed documents are not here ({SEEDS})")

COVER = """特定個人情報保護評価書（重点項目評価書）
 評価書番号
5
 評価書名
試験事務　重点項目評価書
Ⅰ　基本情報
 １．特定個人情報ファイルを取り扱う事務
 ①事務の名称 試験事務
Ⅲ　リスク対策　※（７．②を除く。）
 １．特定個人情報ファイル名
試験ファイル
"""

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
 委託契約書中の特定個人情報ファイルの取扱いに関する規定 [ 定めている ]
 規定の内容
＜試験市における措置＞
{network_text}
 再委託先による特定個人情報ファイルの適切な取扱いの担保 [ 十分に行っている ]
 具体的な方法 誓約書を徴収している。
 その他の措置の内容 ―
 リスクへの対策は十分か [ 十分である ]
 特定個人情報ファイルの取扱いの委託におけるその他のリスク及びそのリスクに対する措置
・データの秘密保持に関する事項
・再委託の禁止又は制限に関する事項
・データの複写及び複製の禁止に関する事項
 ６．情報提供ネットワークシステムとの接続 [ ] 接続しない（入手） [ ] 接続しない（提供）
 リスク１：　目的外の入手が行われるリスク
 リスクに対する措置の内容 照会許可用照合リストと照合する。
 リスクへの対策は十分か [ 十分である ]
 リスク２：　不正な提供が行われるリスク
 リスクに対する措置の内容 自動応答不可フラグを設定する。
 リスクへの対策は十分か [ 十分である ]
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
    # 北九州: the Ⅲ６ 「その他のリスク」 text printed 90 lines before its label, read as Ⅲ４'s 規定の内容;
    # the 規定 clause list read as Ⅲ４'s その他のリスク then goes to 規定の内容.
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
    body = ENTRUSTMENT.format(network_text=NETWORK_TEXT).replace("[ 定めている ]", "[ 定めていない ]")
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
