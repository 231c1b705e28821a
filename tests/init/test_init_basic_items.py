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
