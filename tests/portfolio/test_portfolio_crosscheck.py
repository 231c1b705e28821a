"""Cross-document checks on portfolios made from the examples."""

from __future__ import annotations

from pathlib import Path

from piagen.portfolio import crosscheck, folder

from .sample import make_portfolio


def _findings(path: Path) -> list[crosscheck.Finding]:
    return crosscheck.run(folder.load(path, folder.model_files(path)))


def test_the_same_system_described_differently(portfolio_dir: Path) -> None:
    found = {f.message.split("」")[0].split("「")[1]: f for f in _findings(portfolio_dir) if f.rule == "PF3"}
    assert set(found) == {"中間サーバー", "団体内統合宛名システム"}
    middle = found["中間サーバー"]
    assert middle.documents == (
        "kawasaki-kenko-zoshin",
        "kitakyushu-shingata-influenza",
        "takatsuki-yobou-sesshu",
    )
    assert "3通り" in middle.message and "!include" in middle.message
    assert middle.item.startswith("Ⅰ ２．")


def test_a_shared_fragment_is_one_description(tmp_path: Path) -> None:
    pia = make_portfolio(tmp_path / "pia", ("takatsuki-juki", "takatsuki-yobou-sesshu"))
    found = [f for f in _findings(pia) if f.rule == "PF3"]
    assert [f.documents for f in found] == [("takatsuki-juki", "takatsuki-yobou-sesshu")]
    # the same description in both models (as a shared fragment makes it) is no finding, even
    # written with other widths and spaces
    entries = folder.load(pia, folder.model_files(pia))
    systems = [
        next(s for s in e.data["basic_info"]["systems"] if "団体内統合宛名" in s["name"]) for e in entries
    ]
    systems[1]["function"] = systems[0]["function"].replace("１", "1").replace("\n", " \n")
    assert list(crosscheck.different_systems(entries)) == []


def test_a_department_renamed_in_one_model_but_not_in_another(tmp_path: Path) -> None:
    pia = make_portfolio(tmp_path / "pia", ("kawasaki-kenko-zoshin", "kitakyushu-shingata-influenza"))
    assert [f for f in _findings(pia) if f.rule == "PF4"] == []
    # kawasaki's 変更箇所 renames 健康福祉局保健所健康増進課 (令和5年1月25日); a model still using it:
    model = pia / "kitakyushu-shingata-influenza.yaml"
    text = model.read_text(encoding="utf-8")
    old = "保健福祉局新型コロナウイルス感染症医療政策部感染症医療政策課"
    assert old in text
    model.write_text(text.replace(old, "健康福祉局保健所健康増進課", 1), encoding="utf-8")
    (found,) = [f for f in _findings(pia) if f.rule == "PF4"]
    assert found.documents == ("kitakyushu-shingata-influenza", "kawasaki-kenko-zoshin")
    assert (
        "「健康福祉局保健所健康増進課」" in found.message
        and "「健康福祉局保健医療政策部健康増進担当」" in found.message
    )
    assert found.item == "Ⅰ ６．①部署"  # 重点項目評価書 (様式3)


def test_duplicate_and_missing_numbers(tmp_path: Path) -> None:
    pia = make_portfolio(tmp_path / "pia", ("kitakyushu-shingata-influenza", "takatsuki-yobou-sesshu"))
    text = (pia / "takatsuki-yobou-sesshu.yaml").read_text(encoding="utf-8")
    (pia / "second.yaml").write_text(text, encoding="utf-8")
    (pia / "unnumbered.yaml").write_text(text.replace("  number: 49\n", "", 1), encoding="utf-8")
    found = _findings(pia)
    assert [(f.rule, f.severity, f.documents) for f in found if f.rule in ("PF1", "PF2")] == [
        ("PF1", "error", ("second", "takatsuki-yobou-sesshu")),
        ("PF2", "warning", ("unnumbered",)),
    ]
    # 評価書番号 are per 評価実施機関: the same number under another organization is no duplicate
    other = text.replace("organization: 高槻市長", "organization: 高槻市教育委員会", 1)
    (pia / "second.yaml").write_text(other, encoding="utf-8")
    assert [f.rule for f in _findings(pia) if f.rule == "PF1"] == []


def test_every_rule_has_a_stable_id() -> None:
    assert list(crosscheck.RULES) == ["PF1", "PF2", "PF3", "PF4"]
