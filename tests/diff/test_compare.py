"""diff: properties on real examples, classification of 事前/事後, --write, reviewer outputs."""

from __future__ import annotations

import copy
import io
import json
import random
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piagen.diff import compare as diff
from piagen.model import source
from tests.shared import ROOT, example_models

EXAMPLES = {p.stem: source.load(p).data for p in example_models()}
KAWASAKI = "kawasaki-kenko-zoshin"


def leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of the text leaves of a model (outside the change table)."""
    if path and (path in diff.SKIP or path[:1] in diff.SKIP):
        return []
    if isinstance(data, dict) and diff._is_checks(tuple(p if isinstance(p, str) else 0 for p in path)):
        return [path] if data else []  # a checkbox list is one item of the form
    if isinstance(data, dict):
        return [p for k, v in data.items() if k != "id" for p in leaves(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in leaves(v, (*path, i))]
    return [path] if isinstance(data, str) and data.strip() else []


def put(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


@pytest.mark.parametrize("name", EXAMPLES)
def test_diff_of_a_model_with_itself_is_empty(name: str) -> None:
    data = EXAMPLES[name]
    assert diff.compare(data, copy.deepcopy(data)).changes == ()


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(EXAMPLES)), st.randoms(use_true_random=False))
def test_reordering_entries_yields_no_rows(name: str, rnd: random.Random) -> None:
    data = EXAMPLES[name]
    shuffled = copy.deepcopy(data)
    shuffled["basic_info"]["systems"].reverse()
    for f in shuffled["files"]:
        rnd.shuffle(f.get("provision", {}).get("recipients", []))
        rnd.shuffle(f.get("entrustment", {}).get("items", []))
    rnd.shuffle(shuffled["files"])
    assert diff.compare(data, shuffled).changes == ()


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(EXAMPLES)), st.randoms(use_true_random=False), st.integers(1, 8))
def test_every_changed_leaf_appears_exactly_once(name: str, rnd: random.Random, count: int) -> None:
    data = EXAMPLES[name]
    changed = copy.deepcopy(data)
    picked = rnd.sample(leaves(data), count)
    for path in picked:
        put(changed, path, {"その他": "【改訂】"} if isinstance(_at(data, path), dict) else "【改訂】")
    rows = diff.compare(data, changed).changes
    assert sorted(r.path for r in rows) == sorted(picked)
    assert all(r.after in ("【改訂】", "その他（【改訂】）") and r.kind == "changed" for r in rows)


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _revised(
    causes: list[dict[str, Any]], date: str = "令和7年1月20日"
) -> tuple[dict[str, Any], dict[str, Any]]:
    old = copy.deepcopy(EXAMPLES[KAWASAKI])
    new = copy.deepcopy(old)
    new["files"][0]["storage"]["location"] += "\n＜追加の措置＞"
    new["disclosure"]["inquiry"]["contact"] = "健康福祉局 新担当"
    new["revision"] = {"date": date, "causes": causes}
    return old, new


def test_significant_change_ahead_is_prior_with_reason() -> None:
    cause = {
        "id": "gc",
        "text": "ガバメントクラウドへの移行",
        "effective": "令和7年4月1日",
        "significant": True,
        "reason": "保管場所がクラウドに変わるため",
    }
    old, new = _revised([cause])
    rows = {r.item: r for r in diff.compare(old, new).changes}
    storage = rows["Ⅱ ６．特定個人情報の保管・消去 ①保管場所"]
    assert (storage.starred, storage.significant, storage.timing) == (True, True, "事前")
    assert (
        storage.explanation
        == "ガバメントクラウドへの移行。保管場所がクラウドに変わるため。重要な変更に当たるため、変更前に特定個人情報保護評価を再実施する"
    )
    contact = rows["Ⅴ ２．特定個人情報ファイルの取扱いに関する問合せ ①連絡先"]
    assert (contact.starred, contact.significant, contact.timing) == (False, False, "事前")
    result = diff.compare(old, new)
    assert (
        "重要な変更があるため、変更の前に特定個人情報保護評価の再実施（国民・住民等からの意見の聴取（30日以上）と第三者点検）が必要です。"
        in result.requirements
    )


def test_past_change_is_posterior_and_open_points_are_listed() -> None:
    causes = [
        {"id": "org", "text": "組織改正", "effective": "令和6年4月1日", "items": ["disclosure"]},
        {"id": "gc", "text": "保管場所の見直し", "items": ["files.0.storage"]},
    ]
    old, new = _revised(causes)
    rows = {r.item: r for r in diff.compare(old, new).changes}
    contact = rows["Ⅴ ２．特定個人情報ファイルの取扱いに関する問合せ ①連絡先"]
    assert (contact.timing, contact.explanation, contact.open_points) == (
        "事後",
        f"組織改正。{diff.NOT_SIGNIFICANT_ITEM}",
        (),
    )
    storage = rows["Ⅱ ６．特定個人情報の保管・消去 ①保管場所"]
    assert storage.timing is None and storage.significant is None
    assert storage.open_points == (
        "原因「保管場所の見直し」に変更が効力を生じる日（effective）がありません。",
        "※の項目の変更です。重要な変更に当たるか（significant）と理由を記録してください。",
    )


def test_significant_change_filed_afterwards_is_flagged_unless_emergency() -> None:
    late = {"id": "x", "text": "既に実施した変更", "effective": "令和6年12月1日", "significant": True}
    row = next(r for r in diff.compare(*_revised([late])).changes if r.starred)
    assert row.timing == "事後"
    assert "重要な変更が事後の提出になっています" in row.open_points[0]
    emergency = {**late, "emergency": True}
    row = next(r for r in diff.compare(*_revised([emergency])).changes if r.starred)
    assert (row.timing, row.open_points) == ("事後", ())
    assert row.explanation.endswith(diff.EMERGENCY)


def test_incident_item_is_never_significant() -> None:
    old = copy.deepcopy(EXAMPLES[KAWASAKI])
    new = copy.deepcopy(old)
    new["files"][0]["risks"]["storage"]["r1"]["incident"]["status"] = "発生なし"
    (row,) = diff.compare(old, new).changes
    assert (
        row.item
        == "Ⅲ ７．特定個人情報の保管・消去 リスク１ ⑨過去３年以内に、評価実施機関において、個人情報に関する重大事故が発生したか"
    )
    assert (row.starred, row.significant) == (False, False)


def test_threshold_rise_requires_reassessment() -> None:
    old = copy.deepcopy(EXAMPLES["kitakyushu-shingata-influenza"])
    old["threshold"]["handlers"] = {"band": "500人未満"}
    old["threshold"]["incident"] = {"status": "発生なし"}
    new = copy.deepcopy(old)
    new["threshold"]["people"]["band"] = "30万人以上"
    result = diff.compare(old, new)
    assert result.requirements[0] == (
        "しきい値判断の結果が「基礎項目評価及び重点項目評価の実施が義務付けられる」から「基礎項目評価及び全項目評価の実施が義務付けられる」に上がります。"
        "新たに義務付けられる評価を実施（再実施）してください。"
    )


def test_added_and_removed_entries_are_rows_of_their_own() -> None:
    old = copy.deepcopy(EXAMPLES["kitakyushu-shingata-influenza"])
    new = copy.deepcopy(old)
    removed = new["basic_info"]["systems"].pop(1)
    new["basic_info"]["systems"].append({"id": "new-sys", "name": "新システム"})
    rows = [(r.kind, r.item, r.before, r.after) for r in diff.compare(old, new).changes]
    assert (
        "added",
        "Ⅰ ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム4",
        "（記載なし）",
        "「新システム」を追加",
    ) in rows
    assert (
        "removed",
        "Ⅰ ２．特定個人情報ファイルを取り扱う事務において使用するシステム システム2",
        f"「{removed['name']}」",
        "削除",
    ) in rows


def test_long_unchanged_text_is_shortened_keeping_changed_sentences() -> None:
    same = "本市は、特定個人情報を適切に取り扱う。" * 6
    before, after = diff.shorten(
        same + "保管期間は5年とする。" + same, same + "保管期間は10年とする。" + same
    )
    assert (
        before
        == "（略）本市は、特定個人情報を適切に取り扱う。保管期間は5年とする。本市は、特定個人情報を適切に取り扱う。（略）"
    )
    assert (
        after
        == "（略）本市は、特定個人情報を適切に取り扱う。保管期間は10年とする。本市は、特定個人情報を適切に取り扱う。（略）"
    )


def _two_versions(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    text = (ROOT / "examples" / "kitakyushu-shingata-influenza.yaml").read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    revised = text.replace("電話０９３－５８２－２０９０", "電話０９３－５８２－２０００", 1).replace(
        "published: 令和3年10月4日", "published: 令和4年4月1日"
    )
    revised += "revision:\n  date: 令和4年4月1日\n  causes:\n    - {id: tel, text: 電話番号の変更, effective: 令和4年3月1日}\n"
    new.write_text(revised, encoding="utf-8")
    return old, new


def test_cli_json_rows(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = _two_versions(tmp_path)
    code, out, _ = run_cli("diff", str(old), str(new), "--format", "json")
    assert code == 0
    (row,) = json.loads(out)["changes"]
    assert {k: row[k] for k in ("date", "item", "timing", "significant", "explanation")} == {
        "date": "令和4年4月1日",
        "item": "Ⅳ ２．特定個人情報ファイルの取扱いに関する問合せ ①連絡先",
        "timing": "事後",
        "significant": False,
        "explanation": f"電話番号の変更。{diff.NOT_SIGNIFICANT_ITEM}",
    }
    assert row["before"].endswith("電話０９３－５８２－２０９０") and row["after"].endswith(
        "電話０９３－５８２－２０００"
    )


def test_cli_write_appends_to_the_cumulative_table(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = _two_versions(tmp_path)
    before = source.load(new).data["changes"]
    code, out, _ = run_cli("diff", str(old), str(new), "--write")
    assert code == 0 and "変更箇所を1行追記しました。" in out
    after = source.load(new).data["changes"]
    assert after[: len(before)] == before
    assert after[-1]["item"] == "Ⅳ ２．特定個人情報ファイルの取扱いに関する問合せ ①連絡先"
    assert after[-1]["path"] == "disclosure.inquiry.contact"
    code, out, _ = run_cli("validate", str(new))
    assert code == 0


def test_cli_html_and_xlsx_reports(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = _two_versions(tmp_path)
    code, _, _ = run_cli("diff", str(old), str(new), "--format", "html", "--out", str(tmp_path / "r.html"))
    assert code == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "２<del>０９</del><ins>００</ins>０" in html or "<del>9</del>" in html or "<del>" in html
    assert "事前 0件、事後 1件、判断が必要な行 0件" in html
    code, _, _ = run_cli("diff", str(old), str(new), "--format", "xlsx", "--out", str(tmp_path / "r.xlsx"))
    wb = openpyxl.load_workbook(io.BytesIO((tmp_path / "r.xlsx").read_bytes()))
    assert [c.value for c in wb["変更箇所"][1]] == [
        "変更日",
        "項目",
        "変更前の記載",
        "変更後の記載",
        "提出時期",
        "提出時期に係る説明",
    ]
    assert wb["変更箇所"]["E2"].value == "事後"


def test_cli_git_revision(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = tmp_path / "repo"
    repo.mkdir()
    old, new = _two_versions(tmp_path)
    target = repo / "model.yaml"
    target.write_bytes(old.read_bytes())
    git = ["git", "-C", str(repo), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "model.yaml"], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    target.write_bytes(new.read_bytes())
    code, out, err = run_cli("diff", "HEAD:model.yaml", "model.yaml", cwd=repo)
    assert code == 0, err
    assert out.startswith("■ Ⅳ ２．特定個人情報ファイルの取扱いに関する問合せ ①連絡先\n")
    code, _, err = run_cli("diff", "HEAD:missing.yaml", "model.yaml", cwd=repo)
    assert code == 1 and "git の版 HEAD にこのファイルはありません。" in err
