"""What `piagen import` says about each model it wrote: the form by its Japanese name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.shared import PUBLISHED_COVER

TEXT = PUBLISHED_COVER


def test_import_names_the_form_in_japanese(
    run_cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    published = tmp_path / "published.txt"
    published.write_text(TEXT, encoding="utf-8")
    code, _, err = run_cli("import", str(published), "-o", str(tmp_path / "m.yaml"))
    assert code == 0, err
    assert "住民税に関する事務（全項目評価書）: 読み取れなかった" in err
    assert "full" not in err


def test_a_tick_alone_is_never_a_text_value() -> None:
    """A lone 「○」 torn from its checkbox (extraction prints it on a line of its own) is a checkbox
    piece: it does not become the 特記事項 of the cover left empty above it."""
    from piagen.importers import text

    body = TEXT.replace("Ⅰ　基本情報", "特記事項\n\n項目一覧\n\nⅠ　基本情報") + (
        " ２．特定個人情報ファイルを取り扱う事務において使用するシステム\n"
        " システム1\n ①システムの名称 住民税システム\n ③他のシステムとの接続\n"
        "[ ] 情報提供ネットワークシステム [\n\n○\n\n] 庁内連携システム\n"
    )
    model = text.read(body.encode("utf-8")).models[0]
    assert model.data["cover"].get("remarks") is None
