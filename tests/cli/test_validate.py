"""`piagen validate`: exit codes, the JSON shape, --strict, several models, and no tracebacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.shared import INVALID_CASES

RunCli = Callable[..., tuple[int, str, str]]

CASES = INVALID_CASES

MINIMAL = "piagen: 1\nform: {type: full}\ncover: {}\n"
# Only a warning: a 変更箇所 row without its date.
WARNING_ONLY = MINIMAL + "changes:\n  - item: Ⅰ　基本情報\n    timing: 事前\n"
WARNING = "warn.yaml:5:5: （別添３）変更箇所 1行目 変更日 ($.changes[0].date): 警告: 変更日が空欄です。公表時には日付を書いてください。\n"
# Two errors: a duplicated id and a choice that is not in the list.
ERRORS = MINIMAL + "basic_info:\n  systems:\n    - id: a\n    - id: a\n  linkage: {status: 実施}\n"


@pytest.fixture
def models(tmp_path: Path) -> Path:
    for name, text in {"ok.yaml": MINIMAL, "warn.yaml": WARNING_ONLY, "bad.yaml": ERRORS}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_valid_model(run_cli: RunCli, models: Path) -> None:
    assert run_cli("validate", "ok.yaml", cwd=models) == (0, "1件のモデルを検証: エラー 0件、警告 0件\n", "")


def test_valid_model_json(run_cli: RunCli, models: Path) -> None:
    code, out, err = run_cli("validate", "--format", "json", "ok.yaml", cwd=models)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"problems": []}


def test_errors_exit_1(run_cli: RunCli, models: Path) -> None:
    code, out, err = run_cli("validate", "bad.yaml", cwd=models)
    assert code == 1
    assert out == (
        "bad.yaml:7:7: Ⅰ ２．システム2 識別子 ($.basic_info.systems[1].id): "
        "識別子「a」が1件目と重複しています。リスト内で異なる id にしてください。\n"
        "bad.yaml:8:13: Ⅰ ６．①実施の有無 ($.basic_info.linkage.status): 「実施」は選択肢にありません。"
        "「実施する」の誤りではありませんか？ 選択肢の文言どおりに書いてください: 1) 実施する、2) 実施しない、3) 未定\n"
    )
    assert err == "1件のモデルを検証: エラー 2件、警告 0件\n"


def test_json_shape(run_cli: RunCli, models: Path) -> None:
    code, out, err = run_cli("validate", "--format", "json", "bad.yaml", "warn.yaml", cwd=models)
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert list(data) == ["problems"]
    assert data["problems"] == [
        {
            "rule": "V-unique-ids",
            "file": "bad.yaml",
            "line": 7,
            "column": 7,
            "path": "$.basic_info.systems[1].id",
            "label": "Ⅰ ２．システム2 識別子",
            "severity": "error",
            "message": "識別子「a」が1件目と重複しています。リスト内で異なる id にしてください。",
        },
        {
            "rule": "V-choice",
            "file": "bad.yaml",
            "line": 8,
            "column": 13,
            "path": "$.basic_info.linkage.status",
            "label": "Ⅰ ６．①実施の有無",
            "severity": "error",
            "message": "「実施」は選択肢にありません。「実施する」の誤りではありませんか？ "
            "選択肢の文言どおりに書いてください: 1) 実施する、2) 実施しない、3) 未定",
        },
        {
            "rule": "V-change-rows",
            "file": "warn.yaml",
            "line": 5,
            "column": 5,
            "path": "$.changes[0].date",
            "label": "（別添３）変更箇所 1行目 変更日",
            "severity": "warning",
            "message": "変更日が空欄です。公表時には日付を書いてください。",
        },
    ]


def test_json_shape_of_a_load_error(run_cli: RunCli) -> None:
    code, out, _ = run_cli("validate", "--format", "json", "duplicate-key.yaml", cwd=CASES)
    assert code == 1
    assert json.loads(out) == {
        "problems": [
            {
                "rule": "V-source",
                "file": "duplicate-key.yaml",
                "line": 7,
                "column": 3,
                "path": "$.cover.organization",
                "label": "",
                "severity": "error",
                "message": "キー「organization」が重複しています（同じ階層に2回あります）。どちらかを削除してください。",
            }
        ]
    }


def test_warnings_only(run_cli: RunCli, models: Path) -> None:
    expected = (WARNING, "1件のモデルを検証: エラー 0件、警告 1件\n")
    assert run_cli("validate", "warn.yaml", cwd=models) == (0, *expected)
    assert run_cli("validate", "--strict", "warn.yaml", cwd=models) == (1, *expected)


def test_strict_without_problems(run_cli: RunCli, models: Path) -> None:
    assert run_cli("validate", "--strict", "ok.yaml", cwd=models)[0] == 0


def test_several_models(run_cli: RunCli, models: Path) -> None:
    assert run_cli("validate", "ok.yaml", "ok.yaml", cwd=models) == (
        0,
        "2件のモデルを検証: エラー 0件、警告 0件\n",
        "",
    )
    code, out, err = run_cli("validate", "ok.yaml", "warn.yaml", "bad.yaml", cwd=models)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == ["warn.yaml", "bad.yaml", "bad.yaml"]
    assert err == "3件のモデルを検証: エラー 2件、警告 1件\n"


def test_missing_model_file(run_cli: RunCli, models: Path) -> None:
    assert run_cli("validate", "ok.yaml", "gone.yaml", cwd=models) == (
        1,
        "gone.yaml:1:1: ($): ファイルが見つかりません。パスを確認してください。\n",
        "2件のモデルを検証: エラー 1件、警告 0件\n",
    )


def test_no_model_is_a_usage_error(run_cli: RunCli) -> None:
    code, out, err = run_cli("validate")
    assert code == 2
    assert "Traceback" not in out + err


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.yaml")))
def test_no_traceback_for_any_case(run_cli: RunCli, name: str, fmt: str) -> None:
    code, out, err = run_cli("validate", "--format", fmt, name, cwd=CASES)
    assert code == 1
    assert "Traceback" not in out + err
    assert "内部エラー" not in err
    if fmt == "json":
        assert json.loads(out)["problems"]


# Odd shapes a user can write; each must give a problem, never an internal error (exit 3).
ODD = [
    pytest.param("top-level-list", "- piagen: 1\n", id="top-level-list"),
    pytest.param(
        "wrong-shapes", MINIMAL + "files: [null, 1, {id: a, provision: {status: [1]}}]\n", id="wrong-shapes"
    ),
    pytest.param(
        "bad-period",
        MINIMAL + "procedure: {public_comment: {period: 令和6年2月30日から3月1日まで}}\n",
        id="bad-period",
    ),
    pytest.param(
        "negative-count",
        MINIMAL + "threshold: {people: {band: 30万人以上, count: -5}}\n",
        id="negative-count",
    ),
    pytest.param(
        "list-as-version",
        MINIMAL.replace("{type: full}", "{type: full, version: [R6.10]}"),
        id="list-as-version",
    ),
    pytest.param("list-as-band", MINIMAL + "threshold: {people: {band: [30万人以上]}}\n", id="list-as-band"),
    pytest.param(
        "list-as-persons", MINIMAL + "files: [{id: a, basic: {people: [1万人未満]}}]\n", id="list-as-persons"
    ),
    pytest.param(
        "list-as-users",
        MINIMAL
        + "threshold: {handlers: {band: 500人未満}}\nfiles: [{id: a, acquisition_use: {users: {count: [x]}}}]\n",
        id="list-as-users",
    ),
    pytest.param(
        "gregorian-before-showa",
        MINIMAL.replace("cover: {}", "cover: {published: 1900年1月1日}")
        + "changes: [{date: 1920年1月1日, timing: 事前}]\n",
        id="gregorian-before-showa",
    ),
    pytest.param("int-tag-on-text", "piagen: !!int abc\n", id="int-tag-on-text"),
    pytest.param("deep-nesting", "a: " + "[" * 5000 + "]" * 5000 + "\n", id="deep-nesting"),
    pytest.param(
        "meiji-gannen",
        MINIMAL.replace("cover: {}", "cover: {published: 明治元年}")
        + "changes: [{date: 明治2年1月1日, timing: 事前}]\n",
        id="meiji-gannen",
    ),
]


@pytest.mark.parametrize(("name", "text"), ODD)
def test_odd_input_gives_problems_not_internal_errors(
    run_cli: RunCli, tmp_path: Path, name: str, text: str
) -> None:
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_cli("validate", f"{name}.yaml", cwd=tmp_path)
    assert "Traceback" not in out + err
    assert "内部エラー" not in err
    assert code in (0, 1)  # bad-period is only a warning
    assert out.startswith(f"{name}.yaml:")


def test_era_before_showa_in_a_message(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        MINIMAL.replace("cover: {}", "cover: {published: 1900年1月1日}")
        + "changes: [{date: 1920年1月1日, timing: 事前}]\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("validate", "m.yaml", cwd=tmp_path)
    assert code == 1
    assert out == (
        "m.yaml:4:12: （別添３）変更箇所 1行目 変更日 ($.changes[0].date): 変更日が公表日（明治33年1月1日）より後です。\n"
    )


def test_schema_shape_problem_is_not_repeated_by_a_rule(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        MINIMAL
        + "threshold: {people: {band: [30万人以上]}}\nfiles: [{id: a, basic: {people: [1万人未満]}}]\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("validate", "--format", "json", "m.yaml", cwd=tmp_path)
    assert code == 1
    assert [p["path"] for p in json.loads(out)["problems"]] == [
        "$.threshold.people.band",
        "$.files[0].basic.people",
    ]


def test_meiji_gannen_in_a_message(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        MINIMAL.replace("cover: {}", "cover: {published: 明治元年}")
        + "changes: [{date: 明治2年1月1日, timing: 事前}]\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli("validate", "m.yaml", cwd=tmp_path)
    assert code == 1
    assert out == (
        "m.yaml:4:12: （別添３）変更箇所 1行目 変更日 ($.changes[0].date): 変更日が公表日（明治元年）より後です。\n"
    )


def test_negative_count_is_reported_once(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        MINIMAL + "threshold: {people: {band: 30万人以上, count: -5}}\n", encoding="utf-8"
    )
    code, out, _ = run_cli("validate", "m.yaml", cwd=tmp_path)
    assert code == 1
    assert out == (
        "m.yaml:4:36: 基礎項目評価書 Ⅱ １．対象人数（実数） ($.threshold.people.count): 0以上の数を書いてください。\n"
    )


_BANDS = "1,000人未満、1,000人以上1万人未満、1万人以上10万人未満、10万人以上30万人未満、30万人以上"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MINIMAL.replace("{type: full}", "{type: full, version: [R6.10]}"),
            "m.yaml:2:20: 様式の版 ($.form.version): "
            "ここには選択肢の文言を1つ書きます（いまはリスト）。選択肢: H30.5、R6.10、H31.1\n",
        ),
        (
            MINIMAL + "threshold: {people: {band: [30万人以上]}}\n",
            "m.yaml:4:22: 基礎項目評価書 Ⅱ １．評価対象の事務の対象人数は何人か ($.threshold.people.band): "
            f"ここには選択肢の文言を1つ書きます（いまはリスト）。選択肢: {_BANDS}\n",
        ),
        (
            MINIMAL.replace("{type: full}", "{type: {a: 1}}"),
            "m.yaml:2:8: 評価書の種類 ($.form.type): "
            "ここには選択肢の文言を1つ書きます（いまはキーと値の組）。選択肢: full、focused、basic\n",
        ),
        (
            MINIMAL.replace("{type: full}", "{type: true}"),
            "m.yaml:2:8: 評価書の種類 ($.form.type): "
            "ここには選択肢の文言を1つ書きます（いまは真偽値 true）。選択肢: full、focused、basic\n",
        ),
    ],
    ids=["list-as-version", "list-as-band", "mapping-as-form-type", "boolean-as-form-type"],
)
def test_wrong_shape_for_a_choice_gets_a_type_message(
    run_cli: RunCli, tmp_path: Path, text: str, expected: str
) -> None:
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run_cli("validate", "m.yaml", cwd=tmp_path)
    assert code == 1
    assert out == expected
