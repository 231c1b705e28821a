"""Values printed before a run of their labels (ahead.py). The lines are those of seed 003 (高槻市
住民基本台帳に関する事務, Ⅴ１): 個人情報ファイル名 and 公表場所 come as two paragraphs after 特記事項,
their labels a few lines later."""

from __future__ import annotations

from typing import Any

from piagen.importers import text
from tests.shared import PUBLISHED_COVER

REQUEST = """Ⅴ　開示請求、問合せ
 １．特定個人情報の開示・訂正・利用停止請求

 ②請求方法 指定様式による書面の提出により開示、訂正、削除、中止請求を受け付ける。

— 特記事項

住民基本台帳システム

{place}
 ③手数料等

 ⑤法令による特別の手続

 ２．特定個人情報ファイルの取扱いに関する問合せ

 ④個人情報ファイル簿の公表

 個人情報ファイル名

 公表場所

 ⑥個人情報ファイル簿への不
記載等

—

1) 行っている 2) 行っていない
＜選択肢＞]
"""
PLACE = """〒569-8501　高槻市桃園町２番１号
高槻市　総務部　法務ガバナンス室
電話：０７２－６７４－７３２２　ファックス：０７２－６７４－７８３７
"""


def _read(place: str) -> tuple[dict[str, Any], list[str]]:
    model = text.read((PUBLISHED_COVER + REQUEST.replace("{place}", place)).encode("utf-8")).models[0]
    return model.data["disclosure"]["request"], [u.line.text for u in model.unplaced]


def test_paragraphs_before_a_run_of_empty_labels_are_their_values() -> None:
    request, _ = _read(PLACE)
    assert request["method_note"] == "—"
    assert request["file_register"]["file_name"] == "住民基本台帳システム"
    assert request["file_register"]["place"] == PLACE.strip()
    assert request["non_listing"] == "—"


def test_fewer_paragraphs_than_labels_are_not_guessed() -> None:
    """One paragraph for the run of two labels: which label it belongs to is not known; it stays
    unplaced, with its line."""
    request, unplaced = _read("")
    assert "file_name" not in request.get("file_register", {})
    assert "住民基本台帳システム" in unplaced
