"""A cache of laid-out PDF parts, so that re-rendering a model lays out only the sections that changed.

Each entry is the PDF WeasyPrint wrote for one part (a section of the form, the cover, the running
header overlay), stored under the SHA-256 of everything that part's layout depends on: its HTML (the
stylesheet is inlined), its attachments, and the versions of piagen, WeasyPrint and pydyf. A changed
input is a different key, so an entry never goes stale; it is only ever unused, and the oldest unused
entries are removed once the cache passes its size limit. (A font installed anew is not part of the
key: parts laid out before embed the old font's glyphs, which the merge then keeps as a separate
font rather than mixing outlines, see fontmerge; `--no-cache` lays everything out again.)

The parts hold the text of the assessment, including items withheld from the 公表版 (in the
提出版). The folder is therefore created readable by its owner only (0700, files 0600), in the
user's cache folder, never beside the output that staff publish. `PIAGEN_CACHE_DIR` chooses another
folder; `piagen render --no-cache` renders without it. A cache that cannot be read or written is
skipped: rendering never fails because of it.

Nobody else may write it: a folder or entry that is not owned by the user, or is writable by group
or others, could hold another user's pages. Such a cache is not used at all (`warning` says why, the
command prints it once); an entry is used only if it is owned and private and decompresses to a
well-formed PDF, else it is a miss.

Besides cli, this is the one module that touches the file system: the parts are looked up and
stored while the PDF is being laid out, which the command line cannot do for it."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import zlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from piagen import __version__

FORMAT = b"piagen-part-cache 1"  # bump when the parts' form changes for the same HTML
LIMIT = 256 * 1024 * 1024  # bytes kept before the least recently used entries go


@lru_cache(maxsize=1)
def _salt() -> bytes:
    versions = [FORMAT, __version__.encode()]
    for package in ("weasyprint", "pydyf"):
        try:
            versions.append(f"{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            versions.append(f"{package} ?".encode())
    return b"\0".join(versions)


def default_folder() -> Path:
    """`PIAGEN_CACHE_DIR`, else piagen/pdf-parts in the user's cache folder (XDG_CACHE_HOME, ~/.cache)."""
    chosen = os.environ.get("PIAGEN_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "piagen" / "pdf-parts"


class PartCache:
    """Parts by key in one folder; every failure to read or write is a miss, never an error."""

    def __init__(self, folder: Path, limit: int = LIMIT) -> None:
        self.folder = folder
        self.limit = limit
        self.hits = 0
        self.misses = 0
        self.warning: str | None = None
        self.usable = self._trusted(folder, missing_ok=True)
        if not self.usable:
            self.warning = (
                f"PDF の部品キャッシュ（{folder}）は自分の所有でないか、他の利用者も書き込めるため使いません"
                f"（chmod 700 {folder} とするか、フォルダを削除してください）。キャッシュなしで出力します。"
            )

    @staticmethod
    def _trusted(path: Path, missing_ok: bool = False) -> bool:
        """Whether `path` is owned by this user and writable by nobody else (symbolic links refused)."""
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return missing_ok
        except OSError:
            return False
        return _private(info)

    @staticmethod
    def key(*pieces: bytes | str) -> str:
        digest = hashlib.sha256(_salt())
        for piece in pieces:
            data = piece.encode("utf-8") if isinstance(piece, str) else piece
            digest.update(b"%d:" % len(data))
            digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pdf.z"

    def get(self, key: str) -> bytes | None:
        """The part stored under `key`, if the entry is trustworthy and well formed."""
        data = self._read(self._path(key)) if self.usable else None
        if data is None:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def _read(self, path: Path) -> bytes | None:
        if not self._trusted(path.parent):
            return None
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > self.limit:
                self.warning = (
                    self.warning
                    or f"PDF の部品キャッシュ（{self.folder}）に他の利用者が書き込める部品があり、使いませんでした。"
                )
                return None
            with os.fdopen(os.dup(fd), "rb") as fh:
                data = zlib.decompress(fh.read())
            os.utime(path)  # recently used: pruned last
        except (OSError, zlib.error, MemoryError):
            return None
        finally:
            os.close(fd)
        return data if well_formed(data) else None

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        temp = None
        if not self.usable:
            return
        try:
            # Created private; then checked again (another user may have made it in between).
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.parent.mkdir(mode=0o700, exist_ok=True)
            if not (self._trusted(self.folder) and self._trusted(path.parent)):
                self.usable = False
                return
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".part-")  # created 0600
            with os.fdopen(fd, "wb") as fh:
                fh.write(zlib.compress(data, 1))
            os.replace(temp, path)
        except OSError:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

    def prune(self) -> None:
        """Remove the least recently used entries while the cache is larger than its limit."""
        if not self.usable:
            return
        try:
            entries = [(p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob("*/*.pdf.z")]
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size


def _private(info: os.stat_result) -> bool:
    """Owned by this user, writable by nobody else, and not a symbolic link."""
    return (
        not stat.S_ISLNK(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def well_formed(data: bytes) -> bool:
    """Whether `data` looks like a whole PDF as piagen stores one: its header, the end-of-file mark
    and either a cross-reference offset within the file (a PDF as written) or a trailer (a part,
    stored without cross-references; parsed in full before use). An empty or cut entry is not."""
    if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
        return False
    tail = data[-1024:]
    at = tail.rfind(b"startxref")
    if at < 0:
        return b"trailer" in tail
    number = tail[at + len(b"startxref") :].split()[:1]
    return bool(number) and number[0].isdigit() and 0 < int(number[0]) < len(data)
