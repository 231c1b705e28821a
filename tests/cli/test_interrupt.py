"""Ctrl-C ends a command with 「中断しました。」 and exit 130 — also when it lands inside a string
`exec` (dataclasses build their methods that way while a module is imported), which CPython marks as
an unhandled KeyboardInterrupt and, under `python -m`, turns into a death by SIGINT (-2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kitakyushu-shingata-influenza.yaml"

# Started by `site` before the command: the first string `exec` once piagen.cli is being imported
# ends with a KeyboardInterrupt, as a Ctrl-C arriving at that moment would.
SITECUSTOMIZE = """
import builtins, sys
_exec = builtins.exec
def _interrupting_exec(source, *args, **kwargs):
    if isinstance(source, str) and "piagen.cli" in sys.modules:
        builtins.exec = _exec
        _exec("raise KeyboardInterrupt")
    return _exec(source, *args, **kwargs)
builtins.exec = _interrupting_exec
"""


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    path = os.pathsep.join([str(tmp_path), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "piagen", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path, "PIAGEN_CACHE_DIR": str(tmp_path / "c")},
        cwd=tmp_path,
    )


def test_ctrl_c_inside_a_string_exec_while_importing_exits_130(tmp_path: Path) -> None:
    done = _run(tmp_path, "validate", str(EXAMPLE))
    assert done.returncode == 130, (done.returncode, done.stderr)
    assert done.stderr.strip() == "中断しました。"


def test_ctrl_c_inside_a_string_exec_with_layout_processes_started_exits_130(tmp_path: Path) -> None:
    done = _run(tmp_path, "render", str(EXAMPLE), "--to", "pdf", "--out", str(tmp_path / "out"))
    assert done.returncode == 130, (done.returncode, done.stderr)
    assert done.stderr.strip() == "中断しました。"
    assert not (tmp_path / "out").exists()


def test_the_interrupt_exits_130_when_a_caught_string_exec_ended_with_ctrl_c(tmp_path: Path) -> None:
    """The helper itself, on any module run with `-m` (the CPython behaviour it works around)."""
    (tmp_path / "interrupted_module.py").write_text(
        "from piagen.interrupt import exit_interrupted\n"
        "try:\n"
        "    exec('raise KeyboardInterrupt')\n"
        "except KeyboardInterrupt:\n"
        "    exit_interrupted()\n",
        encoding="utf-8",
    )
    path = os.pathsep.join([str(tmp_path), str(ROOT / "src")])
    done = subprocess.run(
        [sys.executable, "-m", "interrupted_module"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path},
        cwd=tmp_path,
    )
    assert done.returncode == 130 and done.stderr == "中断しました。\n", (done.returncode, done.stderr)
