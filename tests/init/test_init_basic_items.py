"""`piagen init --form basic`: 様式2 Ⅰ　関連情報 prints items whose groups the full form keeps in Ⅰ　基本情報
and Ⅴ　開示請求、問合せ; the basic skeleton has a key for each, under its group."""

from __future__ import annotations

from piagen.init import skeleton
from piagen.model import form


def test_basic_skeleton_has_the_items_of_borrowed_groups() -> None:
    text = skeleton("basic")
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    for path in [
        ("basic_info", "task", "name"),
        ("basic_info", "linkage", "status"),
        ("basic_info", "department", "head_title"),
        ("basic_info", "other_bodies"),
        ("disclosure", "request", "to"),
        ("disclosure", "inquiry", "contact"),
    ]:
        assert "basic" in form.forms_of(path)
        indent = "  " * (len(path) - 1)
        assert any(
            ln.startswith(f"{indent}{path[-1]}:") and form.title(path, "basic") in ln for ln in lines
        ), path
    assert "files:" not in lines and not any(ln.startswith("files:") for ln in lines)


def test_full_skeleton_leaves_out_what_no_form_prints() -> None:
    text = skeleton("full")
    assert "annex_entry" not in text


def test_basic_skeleton_numbers_the_borrowed_items_in_section_one() -> None:
    # 様式2 prints 請求先 and 連絡先 as Ⅰ　関連情報 ７．and ８． (the full form's Ⅴ)
    text = skeleton("basic")
    assert "to:   # Ⅰ ７．請求先" in text
    assert "contact:   # Ⅰ ８．連絡先" in text
    assert "# Ⅴ" not in text


def test_basic_only_items_carry_the_section_and_number_the_form_prints() -> None:
    # 様式2 prints ②事務の概要 and ③システムの名称 under Ⅰ１．, the file names as Ⅰ２．; the model
    # keeps them under `basic`, whose title is no heading of the form.
    text = skeleton("basic")
    assert "task_summary:   # Ⅰ １．②事務の概要" in text
    assert "system_names:   # Ⅰ １．③システムの名称" in text
    assert "file_names:   # Ⅰ ２．特定個人情報ファイル名" in text
    # a 変更箇所 row of the 基礎項目評価書 names its item without the model's group title
    row = form.item_label(("basic", "risk", "use", "linking"), "basic", style="table")
    assert row.startswith("Ⅳ ３．特定個人情報の使用 ") and "基礎項目評価書" not in row
    assert form.item_label(("basic", "task_summary"), "basic", style="table") == (
        "Ⅰ １．特定個人情報ファイルを取り扱う事務 ②事務の概要"
    )
