"""Fuzzing every command (benchmarks/fuzz.py holds the cases; its own run is larger): 520 mutated
examples, junk files, deep nesting, aliases, `!include` edge cases and damaged workbooks, run
in-process. Each must end with exit 0, 1 or 2, a message naming the file, within 30 s, and no
partial output or temporary file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.shared import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import fuzz  # noqa: E402

SEED = 20261204
COUNT = 520
BATCH = 40  # cases per test (a failure names its batch; the cases are named in the message)


@pytest.fixture(scope="module")
def book() -> bytes:
    book: bytes = fuzz.sample_book()
    return book


@pytest.mark.parametrize("batch", range(COUNT // BATCH))
def test_commands_survive_broken_inputs(
    batch: int, book: bytes, tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    everything = list(fuzz.cases(SEED, COUNT, book, quick=True))
    failures = []
    for n, case in enumerate(everything[batch * BATCH : (batch + 1) * BATCH]):
        folder = tmp_path / str(n)
        folder.mkdir()
        found = fuzz.run_case(case, folder, lambda argv, at=folder: run_cli(*argv, cwd=at))
        failures += [f"{case.name} {' '.join(case.argv)}: {f}" for f in found]
    assert failures == []


def test_the_checker_catches_what_it_must(tmp_path: Path) -> None:
    """The fuzz checks can fail: an internal error, exit 3, a message without the file name, a
    temporary file left behind, a partial output and a hang are each reported."""
    case = fuzz.Case("t", {"m.yaml": b"x: 1\n"}, ["render", "m.yaml", "--out", "out"])
    assert fuzz.run_case(case, tmp_path, lambda argv: (0, "", "")) == []
    assert "exit 3" in fuzz.run_case(case, tmp_path, lambda argv: (3, "", "m.yaml: x"))
    assert any(
        "internal" in f
        for f in fuzz.run_case(case, tmp_path, lambda a: (1, "", "m.yaml: piagen の内部エラーです"))
    )
    assert any("names no file" in f for f in fuzz.run_case(case, tmp_path, lambda a: (1, "", "エラーです")))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".x.tmp").write_bytes(b"")
    (tmp_path / "out" / "m-basic.html").write_bytes(b"")
    found = fuzz.run_case(case, tmp_path, lambda a: (1, "", "m.yaml: 失敗"))
    assert any("temporary" in f for f in found) and any("partial" in f for f in found)
    previous, fuzz.LIMIT = fuzz.LIMIT, 1
    try:
        import time

        assert fuzz.run_case(case, tmp_path, lambda a: (time.sleep(3), "", "")) == ["no answer within 1 s"]  # type: ignore[func-returns-value]
    finally:
        fuzz.LIMIT = previous


def test_cases_cover_every_command_and_shape(book: bytes) -> None:
    everything = list(fuzz.cases(SEED, COUNT, book, quick=True))
    assert len(everything) >= 500
    commands = {c.argv[0] for c in everything}
    assert commands == {"validate", "threshold", "review", "diff", "render", "import"}
    kinds = {c.name.split(":")[2] if c.name.count(":") >= 3 else c.name.split(":")[1] for c in everything}
    for kind in ("junk", "truncate", "value", "alias", "nest", "empty", "random", "laughs", "import-cut"):
        assert kind in kinds, kind
