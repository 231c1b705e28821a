"""Writing a command's outputs all or nothing: every file is first written to a temporary name in its
target folder; only when all are written are they renamed into place. A failure (a folder in the
way, no permission, a full disk) replaces no previous file and leaves no temporary file."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from piagen.errors import PiagenError

_REASONS = {
    errno.ENOSPC: "ディスクの空きが足りません",
    errno.EDQUOT: "ディスクの割り当て（クォータ）を超えました",
    errno.EACCES: "書き込みの権限がありません",
    errno.EPERM: "書き込みの権限がありません",
    errno.EROFS: "読み取り専用の場所です",
    errno.EISDIR: "同じ名前のフォルダがあります",
    errno.ENOTDIR: "途中の名前がフォルダではありません",
    errno.ENAMETOOLONG: "名前が長すぎます",
}


class OutputError(PiagenError):
    """An output could not be written; nothing was replaced."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path}: 出力できません（{reason}）。以前のファイルはそのままで、何も書き換えていません。"
        )


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno or 0, f"OS のエラー {exc.errno}")


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, else the default of a new file (0666 less umask)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _check(target: Path) -> None:
    """Refuse a target that cannot be replaced by a file, before anything is written."""
    if target.is_dir():
        raise OutputError(target, "同じ名前のフォルダがあります。フォルダを移すか、出力先を変えてください")
    if target.parent.exists() and not target.parent.is_dir():
        raise OutputError(target, f"{target.parent} はフォルダではありません")


def _stage(target: Path, data: bytes) -> Path:
    """`data` written in full to a temporary file beside `target` (removed again if writing fails)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(target, _reason(exc)) from None
    try:
        os.fchmod(fd, _mode_for(target))  # as a plain write would leave it, not mkstemp's 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise OutputError(target, _reason(exc)) from None
    return Path(name)


def write_atomically(outputs: dict[Path, bytes]) -> None:
    """Write every output, or none: stage all, then rename; on a failed rename put back what was
    replaced already. Raise OutputError (a Japanese message naming the file) on any failure."""
    for target in outputs:
        _check(target)
    staged: list[tuple[Path, Path]] = []
    kept: list[tuple[Path, Path]] = []  # (previous file moved aside, its place)
    done: list[Path] = []
    try:
        for target, data in outputs.items():
            staged.append((_stage(target, data), target))
        for tmp, target in staged:
            try:
                if target.exists():
                    aside = tmp.with_name(tmp.name + ".old")  # beside its unique temporary name
                    os.rename(target, aside)
                    kept.append((aside, target))
                os.rename(tmp, target)
                done.append(target)
            except OSError as exc:
                _undo(done, kept)
                raise OutputError(target, _reason(exc)) from None
        for aside, _ in kept:
            with contextlib.suppress(OSError):
                os.unlink(aside)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


def _undo(done: list[Path], kept: list[tuple[Path, Path]]) -> None:
    """Put the previous files back after a failed rename (new files that had no predecessor go)."""
    restored = {target for _, target in kept}
    for target in done:
        if target not in restored:
            with contextlib.suppress(OSError):
                target.unlink()
    for aside, target in kept:
        with contextlib.suppress(OSError):
            os.replace(aside, target)
