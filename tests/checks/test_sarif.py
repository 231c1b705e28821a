"""`piagen validate --format sarif`: a SARIF 2.1.0 log, valid against the official schema (shipped
by Microsoft's @microsoft/jest-sarif npm package, pinned in tests/editor/package-lock.json), with
the registry's stable rule ids, and the same ids in `--format json`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from piagen import __version__
from piagen.checks.registry import REGISTRY
from tests.shared import EXAMPLES, npm_package

Run = Callable[..., tuple[int, str, str]]


def _broken(folder: Path) -> Path:
    """A real model with a wrong option (its 変更箇所 rows also draw warnings)."""
    model = folder / "モデル.yaml"
    shutil.copy(EXAMPLES / "kitakyushu-shingata-influenza.yaml", model)
    text = model.read_text(encoding="utf-8")
    text = text.replace("rating: 十分である", "rating: 十分です", 1)
    model.write_text(text, encoding="utf-8")
    return model


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, object]:
    folder = npm_package("@microsoft/jest-sarif")
    schema: dict[str, object] = json.loads(
        (folder / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json").read_text()
    )
    return schema


def test_sarif_is_valid_and_names_rules(
    run_cli: Run, tmp_path: Path, sarif_schema: dict[str, object]
) -> None:
    model = _broken(tmp_path)
    code, out, err = run_cli("validate", model.name, "--format", "sarif", cwd=tmp_path)
    assert code == 1 and err == ""
    log = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "piagen" and driver["version"] == __version__
    ids = [r["id"] for r in driver["rules"]]
    assert ids[: len(REGISTRY.rules)] == list(REGISTRY.rules)
    errors = [r for r in run["results"] if r["level"] == "error"]
    assert [r["ruleId"] for r in errors] == ["V-choice"]
    (choice,) = errors
    assert ids[choice["ruleIndex"]] == "V-choice"
    (location,) = choice["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "%E3%83%A2%E3%83%87%E3%83%AB.yaml"
    line = model.read_text(encoding="utf-8").splitlines().index("          rating: 十分です") + 1
    assert location["physicalLocation"]["region"]["startLine"] == line
    assert choice["message"]["text"] == (
        "Ⅲ （１） ２．リスク リスクへの対策は十分か: 「十分です」は選択肢にありません。「十分である」の誤りではありませんか？"
        " 選択肢の文言どおりに書いてください: 1) 特に力を入れている、2) 十分である、3) 課題が残されている"
    )
    assert location["logicalLocations"] == [
        {
            "fullyQualifiedName": "$.files[0].risks.acquisition.r1.rating",
            "name": "Ⅲ （１） ２．リスク リスクへの対策は十分か",
        }
    ]
    warnings = {r["ruleId"] for r in run["results"] if r["level"] == "warning"}
    assert warnings == {"V-change-rows"}


def test_json_carries_the_same_rule_ids(run_cli: Run, tmp_path: Path) -> None:
    model = _broken(tmp_path)
    code, out, _ = run_cli("validate", str(model), "--format", "json")
    assert code == 1
    problems = json.loads(out)["problems"]
    assert all(p["rule"] in REGISTRY.rules for p in problems)
    assert [p["rule"] for p in problems if p["severity"] == "error"] == ["V-choice"]


def test_the_schema_check_can_fail(sarif_schema: dict[str, object]) -> None:
    """The vendored schema does reject a log that is not SARIF 2.1.0."""
    bad = {
        "version": "2.0.0",
        "runs": [{"tool": {"driver": {"name": "piagen"}}, "results": [{"level": "fatal"}]}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(sarif_schema).validate(bad)


def test_clean_model_gives_an_empty_valid_log(run_cli: Run, sarif_schema: dict[str, object]) -> None:
    code, out, _ = run_cli("validate", str(EXAMPLES / "kawasaki-kenko-zoshin.yaml"), "--format", "sarif")
    log = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert code == 0 and all(r["level"] != "error" for r in log["runs"][0]["results"])
