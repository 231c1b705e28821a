"""Files a model names (`!include`, figures): confined to the model's folder tree or a root the user
names, regular files only, size-checked before reading. `confined` and `read_regular` are the one
place these rules live; every reader of a named file calls them."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

NAME_MAX = 1024  # characters in a name as written in the model


class FileRefused(Exception):  # noqa: N818 - a refusal, reported by the caller with file and line
    """A named file that piagen will not read; `reason` is the Japanese explanation."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


_OS_REASONS = {
    errno.ENOENT: "ファイルが見つかりません",
    errno.EACCES: "読み取りの権限がありません",
    errno.EPERM: "読み取りの権限がありません",
    errno.ELOOP: "シンボリックリンクが循環しています",
    errno.ENAMETOOLONG: "名前が長すぎます",
    errno.ENOTDIR: "途中の名前がフォルダではありません",
    errno.EISDIR: "フォルダです",
}


def os_reason(exc: OSError) -> str:
    """An OS error as Japanese words (never the English strerror)."""
    return _OS_REASONS.get(exc.errno or 0, f"OS のエラー {exc.errno}")


def confined(base: Path, name: str, root: Path) -> Path:
    """The file `name` (written relative to the folder `base`) resolved, if it lies inside `root`."""
    if "\0" in name:
        raise FileRefused(f"「{name[:80]!r}」に NUL 文字があります。ファイル名を確かめてください。")
    if len(name) > NAME_MAX or any(len(part.encode()) > 255 for part in Path(name).parts):
        raise FileRefused(f"ファイル名が長すぎます（{len(name):,} 文字）。")
    if Path(name).is_absolute() or name.startswith("~"):
        raise FileRefused(
            f"「{name}」は絶対パスです。モデルのフォルダからの相対パスで書いてください"
            "（共有の部品は --root で指定したフォルダの中に置けます）。"
        )
    try:
        target = (base / name).resolve(strict=False)
    except (OSError, RuntimeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "シンボリックリンクが循環しています"
        raise FileRefused(f"「{name}」を読めません（{reason}）。") from None
    if target.is_symlink():  # Python 3.13 leaves a symlink loop unresolved instead of raising
        raise FileRefused(f"「{name}」を読めません（シンボリックリンクが循環しています）。")
    root = root.resolve()
    if not target.is_relative_to(root):
        raise FileRefused(
            f"「{name}」はモデルのフォルダ（{root}）の外を指しています（.. やシンボリックリンクで外に出るパスは"
            "使えません）。共有の部品のフォルダは --root で指定してください。"
        )
    return target


def read_regular(path: Path, limit: int, what: str = "ファイル") -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes (checked before reading:
    a device, a named pipe or a huge file is refused without reading it)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileRefused("ファイルが見つかりません。パスを確認してください。") from None
    except IsADirectoryError:
        raise FileRefused(f"フォルダです。{what}を指定してください。") from None
    except OSError as exc:
        raise FileRefused(f"ファイルを読めません（{os_reason(exc)}）。") from None
    except ValueError:
        raise FileRefused("ファイル名に NUL 文字があります。") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(f"フォルダです。{what}を指定してください。")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("通常のファイルではありません（名前付きパイプやデバイスは読みません）。")
        if info.st_size > limit:
            raise FileRefused(f"ファイルが大きすぎます（{info.st_size:,} バイト、上限 {limit:,} バイト）。")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise FileRefused(f"ファイルを読めません（{os_reason(exc)}）。") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while being read
        raise FileRefused(f"ファイルが大きすぎます（上限 {limit:,} バイト）。")
    return data
