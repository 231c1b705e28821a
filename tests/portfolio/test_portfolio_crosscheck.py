"""Cross-document checks on portfolios made from the examples, reported per document."""

from __future__ import annotations

from pathlib import Path

from piagen.findings import Finding
from piagen.portfolio import crosscheck, folder

from .sample import make_portfolio


def _findings(path: Path, rule: str) -> dict[str, list[Finding]]:
    found = crosscheck.run(folder.load(path, folder.model_files(path)))
    return {
        n: [f for f in fs if f.rule == rule] for n, fs in found.items() if any(f.rule == rule for f in fs)
    }


def test_the_same_system_described_differently(portfolio_dir: Path) -> None:
    found = _findings(portfolio_dir, "PF3")
    middle = {n: f for n, fs in found.items() for f in fs if "「中間サーバー」" in f.message}
    assert sorted(middle) == [
        "kawasaki-kenko-zoshin",
        "kitakyushu-shingata-influenza",
        "takatsuki-yobou-sesshu",
    ]
    kawasaki = middle["kawasaki-kenko-zoshin"]
    assert "3通り" in kawasaki.message and "!include" in kawasaki.message
    assert kawasaki.label.startswith("Ⅰ ２．") and kawasaki.label.endswith("②システムの機能")
    assert kawasaki.path.startswith("$.basic_info.systems[") and kawasaki.path.endswith("].function")
    assert kawasaki.file.endswith("kawasaki-kenko-zoshin.yaml") and kawasaki.line > 1  # the model's own line
    named = {f.message.split("」")[0].split("「")[1] for fs in found.values() for f in fs}
    assert named == {"中間サーバー", "団体内統合宛名システム"}


def test_a_shared_description_is_no_finding(tmp_path: Path) -> None:
    pia = make_portfolio(tmp_path / "pia", ("takatsuki-juki", "takatsuki-yobou-sesshu"))
    assert sorted(_findings(pia, "PF3")) == ["takatsuki-juki", "takatsuki-yobou-sesshu"]
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
    assert _findings(pia, "PF4") == {}
    # kawasaki's 変更箇所 renames 健康福祉局保健所健康増進課 (令和5年1月25日); a model still using it:
    model = pia / "kitakyushu-shingata-influenza.yaml"
    text = model.read_text(encoding="utf-8")
    old = "保健福祉局新型コロナウイルス感染症医療政策部感染症医療政策課"
    assert old in text
    model.write_text(text.replace(old, "健康福祉局保健所健康増進課", 1), encoding="utf-8")
    found = _findings(pia, "PF4")
    assert list(found) == ["kitakyushu-shingata-influenza"]
    (stale,) = found["kitakyushu-shingata-influenza"]
    assert "「健康福祉局保健所健康増進課」は kawasaki-kenko-zoshin の変更箇所で" in stale.message
    assert "「健康福祉局保健医療政策部健康増進担当」" in stale.message
    assert stale.label == "Ⅰ ６．①部署"  # 重点項目評価書 (様式3)
    assert stale.line == text.splitlines().index(next(x for x in text.splitlines() if old in x)) + 1


def test_duplicate_and_missing_numbers(tmp_path: Path) -> None:
    pia = make_portfolio(tmp_path / "pia", ("kitakyushu-shingata-influenza", "takatsuki-yobou-sesshu"))
    text = (pia / "takatsuki-yobou-sesshu.yaml").read_text(encoding="utf-8")
    (pia / "second.yaml").write_text(text, encoding="utf-8")
    (pia / "unnumbered.yaml").write_text(text.replace("  number: 49\n", "", 1), encoding="utf-8")
    duplicate = _findings(pia, "PF1")
    assert sorted(duplicate) == ["second", "takatsuki-yobou-sesshu"]
    assert [f.severity for fs in duplicate.values() for f in fs] == ["error", "error"]
    assert "評価書番号 49 は takatsuki-yobou-sesshu にも" in duplicate["second"][0].message
    assert duplicate["second"][0].path == "$.cover.number"
    missing = _findings(pia, "PF2")
    assert list(missing) == ["unnumbered"] and missing["unnumbered"][0].severity == "warning"
    # 評価書番号 are per 評価実施機関: the same number under another organization is no duplicate
    other = text.replace("organization: 高槻市長", "organization: 高槻市教育委員会", 1)
    (pia / "second.yaml").write_text(other, encoding="utf-8")
    assert _findings(pia, "PF1") == {}


def test_every_rule_has_a_stable_id() -> None:
    assert list(crosscheck.REGISTRY.rules) == ["PF1", "PF2", "PF3", "PF4", "PF-revise"]
    assert [c.rules for c in crosscheck.REGISTRY] == [("PF1",), ("PF2",), ("PF3",), ("PF4",)]
