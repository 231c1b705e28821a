"""Strict YAML input: loads model files (with `!include`) keeping file:line:column for every value."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from piagen.errors import ModelError
from piagen.findings import Finding
from piagen.model import caps, files

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 500_000
MAX_INCLUDE_DEPTH = 16
MAX_DEPTH = 64
MAX_CHARS = 2 * MAX_BYTES  # characters of text after aliases are expanded

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """Where a value was written: file, 1-based line and column."""

    file: str
    line: int
    column: int


@dataclass
class Document:
    """A loaded model: plain data, the mark of every path, and the text of every file read."""

    data: Any
    marks: dict[JsonPath, Mark]
    main: str
    texts: dict[str, str] = field(default_factory=dict)

    def mark(self, path: JsonPath) -> Mark:
        """The mark of `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p not in self.marks and p:
            p = p[:-1]
        return self.marks.get(p, Mark(self.main, 1, 1))


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Resolves only true/false, plain integers and null; everything else stays text."""


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:0|[-+]?[1-9][0-9]*)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])

_STR = "tag:yaml.org,2002:str"
# Explicit standard tags are accepted only on values that mean the same without the tag.
_EXPLICIT = {
    "tag:yaml.org,2002:bool": re.compile(r"true|false"),
    "tag:yaml.org,2002:int": re.compile(r"0|[-+]?[1-9][0-9]*"),
    "tag:yaml.org,2002:null": re.compile(r"~|null|"),
}
_INCLUDE = "!include"


# The rule id of every loading problem (unreadable file, YAML syntax, duplicate key, !include, caps).
LOAD_RULE = "V-source"


def json_path(path: tuple[str | int, ...]) -> str:
    """`$.files[0].basic.type` style path."""
    out = "$"
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out


def _fail(mark: Mark, message: str, path: JsonPath = ()) -> ModelError:
    return ModelError(
        [Finding(LOAD_RULE, "error", message, json_path(path), "", mark.file, mark.line, mark.column)]
    )


def read_text(path: Path, shown: str) -> str:
    """Read a UTF-8 regular file with the size cap (checked before reading); errors name the file
    and, for bad bytes, the line."""
    try:
        raw = files.read_regular(path, MAX_BYTES, "モデルの YAML ファイル")
    except files.FileRefused as exc:
        raise _fail(Mark(shown, 1, 1), exc.reason) from None
    return decode_text(raw, shown)


def decode_text(raw: bytes, shown: str) -> str:
    """Decode a model's bytes as UTF-8 within the size cap."""
    if len(raw) > MAX_BYTES:
        raise _fail(
            Mark(shown, 1, 1), f"ファイルが大きすぎます（{len(raw):,} バイト、上限 {MAX_BYTES:,} バイト）。"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(
            Mark(shown, line, 1),
            "UTF-8 ではない文字があります。ファイルを UTF-8 で保存し直してください（Shift_JIS は使えません）。",
        ) from None


def _compose(text: str, shown: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    except yaml.MarkedYAMLError as exc:
        quoted = "quoted scalar" in str(exc.context or "")
        m = (exc.context_mark if quoted else None) or exc.problem_mark or exc.context_mark
        mark = Mark(shown, m.line + 1, m.column + 1) if m else Mark(shown, 1, 1)
        raise _fail(mark, _syntax_message(exc, text, m)) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise _fail(
            Mark(shown, line, 1),
            f"使えない制御文字（U+{exc.character:04X}）があります。削除してください。"
            if isinstance(exc.character, int)
            else "使えない文字があります。削除してください。",
        ) from None
    except yaml.YAMLError:
        raise _fail(Mark(shown, 1, 1), "YAML を読めません（構文を確認してください）。") from None
    finally:
        loader.dispose()


_SYNTAX = (
    (
        "escape|hexdecimal",
        "引用符 \"…\" の中の「\\」はエスケープ文字として読まれます。Windows のパスなどは '…'（シングルクォート）で囲んでください。",
    ),
    ("quoted scalar", "引用符（\" または '）が閉じられていません。閉じる引用符を書いてください。"),
    (
        "mapping values are not allowed",
        "ここには「キー: 値」を書けません。値に「: 」を含むときは値を引用符で囲むか、インデントを揃えてください。",
    ),
    ("could not find expected ':'", "「:」が見つかりません。「キー: 値」の形で書いてください。"),
    ("did not find expected key", "インデントが揃っていません。同じ階層のキーは同じ桁から書いてください。"),
    ("did not find expected '-'", "リストの「- 」の位置が揃っていません。"),
    ("expected <document start>", "インデントが揃っていないか、余分な行があります。"),
    ("found undefined alias", "別名（*名前）の参照先（&名前）が定義されていません。"),
    ("found duplicate anchor", "同じ名前の別名（&名前）が2回定義されています。"),
)


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    """A Japanese explanation of a YAML syntax error."""
    if mark is not None:
        line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        if "\t" in line[: max(mark.column, 1) + 1] or "\t" in line[:4]:
            return "タブ文字が使われています。YAML のインデントには半角スペースを使ってください。"
    described = f"{exc.context or ''} {exc.problem or ''}"
    if "maximum nesting depth" in described:  # libyaml's own cap (PyYAML 6.0.4+), far above ours
        return f"入れ子が深すぎます（上限 {MAX_DEPTH} 階層）。"
    for needle, message in _SYNTAX:
        if re.search(needle, described):
            return f"YAML の構文エラーです。{message}"
    return "YAML の構文エラーです。インデント、「:」の後の空白、引用符の対応を確認してください。"


_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_BOOL, _INT, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null"


class _Builder:
    """Turns composed nodes into plain data, recording marks and following `!include`."""

    def __init__(
        self, root: Path, display: Callable[[Path], str], reader: Callable[[Path, str], str]
    ) -> None:
        self.root = root
        self.display = display
        self.reader = reader
        self.marks: dict[JsonPath, Mark] = {}
        self.texts: dict[str, str] = {}
        self.nodes = 0
        self.chars = 0

    def load_file(
        self, path: Path, stack: tuple[Path, ...], at: Mark | None, where: JsonPath = ()
    ) -> tuple[yaml.Node, str, tuple[Path, ...]] | None:
        shown = self.display(path)
        if path in stack:
            chain = " → ".join(self.display(p) for p in (*stack, path))
            raise _fail(at or Mark(shown, 1, 1), f"!include が循環しています（{chain}）。", where)
        if len(stack) > MAX_INCLUDE_DEPTH:
            raise _fail(
                at or Mark(shown, 1, 1), f"!include の入れ子が深すぎます（上限 {MAX_INCLUDE_DEPTH}）。", where
            )
        if at is not None and self.reader is read_text:
            if path.is_dir():
                raise _fail(
                    at,
                    f"!include の「{shown}」はフォルダです。取り込む YAML ファイルを指定してください。",
                    where,
                )
            if not path.exists():
                raise _fail(
                    at,
                    f"!include のファイル「{shown}」が見つかりません。パスは取り込む側のファイルからの相対パスです。",
                    where,
                )
        text = self.reader(path, shown)
        self.texts[shown] = text
        node = _compose(text, shown)
        return None if node is None else (node, shown, (*stack, path))

    def build(self, node: yaml.Node, shown: str, stack: tuple[Path, ...], path: JsonPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _fail(
                self._mark(node, shown),
                "値が多すぎます（別名（エイリアス）の展開が大きすぎる可能性があります）。",
                path,
            )
        if len(path) > MAX_DEPTH:
            raise _fail(self._mark(node, shown), f"入れ子が深すぎます（上限 {MAX_DEPTH} 階層）。", path)
        if isinstance(node, yaml.MappingNode):
            self._expect_tag(node, _MAP, shown, path)
            return self._mapping(node, shown, stack, path)
        if isinstance(node, yaml.SequenceNode):
            self._expect_tag(node, _SEQ, shown, path)
            return [self._entry(child, shown, stack, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, shown, stack, path)

    def _expect_tag(self, node: yaml.Node, tag: str, shown: str, path: JsonPath) -> None:
        if node.tag == _INCLUDE:
            raise _fail(
                self._mark(node, shown),
                "!include にはファイル名を1つ（文字列で）書いてください。例: !include shared/cloud.yaml",
                path,
            )
        if node.tag != tag:
            raise _fail(
                self._mark(node, shown),
                f"タグ「{node.tag}」は使えません。使えるタグは !include（ファイル名に付ける）だけです。",
                path,
            )

    def _entry(self, node: yaml.Node, shown: str, stack: tuple[Path, ...], path: JsonPath) -> Any:
        self.marks.setdefault(path, self._mark(node, shown))
        return self.build(node, shown, stack, path)

    def _mapping(
        self, node: yaml.MappingNode, shown: str, stack: tuple[Path, ...], path: JsonPath
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _INCLUDE:
                raise _fail(self._mark(key_node, shown), "キーは文字列にしてください。")
            key = str(key_node.value)
            if key in out:
                raise _fail(
                    self._mark(key_node, shown),
                    f"キー「{key}」が重複しています（同じ階層に2回あります）。どちらかを削除してください。",
                    (*path, key),
                )
            self.marks[(*path, key)] = self._mark(key_node, shown)
            out[key] = self.build(value_node, shown, stack, (*path, key))
        return out

    def _scalar(self, node: yaml.Node, shown: str, stack: tuple[Path, ...], path: JsonPath) -> Any:
        assert isinstance(node, yaml.ScalarNode)
        tag, value = node.tag, node.value
        if tag == _INCLUDE:
            return self._include(node, shown, stack, path)
        explicit = _EXPLICIT.get(tag)
        if explicit is not None and not explicit.fullmatch(str(value)):
            raise _fail(
                self._mark(node, shown),
                f"「{value}」はタグ「{tag}」の値として読めません。タグを外してください。",
                path,
            )
        if tag == _BOOL:
            return value == "true"
        if tag == _INT:
            wrong = caps.integer_problem(str(value))
            if wrong:
                raise _fail(self._mark(node, shown), wrong, path)
            return int(value)
        if tag == _NULL:
            return None
        if tag in (_STR, "!"):
            return self._text(str(value), node, shown, path)
        raise _fail(
            self._mark(node, shown), f"タグ「{tag}」は使えません。使えるタグは !include だけです。", path
        )

    def _text(self, value: str, node: yaml.Node, shown: str, path: JsonPath) -> str:
        """A text value within the caps on expanded size and on unbreakable runs."""
        self.chars += len(value)
        if self.chars > MAX_CHARS:
            raise _fail(
                self._mark(node, shown),
                f"文字数が多すぎます（別名（エイリアス）の展開を含めて上限 {MAX_CHARS:,} 文字）。",
                path,
            )
        wrong = caps.text_problem(value)
        if wrong:
            raise _fail(self._mark(node, shown), wrong, path)
        return value

    def _include(self, node: yaml.ScalarNode, shown: str, stack: tuple[Path, ...], path: JsonPath) -> Any:
        at = self._mark(node, shown)
        if not str(node.value).strip():
            raise _fail(
                at, "!include のファイル名が空です。取り込む YAML ファイルのパスを書いてください。", path
            )
        try:
            target = files.confined(stack[-1].parent, str(node.value), self.root)
        except files.FileRefused as exc:
            raise _fail(at, f"!include: {exc.reason}", path) from None
        loaded = self.load_file(target, stack, at, path)
        if loaded is None:
            return None
        inner, inner_shown, inner_stack = loaded
        return self.build(inner, inner_shown, inner_stack, path)

    @staticmethod
    def _mark(node: yaml.Node, shown: str) -> Mark:
        return Mark(shown, node.start_mark.line + 1, node.start_mark.column + 1)


def load(
    path: Path,
    display: Callable[[Path], str] | None = None,
    reader: Callable[[Path, str], str] | None = None,
    root: Path | None = None,
) -> Document:
    """Load a model file strictly; raise ModelError naming file:line for any input problem.

    `reader(path, shown)` returns a file's text (default: the file system), e.g. from a git revision.
    `!include` reads only files inside `root` (default: the model's folder tree)."""
    path = Path(path)
    shown_main = str(path)
    cwd = Path.cwd()
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError, ValueError):
        raise _fail(
            Mark(shown_main, 1, 1), "ファイルを読めません（シンボリックリンクの循環か、使えない文字）。"
        ) from None

    def default_display(p: Path) -> str:
        if p == resolved:
            return shown_main
        try:
            return str(p.relative_to(cwd))
        except ValueError:
            return str(p)

    builder = _Builder((root or resolved.parent).resolve(), display or default_display, reader or read_text)
    loaded = builder.load_file(resolved, (), None)
    data = None
    if loaded is not None:
        node, shown, stack = loaded
        data = builder.build(node, shown, stack, ())
    marks = builder.marks
    marks.setdefault((), Mark(shown_main, 1, 1))
    return Document(data, marks, shown_main, builder.texts)


def load_trusted(path: Path) -> Any:
    """Load packaged data (the schema) with the fast standard safe loader."""
    loader = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 - SafeLoader variants only


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes models the way people write them: block text, no sorting, Japanese as is (with
    libyaml's emitter where PyYAML has it: ten times faster on a large model)."""


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar(_STR, value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump(data: Any) -> str:
    """Serialise data as model YAML (load(dump(x)) == x for model values)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
