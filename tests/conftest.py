"""Shared test fixtures: the repository layout, the example models and golden-file handling."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def example_models() -> list[Path]:
    """Every complete model under examples/ (included fragments live in sub-folders)."""
    return sorted(EXAMPLES.glob("*.yaml"))


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


NPM_FOLDER = ROOT / "tests" / "editor"  # package.json and package-lock.json of the npm packages tests use


def npm_package(name: str) -> Path:
    """The folder of an npm package the tests use, installed from the lock file (`npm ci`) when
    missing. Without node and npm the test is skipped on a developer's machine, and fails in CI."""
    folder = NPM_FOLDER / "node_modules" / name
    if not folder.exists() and shutil.which("npm"):
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=NPM_FOLDER,
            check=True,
            timeout=600,
        )
    if folder.exists() and shutil.which("node"):
        return folder
    message = f"{name} needs node and npm (make system-deps installs them)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
