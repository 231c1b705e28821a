"""All or nothing: a command's outputs are staged beside their targets and renamed only when all are
written. A folder in the way, a read-only folder or a full disk gives a Japanese message naming the
file and exit 1; no previous file is replaced and no temporary file is left."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from piagen import outputs
from tests.shared import EXAMPLES

MODEL = EXAMPLES / "kitakyushu-shingata-influenza.yaml"
NAMES = [
    f"kitakyushu-shingata-influenza-{k}-internal.{f}" for k in ("basic", "focused") for f in ("html", "xlsx")
]

Run = Callable[..., tuple[int, str, str]]


def previous(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (out / name).write_bytes(f"previous {name}".encode())
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def unchanged(out: Path, before: dict[str, bytes]) -> None:
    now = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert now == before  # nothing replaced, no temporary file left (hidden names included)


def render(run_cli: Run, out: Path) -> tuple[int, str]:
    code, _, err = run_cli("render", str(MODEL), "--to", "html,xlsx", "--out", str(out))
    assert "内部エラー" not in err and "Traceback" not in err
    return code, err


@pytest.mark.parametrize("blocked", range(len(NAMES)))
def test_a_folder_in_the_way(run_cli: Run, tmp_path: Path, blocked: int) -> None:
    out = tmp_path / "out"
    before = previous(out)
    (out / NAMES[blocked]).unlink()
    (out / NAMES[blocked]).mkdir()
    del before[NAMES[blocked]]
    code, err = render(run_cli, out)
    assert code == 1
    assert f"{out / NAMES[blocked]}: 出力できません（同じ名前のフォルダがあります" in err
    unchanged(out, before)


def test_a_failed_rename_puts_back_what_was_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = previous(tmp_path)
    targets = {tmp_path / n: b"new" for n in NAMES}
    real = os.rename
    calls = {"n": 0}

    def flaky(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 6:  # in the middle of the renames
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "rename", flaky)
    with pytest.raises(outputs.OutputError, match="ディスクの空きが足りません"):
        outputs.write_atomically(targets)
    unchanged(tmp_path, before)


def test_a_file_where_the_folder_should_be(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file")
    code, err = render(run_cli, tmp_path / "out")
    assert code == 1 and "出力できません" in err and str(tmp_path / "out") in err
    assert (tmp_path / "out").read_text() == "a file"


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of 200 KB (root only; skipped where mounting is impossible)."""
    point = tmp_path / "mnt"
    point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(point)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_full_disk(run_cli: Run, mounted: Path) -> None:
    out = mounted / "out"
    before = previous(out)
    filler = mounted / "filler"
    with open(filler, "wb") as fh, contextlib.suppress(OSError):  # leave ~40 KB: less than needed
        fh.write(b"\0" * (200 * 1024 - 40 * 1024 - 4096 * 6))
    code, err = render(run_cli, out)
    assert code == 1 and "ディスクの空きが足りません" in err and str(out) in err
    unchanged(out, before)


@pytest.mark.parametrize("command", ["render", "diff", "review", "import"])
def test_a_read_only_folder(run_cli: Run, mounted: Path, tmp_path: Path, command: str) -> None:
    out = mounted / "out"
    before = previous(out)
    if subprocess.run(["mount", "-o", "remount,ro", str(mounted)], capture_output=True).returncode != 0:
        pytest.skip("cannot remount read-only")
    model = str(MODEL)
    if command == "render":
        code, _, err = run_cli("render", model, "--to", "html", "--out", str(out))
    elif command == "diff":
        code, _, err = run_cli("diff", model, model, "--format", "html", "--out", str(out / "d.html"))
    elif command == "review":
        code, _, err = run_cli(
            "review", model, "--format", "html", "--out", str(out / "r.html"), "--today", "2025-01-01"
        )
    else:
        book = tmp_path / "b.xlsx"
        assert run_cli("render", model, "--to", "xlsx", "--form", "focused", "--out", str(tmp_path))[0] == 0
        (tmp_path / "kitakyushu-shingata-influenza-focused-internal.xlsx").rename(book)
        code, _, err = run_cli("import", str(book), "-o", str(out / "m.yaml"))
    assert code == 1, err
    assert "出力できません（読み取り専用の場所です）" in err and str(out) in err
    assert "内部エラー" not in err
    unchanged(out, before)
