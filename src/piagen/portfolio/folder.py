"""A portfolio: the models in one folder (with their shared fragments) and the optional project file.

A YAML file is a *model* when its first top-level key is `piagen:` (every model starts with
`piagen: 1`); every other YAML file in the folder is a fragment that models `!include`. Models are
looked for in the folder and its sub-folders, except hidden folders and the output folder."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from piagen import checks
from piagen.errors import ModelError, PiagenError, UsageError
from piagen.findings import Finding
from piagen.model import source

PROJECT_FILE = "piagen-project.yaml"
_MODEL_START = re.compile(r"\A(?:\ufeff)?(?:(?:#[^\n]*|[ \t]*)\n)*piagen[ \t]*:", re.MULTILINE)
_PROJECT_KEYS = {"name", "organization", "output"}


@dataclass(frozen=True)
class Project:
    """The municipality the portfolio belongs to (all optional): its name, the 評価実施機関, the
    output folder (relative to the portfolio folder)."""

    name: str = ""
    organization: str = ""
    output: str = "out"


@dataclass
class Entry:
    """One model of the portfolio: where it is, its loaded document (None when it cannot be loaded)
    and every validation problem."""

    path: Path
    name: str
    doc: source.Document | None
    problems: list[Finding] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        data = self.doc.data if self.doc is not None else None
        return data if isinstance(data, dict) else {}

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


def is_model(text: str) -> bool:
    """Whether a YAML text is a model: its first key (after comments and blank lines) is `piagen`."""
    return _MODEL_START.match(text) is not None


def project(folder: Path, data: Any) -> Project:
    """The project file's content, checked (`data` is the loaded YAML, None when there is none)."""
    if data is None:
        return Project()
    shown = folder / PROJECT_FILE
    if not isinstance(data, dict):
        raise UsageError(f"{shown}: name・organization・output のキーと値の組にしてください。")
    unknown = sorted(set(data) - _PROJECT_KEYS)
    if unknown:
        raise UsageError(
            f"{shown}: 使えないキー {', '.join(unknown)} があります（使えるのは name（団体名）、"
            "organization（評価実施機関）、output（出力先のフォルダ）です）。"
        )
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"{shown}: {key} は空でない文字列にしてください。")
    output = str(data.get("output", "out"))
    if Path(output).is_absolute() or ".." in Path(output).parts:
        raise UsageError(f"{shown}: output はフォルダの中の相対パスにしてください（例: out）。")
    return Project(str(data.get("name", "")), str(data.get("organization", "")), output)


def read_project(folder: Path) -> Project:
    """The project file of `folder` (defaults when it has none)."""
    file = folder / PROJECT_FILE
    if not file.is_file():
        return Project()
    try:
        return project(folder, source.load(file).data)
    except ModelError as exc:
        raise UsageError(str(exc)) from None


def model_files(folder: Path, output: Path | None = None) -> list[Path]:
    """The models in `folder` and its sub-folders, in name order (see the module docstring)."""
    if not folder.is_dir():
        raise UsageError(
            f"{folder}: フォルダが見つかりません。評価書のモデルを置いたフォルダを指定してください。"
        )
    skip = output.resolve() if output is not None else None
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.suffix not in (".yaml", ".yml") or any(p.startswith(".") for p in rel.parts):
            continue
        if (skip is not None and path.resolve().is_relative_to(skip)) or path.name == PROJECT_FILE:
            continue
        if path.is_file() and is_model(_head(path)):
            found.append(path)
    return sorted(found, key=lambda p: name_of(folder, p))


def _head(path: Path) -> str:
    """The first lines of a file (enough to see its first key), '' when unreadable."""
    try:
        with open(path, "rb") as fh:
            return fh.read(8192).decode("utf-8", errors="replace")
    except OSError:
        return ""


def name_of(folder: Path, path: Path) -> str:
    """A model's name in the portfolio: its path in the folder without the extension (a/b for a/b.yaml)."""
    return path.relative_to(folder).with_suffix("").as_posix()


def load(folder: Path, paths: list[Path], display: Callable[[Path], str] | None = None) -> list[Entry]:
    """Load and validate every model; a model that fails is an entry with its problems, never an abort."""
    entries = []
    for path in paths:
        name = name_of(folder, path)
        try:
            doc = source.load(path, display, root=folder)  # fragments may be shared across the folder
        except ModelError as exc:
            entries.append(Entry(path, name, None, exc.problems))
            continue
        except PiagenError as exc:
            problem = Finding(source.LOAD_RULE, "error", str(exc), "$", "", str(path), 1, 1)
            entries.append(Entry(path, name, None, [problem]))
            continue
        entries.append(Entry(path, name, doc, checks.validate(doc)))
    return entries
