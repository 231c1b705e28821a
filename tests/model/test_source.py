"""The strict YAML loader: scalars stay as written, marks, !include, input limits and load∘dump."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piagen.errors import ModelError
from piagen.findings import Finding
from piagen.model import source
from piagen.model.source import Mark


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder, so files are shown by their relative names."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_error(name: str) -> Finding:
    """The single problem reported when loading `name` fails."""
    with pytest.raises(ModelError) as exc:
        source.load(Path(name))
    assert len(exc.value.problems) == 1
    return exc.value.problems[0]


def error(file: str, line: int, column: int, message: str, path: str = "$") -> Finding:
    return Finding(source.LOAD_RULE, "error", message, path, "", file, line, column)


# ---- scalars ----


def test_scalars_stay_as_written(here: Path) -> None:
    write(
        here,
        "m.yaml",
        "a: yes\nb: no\nc: on\nd: off\ne: 2024-01-01\nf: 令和7年1月20日\ng: 0120\n"
        "h: 42\ni: -7\nj: true\nk: false\nl: 1.5\nm: True\nn: 1,000人\no: ~\np:\nq: '12'\nr: 0\n",
    )
    assert source.load(Path("m.yaml")).data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": "2024-01-01",
        "f": "令和7年1月20日",
        "g": "0120",
        "h": 42,
        "i": -7,
        "j": True,
        "k": False,
        "l": "1.5",
        "m": "True",
        "n": "1,000人",
        "o": None,
        "p": None,
        "q": "12",
        "r": 0,
    }


def test_byte_order_mark_is_accepted(here: Path) -> None:
    (here / "m.yaml").write_bytes("\ufeffa: 令和\n".encode())
    assert source.load(Path("m.yaml")).data == {"a": "令和"}


def test_empty_file_is_none(here: Path) -> None:
    write(here, "m.yaml", "# 空\n")
    assert source.load(Path("m.yaml")).data is None


# ---- duplicate keys ----


def test_duplicate_key(here: Path) -> None:
    write(here, "m.yaml", "cover:\n  title: 旧\n  number: 1\n  title: 新\n")
    assert load_error("m.yaml") == error(
        "m.yaml",
        4,
        3,
        "キー「title」が重複しています（同じ階層に2回あります）。どちらかを削除してください。",
        "$.cover.title",
    )


def test_duplicate_key_written_as_number_and_text(here: Path) -> None:
    write(here, "m.yaml", "1: a\n'1': b\n")
    assert load_error("m.yaml") == error(
        "m.yaml",
        2,
        1,
        "キー「1」が重複しています（同じ階層に2回あります）。どちらかを削除してください。",
        "$.1",
    )


def test_non_text_key(here: Path) -> None:
    write(here, "m.yaml", "a: 1\n[x, y]: 2\n")
    assert load_error("m.yaml") == error("m.yaml", 2, 1, "キーは文字列にしてください。")


# ---- marks ----


def test_marks_point_at_file_line_column(here: Path) -> None:
    write(
        here,
        "m.yaml",
        "piagen: 1\ncover:\n  title: 表題\nfiles:\n  - id: a\n    name: ファイル\n  - {id: b}\n",
    )
    doc = source.load(Path("m.yaml"))
    assert doc.main == "m.yaml"
    assert doc.marks == {
        (): Mark("m.yaml", 1, 1),
        ("piagen",): Mark("m.yaml", 1, 1),
        ("cover",): Mark("m.yaml", 2, 1),
        ("cover", "title"): Mark("m.yaml", 3, 3),
        ("files",): Mark("m.yaml", 4, 1),
        ("files", 0): Mark("m.yaml", 5, 5),
        ("files", 0, "id"): Mark("m.yaml", 5, 5),
        ("files", 0, "name"): Mark("m.yaml", 6, 5),
        ("files", 1): Mark("m.yaml", 7, 5),
        ("files", 1, "id"): Mark("m.yaml", 7, 6),
    }
    # A path that is not written falls back to its nearest written ancestor.
    assert doc.mark(("files", 1, "storage", "location")) == Mark("m.yaml", 7, 5)
    assert doc.mark(("nowhere",)) == Mark("m.yaml", 1, 1)


# ---- !include ----


def test_include_nested_two_levels(here: Path) -> None:
    write(here, "m.yaml", "top: !include inc/one.yaml\nlist:\n  - a\n  - !include inc/one.yaml\n")
    write(here, "inc/one.yaml", "k: !include sub/two.yaml\nm: 1\n")
    write(here, "inc/sub/two.yaml", "- p\n- q: 5\n")
    doc = source.load(Path("m.yaml"))
    one = {"k": ["p", {"q": 5}], "m": 1}
    assert doc.data == {"top": one, "list": ["a", one]}
    assert doc.marks[("top", "m")] == Mark("inc/one.yaml", 2, 1)
    assert doc.marks[("top", "k", 1, "q")] == Mark("inc/sub/two.yaml", 2, 3)
    assert doc.marks[("list", 1, "k", 0)] == Mark("inc/sub/two.yaml", 1, 3)
    assert list(doc.texts) == ["m.yaml", "inc/one.yaml", "inc/sub/two.yaml"]


def test_include_of_text(here: Path) -> None:
    write(here, "m.yaml", "location: !include shared/storage.yaml\n")
    write(here, "shared/storage.yaml", "|-\n  ガバメントクラウドに保管する。\n  ・施錠管理\n")
    assert source.load(Path("m.yaml")).data == {"location": "ガバメントクラウドに保管する。\n・施錠管理"}


def test_error_inside_included_file_names_that_file(here: Path) -> None:
    write(here, "m.yaml", "x: !include inc/one.yaml\n")
    write(here, "inc/one.yaml", "k: !include sub/bad.yaml\n")
    write(here, "inc/sub/bad.yaml", "ok: 1\nok: 2\n")
    assert load_error("m.yaml") == error(
        "inc/sub/bad.yaml",
        2,
        1,
        "キー「ok」が重複しています（同じ階層に2回あります）。どちらかを削除してください。",
        "$.x.k.ok",
    )


def test_syntax_error_inside_included_file(here: Path) -> None:
    write(here, "m.yaml", "a: 1\nx: !include inc/bad.yaml\n")
    write(here, "inc/bad.yaml", "a: 1\n b: 2\n")
    assert load_error("m.yaml") == error(
        "inc/bad.yaml",
        2,
        3,
        "YAML の構文エラーです。ここには「キー: 値」を書けません。値に「: 」を含むときは値を引用符で囲むか、"
        "インデントを揃えてください。",
    )


def test_missing_include(here: Path) -> None:
    write(here, "m.yaml", "piagen: 1\nstorage:\n  location: !include shared/gone.yaml\n")
    found = load_error("m.yaml")
    assert dataclasses.replace(found, path="$") == error(
        "m.yaml",
        3,
        13,
        "!include のファイル「shared/gone.yaml」が見つかりません。パスは取り込む側のファイルからの相対パスです。",
    )


@pytest.mark.parametrize(
    ("files", "path"),
    [
        ({"m.yaml": "piagen: 1\nstorage:\n  location: !include shared/gone.yaml\n"}, "$.storage.location"),
        ({"m.yaml": "a:\n  b: !include m.yaml\n"}, "$.a.b"),
        ({"m.yaml": "a: [1, !include gone.yaml]\n"}, "$.a[1]"),
        ({"m.yaml": "!include gone.yaml\n"}, "$"),
        (
            {
                "m.yaml": "a:\n  b: !include inc/c1.yaml\n",
                "inc/c1.yaml": "x:\n  - !include c2.yaml\n",
                "inc/c2.yaml": "y: !include c1.yaml\n",
            },
            "$.a.b.x[0].y",
        ),
    ],
    ids=["missing", "cycle", "in-a-list", "whole-file", "cycle-through-a-list"],
)
def test_include_errors_carry_the_json_path(here: Path, files: dict[str, str], path: str) -> None:
    for name, text in files.items():
        write(here, name, text)
    assert load_error("m.yaml").path == path


def test_empty_include(here: Path) -> None:
    write(here, "m.yaml", "cover:\n  title: !include\n")
    assert load_error("m.yaml") == error(
        "m.yaml",
        2,
        10,
        "!include のファイル名が空です。取り込む YAML ファイルのパスを書いてください。",
        "$.cover.title",
    )


def test_include_of_a_folder(here: Path) -> None:
    (here / "inc").mkdir()
    write(here, "m.yaml", "cover:\n  title: !include inc\n")
    assert load_error("m.yaml") == error(
        "m.yaml",
        2,
        10,
        "!include の「inc」はフォルダです。取り込む YAML ファイルを指定してください。",
        "$.cover.title",
    )


def test_include_cycle(here: Path) -> None:
    write(here, "m.yaml", "a: !include inc/a.yaml\n")
    write(here, "inc/a.yaml", "b: !include b.yaml\n")
    write(here, "inc/b.yaml", "c: !include a.yaml\n")
    assert load_error("m.yaml") == error(
        "inc/b.yaml",
        1,
        4,
        "!include が循環しています（m.yaml → inc/a.yaml → inc/b.yaml → inc/a.yaml）。",
        "$.a.b.c",
    )


def test_file_including_itself(here: Path) -> None:
    write(here, "m.yaml", "a: !include m.yaml\n")
    assert load_error("m.yaml") == error(
        "m.yaml", 1, 4, "!include が循環しています（m.yaml → m.yaml）。", "$.a"
    )


def test_include_depth_limit(here: Path) -> None:
    depth = source.MAX_INCLUDE_DEPTH
    for i in range(depth + 1):
        write(here, f"f{i}.yaml", f"v: !include f{i + 1}.yaml\n")
    write(here, f"f{depth + 1}.yaml", "end\n")
    write(here, f"f{depth}.yaml", "end\n")
    assert source.load(Path("f0.yaml")).data is not None  # exactly the limit: loads
    write(here, f"f{depth}.yaml", f"v: !include f{depth + 1}.yaml\n")
    assert load_error("f0.yaml") == error(
        f"f{depth}.yaml", 1, 4, f"!include の入れ子が深すぎます（上限 {depth}）。", "$" + ".v" * (depth + 1)
    )


# ---- input limits and encodings ----


def test_missing_file(here: Path) -> None:
    assert load_error("gone.yaml") == error(
        "gone.yaml", 1, 1, "ファイルが見つかりません。パスを確認してください。"
    )


def test_model_that_is_a_folder(here: Path) -> None:
    (here / "models").mkdir()
    assert load_error("models") == error(
        "models", 1, 1, "フォルダです。モデルの YAML ファイルを指定してください。"
    )


def test_shift_jis_file(here: Path) -> None:
    (here / "m.yaml").write_bytes("piagen: 1\ncover:\n  title: 健康増進事業\n".encode("shift_jis"))
    assert load_error("m.yaml") == error(
        "m.yaml",
        3,
        1,
        "UTF-8 ではない文字があります。ファイルを UTF-8 で保存し直してください（Shift_JIS は使えません）。",
    )


def test_shift_jis_in_included_file(here: Path) -> None:
    write(here, "m.yaml", "a: !include inc/sjis.yaml\n")
    (here / "inc").mkdir()
    (here / "inc" / "sjis.yaml").write_bytes("保管場所\n".encode("shift_jis"))
    assert load_error("m.yaml") == error(
        "inc/sjis.yaml",
        1,
        1,
        "UTF-8 ではない文字があります。ファイルを UTF-8 で保存し直してください（Shift_JIS は使えません）。",
    )


def test_file_over_size_limit(here: Path) -> None:
    padding = b"#" + b"x" * (source.MAX_BYTES - len(b"a: 1\n#\n")) + b"\n"
    (here / "m.yaml").write_bytes(b"a: 1\n" + padding)
    assert (here / "m.yaml").stat().st_size == source.MAX_BYTES
    assert source.load(Path("m.yaml")).data == {"a": 1}
    (here / "m.yaml").write_bytes(b"a: 1\n" + padding + b"\n")
    size = source.MAX_BYTES + 1
    assert load_error("m.yaml") == error(
        "m.yaml", 1, 1, f"ファイルが大きすぎます（{size:,} バイト、上限 {source.MAX_BYTES:,} バイト）。"
    )


def test_included_file_over_size_limit(here: Path) -> None:
    write(here, "m.yaml", "a: !include inc/big.yaml\n")
    (here / "inc").mkdir()
    (here / "inc" / "big.yaml").write_bytes(b"a: 1\n#" + b"x" * source.MAX_BYTES + b"\n")
    size = source.MAX_BYTES + 7
    assert load_error("m.yaml") == error(
        "inc/big.yaml", 1, 1, f"ファイルが大きすぎます（{size:,} バイト、上限 {source.MAX_BYTES:,} バイト）。"
    )


def test_alias_bomb(here: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    write(here, "m.yaml", "\n".join(lines) + "\n")
    # The node that crosses source.MAX_NODES is an `x` of the anchored list on line 1.
    assert load_error("m.yaml") == error(
        "m.yaml",
        1,
        32,
        "値が多すぎます（別名（エイリアス）の展開が大きすぎる可能性があります）。",
        "$.f[3][3][8][8][8][8]",
    )


def test_small_aliases_are_expanded(here: Path) -> None:
    write(here, "m.yaml", "a: &org 川崎市長\nb: *org\n")
    assert source.load(Path("m.yaml")).data == {"a": "川崎市長", "b": "川崎市長"}


def _nested(levels: int) -> str:
    """`a:` holding `levels` lists one inside the other."""
    return "a: " + "[" * levels + "]" * levels + "\n"


def test_nesting_depth_limit(here: Path) -> None:
    depth = source.MAX_DEPTH
    write(here, "m.yaml", _nested(depth))  # the innermost list is at a path of `depth` steps
    assert source.load(Path("m.yaml")).data is not None
    write(here, "m.yaml", _nested(depth + 1))
    found = load_error("m.yaml")
    assert (found.line, found.message) == (1, f"入れ子が深すぎます（上限 {depth} 階層）。")
    assert found.path == "$.a" + "[0]" * depth


def test_very_deep_nesting_is_an_error_not_a_crash(here: Path) -> None:
    write(here, "m.yaml", _nested(5000))
    assert load_error("m.yaml").message == f"入れ子が深すぎます（上限 {source.MAX_DEPTH} 階層）。"


# ---- syntax errors explained ----


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (
            "cover:\n\ttitle: 表題\n",
            2,
            1,
            "タブ文字が使われています。YAML のインデントには半角スペースを使ってください。",
        ),
        (
            'cover:\n  title: "表題\n  organization: 川崎市長\n',
            2,
            10,
            "YAML の構文エラーです。引用符（\" または '）が閉じられていません。閉じる引用符を書いてください。",
        ),
        (
            "cover:\n  title: '表題\n",
            2,
            10,
            "YAML の構文エラーです。引用符（\" または '）が閉じられていません。閉じる引用符を書いてください。",
        ),
        (
            "a: b: c\n",
            1,
            5,
            "YAML の構文エラーです。ここには「キー: 値」を書けません。値に「: 」を含むときは値を引用符で囲むか、"
            "インデントを揃えてください。",
        ),
        (
            "a:\n  - b\n - c\n",
            3,
            2,
            "YAML の構文エラーです。インデントが揃っていません。同じ階層のキーは同じ桁から書いてください。",
        ),
        ("a: *x\n", 1, 4, "YAML の構文エラーです。別名（*名前）の参照先（&名前）が定義されていません。"),
        ("a: &x 1\nb: &x 2\n", 2, 4, "YAML の構文エラーです。同じ名前の別名（&名前）が2回定義されています。"),
    ],
    ids=["tab", "unclosed-double", "unclosed-single", "colon-in-value", "list-indent", "alias", "anchor"],
)
def test_syntax_error_messages(here: Path, text: str, line: int, column: int, message: str) -> None:
    write(here, "m.yaml", text)
    assert load_error("m.yaml") == error("m.yaml", line, column, message)


_BAD_ESCAPE = (
    'YAML の構文エラーです。引用符 "…" の中の「\\」はエスケープ文字として読まれます。'
    "Windows のパスなどは '…'（シングルクォート）で囲んでください。"
)


@pytest.mark.parametrize(
    "path", ["C:\\資料\\評価書", "C:\\data\\資料", "\\\\server\\share\\資料"], ids=["kanji", "data", "unc"]
)
def test_bad_escape_in_double_quotes_is_not_called_an_unclosed_quote(here: Path, path: str) -> None:
    write(here, "m.yaml", f'cover:\n  title: "{path}"\n')
    assert load_error("m.yaml") == error("m.yaml", 2, 10, _BAD_ESCAPE)


@pytest.mark.parametrize("path", ["C:\\Users\\taro", "C:\\user\\資料", "C:\\xyz"], ids=["Users", "user", "x"])
def test_hex_escape_in_a_windows_path_is_not_called_an_unclosed_quote(here: Path, path: str) -> None:
    write(here, "m.yaml", f'cover:\n  title: "{path}"\n')
    assert load_error("m.yaml") == error("m.yaml", 2, 10, _BAD_ESCAPE)


# ---- tags ----


@pytest.mark.parametrize(
    ("text", "column", "tag"),
    [
        ("a: !!python/object:os.system x\n", 4, "tag:yaml.org,2002:python/object:os.system"),
        ("a: !!python/name:os.system\n", 4, "tag:yaml.org,2002:python/name:os.system"),
        ("a: !!float 1.5\n", 4, "tag:yaml.org,2002:float"),
        ("a: !!binary aGVsbG8=\n", 4, "tag:yaml.org,2002:binary"),
        ("a: !env HOME\n", 4, "!env"),
    ],
)
def test_unknown_scalar_tag(here: Path, text: str, column: int, tag: str) -> None:
    write(here, "m.yaml", text)
    assert load_error("m.yaml") == error(
        "m.yaml", 1, column, f"タグ「{tag}」は使えません。使えるタグは !include だけです。", "$.a"
    )


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object:os.system {x: 1}\n", "tag:yaml.org,2002:python/object:os.system"),
        ("a: !!python/object/apply:os.system [echo]\n", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("a: !!set {x, y}\n", "tag:yaml.org,2002:set"),
    ],
)
def test_unknown_collection_tag(here: Path, text: str, tag: str) -> None:
    write(here, "m.yaml", text)
    assert load_error("m.yaml") == error(
        "m.yaml",
        1,
        4,
        f"タグ「{tag}」は使えません。使えるタグは !include（ファイル名に付ける）だけです。",
        "$.a",
    )


@pytest.mark.parametrize("text", ["a: !include [other.yaml]\n", "a: !include {x: other.yaml}\n"])
def test_include_on_a_collection_is_rejected(here: Path, text: str) -> None:
    write(here, "m.yaml", text)
    assert load_error("m.yaml") == error(
        "m.yaml",
        1,
        4,
        "!include にはファイル名を1つ（文字列で）書いてください。例: !include shared/cloud.yaml",
        "$.a",
    )


@pytest.mark.parametrize(
    ("text", "value", "tag"),
    [
        ("a: !!bool yes\n", "yes", "bool"),
        ("a: !!bool True\n", "True", "bool"),
        ("a: !!null 川崎市\n", "川崎市", "null"),
        ("a: !!int abc\n", "abc", "int"),
        ("a: !!int 0120\n", "0120", "int"),
        ("a: !!int 1_000\n", "1_000", "int"),
    ],
)
def test_explicit_tag_on_a_value_of_another_kind(here: Path, text: str, value: str, tag: str) -> None:
    write(here, "m.yaml", text)
    assert load_error("m.yaml") == error(
        "m.yaml",
        1,
        4,
        f"「{value}」はタグ「tag:yaml.org,2002:{tag}」の値として読めません。タグを外してください。",
        "$.a",
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: !!bool true\n", True),
        ("a: !!bool false\n", False),
        ("a: !!int 12\n", 12),
        ("a: !!int -7\n", -7),
        ("a: !!null\n", None),
        ("a: !!null ~\n", None),
        ("a: !!str 12\n", "12"),
        ("a: !!map {x: 1}\n", {"x": 1}),
        ("a: !!seq [x]\n", ["x"]),
    ],
)
def test_explicit_tag_meaning_the_same_is_accepted(here: Path, text: str, value: Any) -> None:
    write(here, "m.yaml", text)
    assert source.load(Path("m.yaml")).data == {"a": value}


# ---- load ∘ dump ----

_TRICKY = st.sampled_from(
    ["yes", "no", "on", "off", "0120", "true", "false", "null", "~", "", "1,000人", "2024-01-01", "令和7年1月20日",
     "- a", "a: b", "#x", "!include x.yaml", "*a", "  先頭の空白", "末尾の空白  ", "改行で終わる\n", "\n改行で始まる",
     "１行目\n\n３行目\n", "  a\n b", "\t", "+5", "-0", "1e3", "0x1F", "－", "・項目１\n・項目２"]
)  # fmt: skip
# U+0085 (NEL) is left out: PyYAML's pure-Python emitter breaks it (see the test below).
_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x85"
) | st.sampled_from("\n\t あ漢字カナ：、。（）「」①Ⅱ")
_TEXT = st.one_of(_TRICKY, st.text(_CHARS, max_size=40))
_SCALARS = st.one_of(_TEXT, st.integers(), st.booleans(), st.none())
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=25,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_VALUES)
def test_load_of_dump_is_identity(tmp_path: Path, value: Any) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(source.dump(value), encoding="utf-8")
    assert source.load(path).data == value


def test_dump_writes_multi_line_text_as_literal_block() -> None:
    assert (
        source.dump({"a": "１行目\n２行目", "b": "yes", "c": "0120"})
        == "a: |-\n  １行目\n  ２行目\nb: 'yes'\nc: '0120'\n"
    )


@pytest.mark.skipif(
    not hasattr(yaml, "CSafeDumper"),
    reason="PyYAML's pure-Python emitter writes U+0085 (NEL) unescaped; only libyaml's escapes it",
)
def test_load_of_dump_keeps_next_line_character(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(source.dump({"a": "a\x85b"}), encoding="utf-8")
    assert source.load(path).data == {"a": "a\x85b"}
