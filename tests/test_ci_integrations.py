"""The pre-commit hook that piagen offers runs its entry on the files it selects."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.shared import EXAMPLES, ROOT


def test_pre_commit_hook_validates_changed_models(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["piagen-validate"]
    hook = hooks[0]
    assert set(hook) >= {"id", "name", "entry", "language", "files"} and hook["language"] == "python"
    good = tmp_path / "good.yaml"
    shutil.copy(EXAMPLES / "kawasaki-kenko-zoshin.yaml", good)
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text(encoding="utf-8").replace("piagen: 1", "piagen: 2", 1), encoding="utf-8")
    selected = [p for p in (good, bad, tmp_path / "notes.txt") if re.search(hook["files"], p.name)]
    assert selected == [good, bad]
    program, *args = shlex.split(hook["entry"])
    assert program == "piagen"  # the console script pyproject.toml installs
    run = [sys.executable, "-m", "piagen", *args]
    assert subprocess.run([*run, str(good)], capture_output=True).returncode == 0
    failed = subprocess.run([*run, *map(str, selected)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert f"{bad}:1:1: モデル形式の版 ($.piagen): モデル形式の版は「piagen: 1」です。" in failed.stdout
