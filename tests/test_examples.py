"""Every example is a real document transcribed in full: it loads, and the checker's findings are recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from piagen import checks, threshold
from piagen.model import source
from tests.shared import GOLDEN, ROOT, example_models


@pytest.mark.parametrize("path", example_models(), ids=lambda p: p.stem)
def test_findings_are_recorded(path: Path, golden, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    doc = source.load(path.relative_to(ROOT))
    text = "".join(p.format() + "\n" for p in checks.validate(doc))
    golden(GOLDEN / f"{path.stem}.validate.txt", text)


def findings(name: str) -> list[str]:
    doc = source.load(ROOT / "examples" / name)
    return [f"{p.severity}: {p.label}: {p.message}" for p in checks.validate(doc)]


def test_kashiwa_defects_found() -> None:
    found = findings("kashiwa-yobou-sesshu.yaml")
    assert (
        "error: Ⅱ （１） ５．: 「提供を行っている（ 1 ）件」ですが、提供先は2件書かれています。件数か提供先を直してください。"
        in found
    )
    assert any("全ての委託事項が「再委託しない」なので" in f for f in found)
    assert sum(f.startswith("error") for f in found) == 2


def test_kawasaki_published_document_has_no_error() -> None:
    found = findings("kawasaki-kenko-zoshin.yaml")
    assert not [f for f in found if f.startswith("error")]
    assert (
        "warning: Ⅵ ２．②実施日・期間: 「30日間」と書かれていますが、初日を含めて数えると31日間です。"
        in found
    )
    assert (
        "warning: （別添３）変更箇所 5行目 変更日: 変更日が空欄です。公表時には日付を書いてください。"
        in found
    )


def test_takatsuki_drafts_have_undated_change_rows() -> None:
    yobou = findings("takatsuki-yobou-sesshu.yaml")
    assert sum("変更日が空欄です" in f for f in yobou) == 18
    juki = findings("takatsuki-juki.yaml")
    assert sum("変更日が空欄です" in f for f in juki) == 49 + 4
    assert (
        "warning: 基礎項目評価書 Ⅳ ６．情報提供ネットワークシステムとの接続: 情報連携を「実施する」ですが、「接続しない（入手）」「接続しない（提供）」の両方にチェックがあります。"
        in juki
    )


def test_examples_are_complete_transcriptions() -> None:
    juki = source.load(ROOT / "examples" / "takatsuki-juki.yaml").data
    assert len(juki["files"]) == 3
    assert len(juki["files"][0]["provision"]["recipients"]) == 58
    assert len(juki["files"][0]["provision"]["transferees"]) == 47
    kawasaki = source.load(ROOT / "examples" / "kawasaki-kenko-zoshin.yaml").data
    assert len(kawasaki["changes"]) == 52
    assert kawasaki["attachments"][0]["id"] == "jiko"


@pytest.mark.parametrize("path", example_models(), ids=lambda p: p.stem)
def test_stated_threshold_agrees(path: Path) -> None:
    data = source.load(path).data
    decision = threshold.from_model(data)
    stated = data.get("procedure", {}).get("basic_assessment", {}).get("result") or data.get("basic", {}).get(
        "threshold_result"
    )
    assert decision is not None and stated is not None
    assert threshold.result_of_wording(stated) in decision.possible
