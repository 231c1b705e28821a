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

Besides cli, this is the one module that touches the file system: the parts are looked up and
stored while the PDF is being laid out, which the command line cannot do for it."""

from __future__ import annotations

import contextlib
import hashlib
import os
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
        path = self._path(key)
        try:
            data = zlib.decompress(path.read_bytes())
            os.utime(path)  # recently used: pruned last
        except (OSError, zlib.error):
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        temp = None
        try:
            # Created private; a folder that exists already (PIAGEN_CACHE_DIR=/tmp, say) keeps its
            # mode: the entries' own sub-folders are private anyway.
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path.parent.mkdir(mode=0o700, exist_ok=True)
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
