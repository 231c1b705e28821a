"""`piagen init`: the skeleton of each form names every printed item, loads, validates with nothing
but blanks left, and renders as the blank official form."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from piagen import checks
from piagen.init import skeleton
from piagen.model import form, source

FORMS: tuple[form.FormType, ...] = ("full", "focused", "basic")


Path_ = tuple[str | int, ...]


def _printed_leaves(node: dict[str, Any], path: Path_, kind: form.FormType) -> list[Path_]:
    """Every leaf the form prints, walked from the schema (lists through their first entry)."""
    node = form.resolve(node)
    if node.get("type") == "array":
        items = form.resolve(node.get("items", {}))
        return _printed_leaves(items, (*path, 0), kind) if "properties" in items else [path]
    if "properties" not in node or node.get("x-layout") == "checks":
        return [path]
    out: list[Path_] = []
    for key, sub in node["properties"].items():
        sub_path = (*path, key)
        if key == "id" or kind not in form.forms_of(sub_path):
            continue
        out += _printed_leaves(sub, sub_path, kind)
    return out


@pytest.mark.parametrize("kind", FORMS)
def test_skeleton_loads_and_validates_with_only_blanks(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(skeleton(kind), encoding="utf-8")
    doc = source.load(path)
    assert doc.data["form"]["type"] == kind
    errors = [p for p in checks.validate(doc) if p.severity == "error"]
    assert errors == [], [p.format() for p in errors]


@pytest.mark.parametrize("kind", FORMS)
def test_every_printed_item_is_a_key_with_its_label(kind: form.FormType) -> None:
    text = skeleton(kind)
    lines = text.splitlines()
    root = form.schema()
    leaves = [
        p
        for key in root["properties"]
        if key not in ("piagen", "form") and (kind in form.forms_of((key,)))
        for p in _printed_leaves(root["properties"][key], (key,), kind)
        if not (p[0] == "basic" and kind != "basic")
    ]
    assert len(leaves) > 20
    for path in leaves:
        title = form.title(path, kind)
        key = str(path[-1])
        if not title or (form.node_at(path) or {}).get("x-forms") == []:
            continue
        hits = [ln for ln in lines if ln.strip().startswith(f"{key}:") and title in ln]
        # Entries of a list that exists only when ticked (提供先) are named in a comment instead.
        listed = [ln for ln in lines if "1件ごとに" in ln and title in ln]
        assert hits or listed, f"{path}: no key line with its label {title!r}"


def test_choice_options_and_guidance_are_written() -> None:
    text = skeleton("full")
    assert "＜選択肢＞ 1） システム用ファイル ／ 2） その他の電子ファイル（表計算ファイル等）" in text
    assert "# Ⅱ （１） ２．①ファイルの種類　※" in text
    assert "和暦の日付（例：令和7年1月20日" in text


@pytest.mark.parametrize("kind", FORMS)
def test_cli_init_then_render_gives_the_blank_form(
    kind: str, tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    model = tmp_path / f"{kind}.yaml"
    code, _, err = run_cli("init", "--form", kind, "-o", str(model))
    assert code == 0, err
    assert source.load(model).data["form"]["type"] == kind
    code, _, err = run_cli(
        "render", str(model), "--form", kind, "--to", "html", "--out", str(tmp_path / "out")
    )
    assert code == 0, err
    page = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert form.STAMPS[(kind, form.DEFAULT_VERSION[kind])] in page
    assert "＜選択肢＞" in page


def test_cli_init_refuses_to_overwrite_and_bad_version(
    tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    model = tmp_path / "m.yaml"
    model.write_text("keep", encoding="utf-8")
    code, _, err = run_cli("init", "--form", "full", "-o", str(model))
    assert code == 2 and "既にあります" in err
    assert model.read_text(encoding="utf-8") == "keep"
    code, _, err = run_cli("init", "--form", "basic", "--version", "R6.10", "-o", str(tmp_path / "x.yaml"))
    assert code == 2 and "H31.1" in err and "Traceback" not in err
    assert not (tmp_path / "x.yaml").exists()
