"""Items piagen's own PDF prints in a way the importer missed (found by the round trip,
benchmarks/import_roundtrip.py), each on a synthetic snippet of that shape: two flags ticked on one
printed row (「[ ○ ] 接続しない（入手） [ ○ ] 接続しない（提供）」), a date with 「予定」 not in brackets,
and in a 別紙 list of 移転先 from extracted text, a ⑥移転方法 that ends the line of ④⑤ with ⑦時期・頻度 in
the next block of lines."""

from __future__ import annotations

from typing import Any

from piagen.importers import text
from tests.shared import published_cover

HEAD = (
    published_cover("住民基本台帳に関する事務", number="1")
    + "Ⅱ　特定個人情報ファイルの概要\n１．特定個人情報ファイル名\n住民基本台帳ファイル\n"
)


def _read(body: str) -> dict[str, Any]:
    data: dict[str, Any] = text.read((HEAD + body).encode("utf-8")).models[0].data
    return data


def test_every_flag_ticked_on_one_row_is_set() -> None:
    data = _read(
        "Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策\n"
        " ６．情報提供ネットワークシステムとの接続\n"
        "[ ○ ] 接続しない（入手） [ ○ ] 接続しない（提供）\n"
    )
    assert data["files"][0]["risks"]["network"] == {"no_acquisition": True, "no_provision": True}
    data = _read(
        "Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策\n"
        " ６．情報提供ネットワークシステムとの接続\n"
        "[ 　 ] 接続しない（入手） [ ○ ] 接続しない（提供）\n"
    )
    assert data["files"][0]["risks"]["network"] == {"no_provision": True}


def test_a_planned_date_keeps_its_yotei() -> None:
    data = _read(
        "Ⅵ　評価実施手続\n ３．第三者点検\n ①実施日\n令和４年１２月予定\n ②方法\n審議会に諮問する。\n"
    )
    assert data["procedure"]["third_party"]["date"] == "令和４年１２月予定"
    data = _read("Ⅵ　評価実施手続\n ３．第三者点検\n ①実施日\n令和4年12月（予定）\n")
    assert data["procedure"]["third_party"]["date"] == "令和4年12月（予定）"


def test_timing_in_the_block_after_a_method_that_ends_its_line() -> None:
    body = """ ５．特定個人情報の提供・移転（委託に伴うものを除く。）
 移転先1 番号法別表第１に定める事務実施所管課（別紙２参照）

別紙２
特定個人情報の移転

移転先 ①法令上の根拠 ②移転先における用途 ③移転する情報

1 都市創造部住宅課 番号法別表第一19の項
公営住宅法による公営住宅の管理
に関する事務に使用

住民票関係情報 1万人未満 入居者、同居者 庁内連携システム

市営住宅入居希望が
あったとき（随時）

2 総務部税制課 番号法別表第一16の項
軽自動車税の賦課に関する事務に使用

住民票関係情報 1万人未満 納税義務者

庁内連携システム
異動事由発生の都度
（随時）
"""
    rows = _read(body)["files"][0]["provision"]["transferees"]
    assert [(r["methods"], r.get("timing")) for r in rows] == [
        ({"庁内連携システム": True}, "市営住宅入居希望があったとき（随時）"),
        ({"庁内連携システム": True}, "異動事由発生の都度（随時）"),
    ]
    assert rows[0]["scope"] == "入居者、同居者"
