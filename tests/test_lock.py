"""requirements.lock (what `make` installs) pins every dependency of pyproject.toml, with hashes:
a dependency added without `make lock` fails here, not on a user's fresh machine."""

from __future__ import annotations

import re
import tomllib

from tests.shared import ROOT


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]).lower()


def test_lock_pins_every_dependency_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in [*project["dependencies"], *project["optional-dependencies"]["test"]]}
    wanted |= {
        _name(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    }
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = re.findall(
        r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)(?: ;[^\\\n]*)? \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)",
        lock,
        re.M,
    )
    pinned = {_name(name) for name, _, _ in entries}
    assert wanted <= pinned, f"not in requirements.lock (run make lock): {sorted(wanted - pinned)}"
    assert len(entries) == len(re.findall(r"^[A-Za-z0-9][^ \n]*==", lock, re.M))  # each pin has hashes
    assert "# via" in lock and "make lock" in lock.splitlines()[1]
