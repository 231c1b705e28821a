"""Versions of a model: a file, or a file as it was at a git revision (`REV:path`, e.g. `HEAD~1:x.yaml`)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from piagen.errors import ModelError, UsageError
from piagen.findings import Finding
from piagen.model import source


def _git_reader(rev: str, top: Path) -> Callable[[Path, str], str]:
    """A file reader that takes files as they were at a git revision."""

    def read(path: Path, shown: str) -> str:
        rel = path.resolve().relative_to(top)
        done = subprocess.run(["git", "-C", str(top), "show", f"{rev}:{rel.as_posix()}"], capture_output=True)
        if done.returncode != 0:
            raise ModelError(
                [
                    Finding(
                        source.LOAD_RULE,
                        "error",
                        f"git の版 {rev} にこのファイルはありません。",
                        "$",
                        "",
                        shown,
                        1,
                        1,
                    )
                ]
            )
        return source.decode_text(done.stdout, f"{rev}:{rel.as_posix()}")

    return read


def load_version(spec: str) -> source.Document:
    """A model from a file, or from a git revision written REV:path (e.g. HEAD~1:examples/x.yaml)."""
    if Path(spec).exists() or ":" not in spec:
        return source.load(Path(spec))
    rev, _, rel = spec.partition(":")
    done = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if done.returncode != 0:
        raise UsageError(
            f"「{spec}」はファイルでも git の版でもありません（git の作業フォルダで実行してください）。"
        )
    top = Path(done.stdout.strip())
    return source.load(
        Path(rel).resolve(),
        display=lambda p: f"{rev}:{p.relative_to(top).as_posix()}",
        reader=_git_reader(rev, top),
    )
