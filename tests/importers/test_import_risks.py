"""Ⅲ リスク対策 blocks of extracted 全項目評価書: labels the form prints in several places
(importers/repeats.py). Each mechanism on a small snippet shaped like the artefact the seeds show,
in the form's own labels, and on the seeds against the hand-made examples."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from piagen.importers import text
from piagen.model import source
from tests.shared import PUBLISHED_COVER, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import import_seeds  # noqa: E402

SEEDS = import_seeds.SEEDS
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed documents are not here ({SEEDS})")

RISKS = """Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※（７．リスク１⑨を除く。）
 １．特定個人情報ファイル名
住民税ファイル
 ３．特定個人情報の使用
"""


def _read(body: str) -> tuple[dict[str, Any], list[str]]:
    imported = text.read((PUBLISHED_COVER + RISKS + body).encode("utf-8"))
    model = imported.models[0]
    return model.data, [u.line.text.strip() for u in model.unplaced]


def test_management_methods_printed_bottom_up_go_to_the_item_above_the_label_after_them() -> None:
    # The seeds' extraction prints リスク２'s value cells bottom-up, each followed by the label of
    # the row printed below it (000, 003 住基 file 1, 004 alike).
    data, _ = _read(
        """ リスク２：　権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク

 具体的な管理方法
権限を定期的に点検する。

 特定個人情報の使用の記録

 具体的な方法 操作ログを記録している。

