"""Review deadlines and the 諮問書（案）, drafted from the model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from piagen.review import consultation
from piagen.review import kit as review
from tests.review.cases import (
    changed,
    revised,
)
from tests.shared import example, example_models


# ---- deadlines ----
@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("令和7年1月20日", ("令和7年1月20日", "令和8年1月20日", "令和12年1月20日")),
        ("令和6年2月29日", ("令和6年2月29日", "令和7年2月28日", "令和11年2月28日")),
        ("令和7年1月", None),
        (None, None),
    ],
)
def test_deadlines(published: str | None, expected: tuple[str, str, str] | None) -> None:
    data = changed((("cover", "published"), published))
    due = review.deadlines(data)
    assert (None if due is None else (due.published, due.yearly, due.five_years)) == expected


# ---- A: the 諮問書 is drafted from the model, so its lists are the model's ----
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def numbered(names: list[str]) -> str:
    return names[0] if len(names) == 1 else "\n".join(f"{CIRCLED[i]} {n}" for i, n in enumerate(names))


def listed(name: str) -> str:
    """A name as the 諮問書 lists it: its first line, without the （１） the list numbers anyway."""
    return re.sub(r"^（[0-9０-９]+）\s*", "", name.strip().splitlines()[0])


@pytest.mark.parametrize("path", example_models(), ids=lambda p: p.stem)
def test_A2_A3_consultation_lists_equal_the_model(path: Path) -> None:
    data = example(path.stem).data
    rows = dict(consultation.draft(data).rows)
    assert rows["特定個人情報ファイルの名称"] == numbered([listed(f["name"]) for f in data["files"]])
    assert rows["特定個人情報ファイルを取り扱うシステム"] == numbered(
        [listed(s["name"]) for s in data["basic_info"]["systems"]]
    )
    assert rows["業 務 名"] == data["basic_info"]["task"]["name"].strip()
    assert rows["諮 問 課"] == data["basic_info"]["department"]["name"].strip()


def test_A2_A3_takatsuki_juki_names_without_numbers_and_notes() -> None:
    """The model's names carry （１）（２）（３） and a note under システム2: the list shows the names only."""
    data = example("takatsuki-juki").data
    assert data["files"][0]["name"].startswith("（１）")
    assert "\n※" in data["basic_info"]["systems"][1]["name"]
    rows = dict(consultation.draft(data).rows)
    assert rows["特定個人情報ファイルの名称"] == (
        "① 住民基本台帳ファイル\n② 本人確認情報ファイル\n③ 送付先情報ファイル"
    )
    assert rows["特定個人情報ファイルを取り扱うシステム"] == (
        "① 既存住民基本台帳システム(以下「既存住基システム」という。)\n② 住民基本台帳ネットワークシステム\n"
        "③ 中間サーバ\n④ 団体内統合宛名システム\n⑤ コンビニ交付システム"
    )


def test_A3_takatsuki_consultation_lists_the_inserted_system() -> None:
    """§2.4-1: the real 諮問書 listed 5 systems; the draft lists all 6, including システム3."""
    rows = dict(consultation.draft(example("takatsuki-yobou-sesshu").data).rows)
    assert rows["特定個人情報ファイルを取り扱うシステム"] == (
        "① 健康情報管理システム\n② ワクチン接種管理システム\n③ 予防接種証明書発行管理システム\n"
        "④ ワクチン接種記録システム（ＶＲＳ）\n⑤ 団体内統合宛名システム\n⑥ 中間サーバー"
    )


def test_A5_A7_consultation_purpose_follows_the_model() -> None:
    data = revised("令和7年5月1日")
    data["consultation"] = {
        "body": "川崎市情報公開運営審議会",
        "provision": "川崎市情報公開条例第３４条",
        "previous_publications": ["令和5年1月25日", "令和7年1月20日"],
    }
    draft = consultation.draft(data)
    assert draft.heading == (
        "諮問書",
        "川崎市情報公開条例第３４条に規定する",
        "特定個人情報保護評価書に関する事項",
    )
    purpose = dict(draft.rows)["目 的 ・ 理 由"].split("\n")
    assert purpose[2] == (
        "\u3000本市では、健康増進事業の実施に関する事務について、令和5年1月25日及び令和7年1月20日に基礎項目評価書及び全項目評価書を公表しました。"
        "今般、ガバメントクラウドへの移行に伴い、特定個人情報ファイルの取扱いが変更されます。"
        "これは、特定個人情報保護評価の再実施が義務付けられる「重要な変更」にあたることから、"
        "改めて評価を行うとともに、令和6年10月9日から11月8日までの31日間、パブリックコメントを実施したところです。"
    )
    assert purpose[3] == (
        "\u3000このたび、パブリックコメント後の手続として、上記の「第三者点検」を実施するため、"
        "川崎市情報公開条例第３４条の規定により、川崎市情報公開運営審議会へ諮問するものです。"
    )


def test_consultation_for_a_focused_form() -> None:
    """A 重点項目評価書: the 意見募集 and the 第三者点検 are optional (not 全項目評価, not 義務付け)."""
    draft = consultation.draft(example("kitakyushu-shingata-influenza").data)
    rows = dict(draft.rows)
    assert rows["諮 問 件 名"] == "「特定個人情報保護評価書（重点項目評価書）」に係る第三者点検について"
    purpose = rows["目 的 ・ 理 由"].split("\n")
    assert purpose[1] == (
        "\u3000本事務は重点項目評価書を作成するものであり、"
        "「住民からの意見募集」及び「第三者点検」は任意に実施するものです。"
    )
    assert "全項目評価" not in rows["目 的 ・ 理 由"] and "義務付け" not in rows["目 的 ・ 理 由"]


def test_consultation_without_a_public_comment_claims_none() -> None:
    data = example("kitakyushu-shingata-influenza").data
    assert not data["procedure"].get("public_comment")
    purpose = dict(consultation.draft(data).rows)["目 的 ・ 理 由"]
    assert "パブリックコメント" not in purpose
