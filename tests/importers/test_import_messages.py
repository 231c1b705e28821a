"""What `piagen import` says about each model it wrote: the form by its Japanese name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

TEXT = """[令和６年10月　様式４]
特定個人情報保護評価書（全項目評価書）
 評価書名
住民税に関する事務　全項目評価書
Ⅰ　基本情報
 １．特定個人情報ファイルを取り扱う事務
 ①事務の名称\t住民税に関する事務
"""


def test_import_names_the_form_in_japanese(
    run_cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    published = tmp_path / "published.txt"
    published.write_text(TEXT, encoding="utf-8")
    code, _, err = run_cli("import", str(published), "-o", str(tmp_path / "m.yaml"))
    assert code == 0, err
    assert "住民税に関する事務（全項目評価書）: 読み取れなかった" in err
    assert "full" not in err