記録を残している[

 具体的な管理方法
異動の都度、失効処理を行う。

 アクセス権限の管理 [ 行っている

 具体的な管理方法 ＩＣカードとパスワードで認証する。

 アクセス権限の発効・失効の
管理

[ 行っている

 ユーザ認証の管理 [ 行っている
"""
    )
    r2 = data["files"][0]["risks"]["use"]["r2"]
    assert r2["user_auth"]["method"] == "ＩＣカードとパスワードで認証する。"
    assert r2["access_grant"]["method"] == "異動の都度、失効処理を行う。"
    assert r2["access_control"]["method"] == "権限を定期的に点検する。"
    assert r2["usage_log"]["method"] == "操作ログを記録している。"
    assert {r2[k]["status"] for k in ("user_auth", "access_grant", "access_control")} == {"行っている"}


def test_management_methods_in_reading_order_stay_with_their_own_labels() -> None:
    data, _ = _read(
        """ リスク２：　権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク
 ユーザ認証の管理 [ 行っている ]
 具体的な管理方法 ＩＣカードとパスワードで認証する。
 アクセス権限の発効・失効の管理 [ 行っている ]
 具体的な管理方法 異動の都度、失効処理を行う。
 アクセス権限の管理 [ 行っている ]
 具体的な管理方法 権限を定期的に点検する。
 特定個人情報の使用の記録 [ 記録を残している ]
 具体的な方法 操作ログを記録している。
 その他の措置の内容 ―
"""
    )
    r2 = data["files"][0]["risks"]["use"]["r2"]
    assert r2["user_auth"]["method"] == "ＩＣカードとパスワードで認証する。"
    assert r2["access_grant"]["method"] == "異動の都度、失効処理を行う。"
    assert r2["access_control"]["method"] == "権限を定期的に点検する。"
    assert r2["other"] == "―"


def test_a_risk_title_of_two_sections_opens_the_one_not_read_yet() -> None:
    # 「リスク４：　入手の際に特定個人情報が漏えい・紛失するリスク」 is printed in Ⅲ２ and in Ⅲ６; met
    # again pages after Ⅲ２'s was read (000 prints Ⅲ６'s before Ⅲ６'s heading), it is Ⅲ６'s.
    filler = "".join(f"・措置{n}を講じている。\n" for n in range(120))
    data, _ = _read(
        """ リスク４：　入手の際に特定個人情報が漏えい・紛失するリスク
 リスクに対する措置の内容 施錠した書庫に保管する。
 リスクへの対策は十分か [ 十分である ]
 特定個人情報の使用におけるその他のリスク及びそのリスクに対する措置
"""
        + filler
        + """ リスク４：　入手の際に特定個人情報が漏えい・紛失するリスク
 リスクに対する措置の内容 中間サーバーは暗号化した通信を使用する。
 リスクへの対策は十分か [ 特に力を入れている ]
 ６．情報提供ネットワークシステムとの接続
 リスク１：　目的外の入手が行われるリスク
 リスクに対する措置の内容 照会許可用照合リストで照合する。
"""
    )
    risks = data["files"][0]["risks"]
    assert risks["network"]["r4"]["measures"] == "中間サーバーは暗号化した通信を使用する。"
    assert risks["network"]["r4"]["rating"] == "特に力を入れている"
    assert risks["network"]["r1"]["measures"] == "照会許可用照合リストで照合する。"


# Leaves of Ⅲ whose cells the seeds print out of order, by example (the file index, the path
# under its risks).
OUT_OF_ORDER = {
    "kashiwa-yobou-sesshu": [
        (0, "use.r2.user_auth.method"),
        (0, "use.r2.access_grant.method"),
        (0, "use.r2.access_control.method"),
        (0, "entrustment.handling_log.method"),
        (0, "entrustment.subcontractors.method"),
        (0, "network.r1.measures"),
        (0, "network.r4.measures"),
    ],
    "takatsuki-yobou-sesshu": [
        (0, "use.r2.user_auth.method"),
        (0, "use.r2.access_grant.method"),
        (0, "use.r2.access_control.method"),
    ],
    "takatsuki-juki": [
        (f, f"use.r2.{item}.method")
        for f in (0, 1, 2)
        for item in ("user_auth", "access_grant", "access_control")
    ]
    + [(f, f"storage.r1.{item}.measures") for f in (1, 2) for item in ("physical", "technical")]
    # files 2 and 3: Ⅲ２'s later risks printed before the file's Ⅲ heading (importers/chapters.py)
    + [(f, f"acquisition.{risk}.measures") for f in (1, 2) for risk in ("r2", "r4")],
    "kawasaki-kenko-zoshin": [
        (0, "use.r2.user_auth.method"),
        (0, "use.r2.access_control.method"),
        (0, "network.r1.measures"),
        (0, "network.r3.measures"),
    ],
}


@needs_seeds
@pytest.mark.parametrize("name", sorted(OUT_OF_ORDER))
def test_seed_risk_cells_printed_out_of_order_match_the_example(name: str) -> None:
    prefix = next(p for p, names in import_seeds.EXAMPLES.items() if name in names)
    seed = next(SEEDS.glob(f"{prefix}_*.txt"))
    example = source.load(ROOT / "examples" / f"{name}.yaml").data
    got = import_seeds.match([m.data for m in text.read(seed.read_bytes()).models], example)
    for n, dotted in OUT_OF_ORDER[name]:
        path = ("files", n, "risks", *dotted.split("."))
        want = import_seeds.get(example, path)
        assert want is not None, path
        assert import_seeds.same(import_seeds.get(got, path), want), f"{name} files.{n}.risks.{dotted}"


TWO_FILES = """ ３．特定個人情報ファイル名
（１）住民基本台帳ファイル
（２）本人確認情報ファイル
Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
（１）住民基本台帳ファイル
Ⅱ　特定個人情報ファイルの概要
 １．特定個人情報ファイル名
（２）本人確認情報ファイル
Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※（７．リスク１⑨を除く。）
 １．特定個人情報ファイル名
（１）住民基本台帳ファイル
 ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。）
 リスク４：　入手の際に特定個人情報が漏えい・紛失するリスク
 リスクに対する措置の内容 届出書は施錠して保管する。
 リスクへの対策は十分か [ 十分である ]
 特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置
—
 ７．特定個人情報の保管・消去
 リスク２：　特定個人情報が古い情報のまま保管され続けるリスク
 リスクに対する措置の内容 異動の都度更新する。
"""


def test_a_files_first_risk_page_printed_before_its_heading_is_that_files() -> None:
    # 高槻住基 (seed 003) prints the later risks of Ⅲ２ of files 2 and 3 just before their Ⅲ heading,
    # after the previous file's ７．: they are the next file's, not the previous file's again.
    imported = text.read(
        (
            PUBLISHED_COVER
            + TWO_FILES
            + """ 特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置
特になし
 リスク４：　入手の際に特定個人情報が漏えい・紛失するリスク
 リスクに対する措置の内容 住基ネット以外とは接続しない。
 リスクへの対策は十分か [ 特に力を入れている ]
Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※（７．リスク１⑨を除く。）
 １．特定個人情報ファイル名
（２）本人確認情報ファイル
 ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。）
 リスク１：　目的外の入手が行われるリスク
 対象者以外の情報の入手を防止するための措置の内容 入手元を限定する。
"""
        ).encode("utf-8")
    )
    files = imported.models[0].data["files"]
    first, second = files[0]["risks"]["acquisition"], files[1]["risks"]["acquisition"]
    assert first["r4"] == {"measures": "届出書は施錠して保管する。", "rating": "十分である"}
    assert first["other_risks"] == "—"
    assert second["r4"] == {"measures": "住基ネット以外とは接続しない。", "rating": "特に力を入れている"}
    assert second["other_risks"] == "特になし"
    assert second["r1"]["non_subjects"] == "入手元を限定する。"
    assert files[0]["risks"]["storage"]["r2"]["measures"] == "異動の都度更新する。"


def test_flags_printed_on_their_section_headings_row() -> None:
    # 高槻住基 files 2 and 3 (seed 003): the boxes on the heading's row, ticked or not.
    data, unplaced = _read(
        """ ４．特定個人情報ファイルの取扱いの委託 [ ○ ] 委託しない
 ５．特定個人情報の提供・移転 （委託や情報提供ネットワークシステムを通じた提供を除く。） [ ] 提供・移転しない
 ６．情報提供ネットワークシステムとの接続 [ ○ ] 接続しない（入手） [ ○ ] 接続しない（提供）
"""
    )
    risks = data["files"][0]["risks"]
    assert risks["entrustment"]["not_entrusted"] is True
    assert "not_provided" not in (risks.get("provision") or {})
    assert risks["network"]["no_acquisition"] is True
    assert risks["network"]["no_provision"] is True
    assert not [u for u in unplaced if "しない" in u]


def test_a_row_of_flags_extracted_right_to_left() -> None:
    # 高槻住基 file 1 (seed 003): 「[ ○ ] 接続しない（入手） [ ] 接続しない（提供）」 comes out reversed.
    data, _ = _read(
        """ リスク１：　目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク
] 接続しない（提供）[] 接続しない（入手）○[ ６．情報提供ネットワークシステムとの接続
"""
    )
    network = data["files"][0]["risks"]["network"]
    assert network["no_acquisition"] is True
    assert "no_provision" not in network


def test_a_row_of_flags_right_to_left_without_a_tick_sets_none() -> None:
    # 柏 (seed 000) prints the same row with both boxes empty.
    data, _ = _read(
        """ リスク１：　目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク
] 接続しない（提供）[] 接続しない（入手）[ ６．情報提供ネットワークシステムとの接続
"""
    )
    assert "network" not in data["files"][0].get("risks", {})


FLAGS = {
    "takatsuki-juki": [
        (0, "network.no_acquisition"),
        (1, "entrustment.not_entrusted"),
        (1, "network.no_acquisition"),
        (1, "network.no_provision"),
        (2, "entrustment.not_entrusted"),
        (2, "network.no_acquisition"),
        (2, "network.no_provision"),
    ]
}


@needs_seeds
def test_seed_flags_of_sections_not_carried_out_match_the_example() -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    example = source.load(ROOT / "examples" / "takatsuki-juki.yaml").data
    got = import_seeds.match([m.data for m in text.read(seed.read_bytes()).models], example)
    for n, dotted in FLAGS["takatsuki-juki"]:
        path = ("files", n, "risks", *dotted.split("."))
        assert import_seeds.get(example, path) is True, path
        assert import_seeds.get(got, path) is True, f"files.{n}.risks.{dotted}"
    for n in range(3):  # and no flag the example does not have
        for section, flag in (("provision", "not_provided"), ("entrustment", "not_entrusted")):
            path = ("files", n, "risks", section, flag)
            assert import_seeds.get(got, path) == import_seeds.get(example, path), path
