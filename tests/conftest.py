"""Shared test fixtures: the part cache, golden-file handling, the command line in-process (shared
values and helpers are in tests/shared.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from the current output"
    )


@pytest.fixture(scope="session", autouse=True)
def part_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The PDF part cache of the whole run, in a temporary folder: tests never touch ~/.cache."""
    folder = tmp_path_factory.mktemp("part-cache")
    before = os.environ.get("PIAGEN_CACHE_DIR")
    os.environ["PIAGEN_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["PIAGEN_CACHE_DIR"]
    else:
        os.environ["PIAGEN_CACHE_DIR"] = before


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """Compare text with a golden file, or rewrite it under --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(path: Path, actual: str) -> None:
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden and review it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from {path} (pytest --update-golden rewrites it)"

    return check


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, str]]:
    """Run `piagen ARGS` in-process through its real entry point; return (exit code, stdout, stderr)."""
    from piagen import cli

    def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["piagen", *args])
        code = 0
        try:
            cli.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
