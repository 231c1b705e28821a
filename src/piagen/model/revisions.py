"""Versions of a model: a file, or a file as it was at a git revision (`REV:path`, e.g. `HEAD~1:x.yaml`).

The revision is checked by `git rev-parse --verify` and the file read by `git cat-file blob`, each
with the revision after `--end-of-options`: a revision such as `--output=/tmp/x` is refused, never
taken as an option of git. The path must lie inside the repository."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from piagen.errors import ModelError, UsageError
from piagen.findings import Finding
from piagen.model import source

GIT_TIMEOUT = 30  # seconds: a git that waits for a lock or a credential must not hang piagen


def _git(top: Path | None, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = ["git", *(["-C", str(top)] if top else []), *args]
    try:
        return subprocess.run(command, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise UsageError(
            "git が見つかりません。git の版（REV:path）を読むには git を入れてください。"
        ) from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git が{GIT_TIMEOUT}秒以内に応答しませんでした。") from None


def _git_reader(commit: str, rev: str, top: Path) -> Callable[[Path, str], str]:
    """A file reader that takes files as they were at a git revision."""

    def read(path: Path, shown: str) -> str:
        rel = _inside(path, top, shown)
        done = _git(top, "cat-file", "blob", "--end-of-options", f"{commit}:{rel}")
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
        return source.decode_text(done.stdout, f"{rev}:{rel}")

    return read


def _inside(path: Path, top: Path, shown: str) -> str:
    try:
        return path.resolve().relative_to(top).as_posix()
    except (ValueError, OSError, RuntimeError):
        message = "git のリポジトリの外のファイルです。リポジトリの中のパスを書いてください。"
        raise ModelError([Finding(source.LOAD_RULE, "error", message, "$", "", shown, 1, 1)]) from None


def load_version(spec: str, root: Path | None = None) -> source.Document:
    """A model from a file, or from a git revision written REV:path (e.g. HEAD~1:examples/x.yaml)."""
    if "\0" in spec:
        raise UsageError("ファイル名に NUL 文字があります。")
    try:
        exists = Path(spec).exists()
    except OSError:
        exists = False
    if exists or ":" not in spec:
        return source.load(Path(spec), root=root)
    rev, _, rel = spec.partition(":")
    if not rev or rev.startswith("-"):
        raise UsageError(
            f"「{spec}」はファイルでも git の版でもありません（版は「-」で始められません。例: HEAD~1:model.yaml）。"
        )
    done = _git(None, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise UsageError(
            f"「{spec}」はファイルでも git の版でもありません（git の作業フォルダで実行してください）。"
        )
    top = Path(done.stdout.decode("utf-8", "replace").strip()).resolve()
    verified = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if verified.returncode != 0:
        raise UsageError(f"「{spec}」: git の版「{rev}」が見つかりません。")
    commit = verified.stdout.decode("ascii", "replace").strip()
    target = Path(rel).resolve()
    _inside(target, top, spec)
    return source.load(
        target,
        display=lambda p: f"{rev}:{p.relative_to(top).as_posix()}" if p.is_relative_to(top) else str(p),
        reader=_git_reader(commit, rev, top),
        root=root,
    )
