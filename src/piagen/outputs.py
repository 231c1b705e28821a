"""Writing outputs all or nothing: every file goes to a temporary name in its folder, then is renamed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, else the default of a new file (0666 less umask)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomically(outputs: dict[Path, bytes]) -> None:
    """Write every output through a temporary file in its folder; a failure leaves old files intact."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            os.fchmod(fd, _mode_for(target))  # as a plain write would leave it, not mkstemp's 0600
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            staged.append((Path(name), target))
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
