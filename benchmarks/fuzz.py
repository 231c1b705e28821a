"""Fuzzing every command with broken inputs: mutated examples, junk bytes, deep nesting, aliases,
`!include` edge cases and damaged workbooks. Every case must end with exit 0, 1 or 2 (never 3, the
internal error), a message that names the file, within 30 s, and leave no partial output.

    .venv/bin/python benchmarks/fuzz.py [--cases 3000] [--seed 1]

prints the cases tried, the failures (each with its seed and command) and the time taken. The test
suite (tests/test_fuzz_commands.py) runs 500+ of the same cases in-process."""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import shutil
import signal
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SMALL = ("kitakyushu-shingata-influenza", "kashiwa-yobou-sesshu", "kawasaki-kenko-zoshin")
LIMIT = 30  # seconds a case may take
VALUES = [
    "",
    "~",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "-1",
    "9" * 30,
    "9" * 4301,
    "true",
    "'x'",
    "&a x",
    "*undefined",
    "!include nothing.yaml",
    "!include ../outside.yaml",
    "!include /etc/passwd",
    "!include .",
    "!include m.yaml",
    "!include sub/loop.yaml",
    '!include "a\\0b"',
    "!include " + "a" * 300,
    "!!binary aGVsbG8=",
    "!!python/object:os.system x",
    "!!float 1.5",
    "2024-01-01",
    "令和99年13月40日",
    "A" * 2000,
    '"\\x01"',
    "|\n  複数行\n  の文",
    ">-",
    "? complex",
    "[[[[[[[[[[]]]]]]]]]]",
    "{{a}}",
    "'unterminated",
    '"bad \\q escape"',
    "\t tab",
    "0o17",
    "0x1F",
    "1e5",
    ".nan",
    "-.inf",
    "yes",
    "no",
    "NULL",
    "＄全角",
    "ｶﾀｶﾅ",
]
JUNK = [
    b"\x00",
    b"\xff",
    b"\t",
    b":",
    b"- ",
    b"&",
    b"*",
    b"!",
    b"{",
    b"[",
    b'"',
    b"'",
    b"%",
    b"@",
    b"`",
    b"|",
    b">",
    b"\r",
    b"\xef\xbb\xbf",
    b"\n  ",
]


@dataclass
class Case:
    """One fuzz case: the files to write (relative to a fresh folder) and the command to run."""

    name: str
    files: dict[str, bytes]
    argv: list[str]
    outputs: str = "out"  # the folder the command may write to
    notes: list[str] = field(default_factory=list)


def _mutate(rng: random.Random, text: bytes) -> tuple[str, bytes]:
    lines = text.split(b"\n")
    at = rng.randrange(len(lines))
    kind = rng.choice(["delete", "duplicate", "indent", "junk", "truncate", "value", "key", "alias", "nest"])
    if kind == "delete":
        del lines[at]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "indent":
        lines[at] = (b" " * rng.choice([1, 2, 3])) + lines[at] if rng.random() < 0.5 else lines[at].lstrip()
    elif kind == "junk":
        pos = rng.randrange(len(text) + 1)
        return kind, text[:pos] + b"".join(rng.choices(JUNK, k=rng.randint(1, 4))) + text[pos:]
    elif kind == "truncate":
        return kind, text[: rng.randrange(len(text) + 1)]
    elif kind == "value" and b": " in lines[at]:
        key = lines[at].split(b": ", 1)[0]
        lines[at] = key + b": " + rng.choice(VALUES).encode()
    elif kind == "key" and b": " in lines[at]:
        other = lines[rng.randrange(len(lines))].split(b": ", 1)[0].strip() or b"x"
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        lines[at] = indent + other + b": " + lines[at].split(b": ", 1)[1]
    elif kind == "alias":
        lines.insert(0, b"x-anchor: &big " + b"x" * rng.choice([10, 100_000]))
        lines.insert(1, b"x-copies: [" + b", ".join([b"*big"] * rng.choice([2, 200])) + b"]")
    elif kind == "nest":
        depth = rng.choice([10, 70, 200, 2000])
        lines.insert(at, b"  deep: " + b"[" * depth + b"]" * depth)
    return kind, b"\n".join(lines)


def _whole(rng: random.Random, text: bytes) -> tuple[str, bytes]:
    """A file that is not a model at all."""
    choice = rng.randrange(10)
    return [
        ("empty", b""),
        ("scalar", b"3\n"),
        ("list", b"- 1\n- 2\n"),
        ("null", b"null\n"),
        ("documents", b"piagen: 1\n---\npiagen: 1\n"),
        ("random", bytes(rng.randrange(256) for _ in range(rng.randrange(2000)))),
        ("utf16", text.decode("utf-8", "replace").encode("utf-16")),
        ("sjis", text.decode("utf-8", "replace").encode("shift_jis", "replace")),
        ("deep-map", b"a: " + b"{a: " * 300 + b"1" + b"}" * 300 + b"\n"),
        (
            "laughs",
            b"a: &a [x, x, x, x, x, x, x, x, x]\n"
            + b"".join(
                f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n".encode()
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            ),
        ),
    ][choice]


COMMAND_WEIGHTS = (3, 1, 2, 2, 1, 2, 1, 2, 1)  # validate … render: each command about as often
QUICK_WEIGHTS = (12, 2, 8, 1, 1, 3, 1, 1, 0)  # the test suite's run: mostly the fast commands


def _command(rng: random.Random, model: str, original: str, weights: tuple[int, ...]) -> list[str]:
    return rng.choices(
        [
            ["validate", model],
            ["validate", model, "--format", "json"],
            ["threshold", model],
            ["review", model, "--today", "2025-01-20"],
            ["review", model, "--previous", original, "--today", "2025-01-20", "--format", "json"],
            ["diff", original, model],
            ["diff", model, original, "--format", "json"],
            ["render", model, "--to", "html", "--allow-errors", "--out", "out"],
            ["render", model, "--to", "html,xlsx", "--edition", "public", "--allow-errors", "--out", "out"],
        ],
        weights,
    )[0]


def _workbook(rng: random.Random, book: bytes) -> tuple[str, bytes]:
    """A damaged piagen workbook: flipped bytes, a cut, or a part replaced."""
    kind = rng.choice(["flip", "cut", "part"])
    if kind == "flip":
        data = bytearray(book)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return kind, bytes(data)
    if kind == "cut":
        return kind, book[: rng.randrange(len(book))]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w") as dst:
        victim = rng.choice(src.namelist())
        for name in src.namelist():
            data = src.read(name)
            if name == victim:
                data = rng.choice([b"", b"<x>", data[: len(data) // 2], data.replace(b"<", b"<<", 3)])
            dst.writestr(name, data)
    return kind, out.getvalue()


def cases(seed: int, count: int, book: bytes | None = None, quick: bool = False) -> Iterator[Case]:
    """`count` cases, the same for the same seed (`quick`: weighted to the fast commands)."""
    texts = {name: (EXAMPLES / f"{name}.yaml").read_bytes() for name in SMALL}
    for n in range(count):
        rng = random.Random(f"{seed}-{n}")
        name = rng.choice(SMALL)
        original = texts[name]
        roll = rng.random()
        files = {
            "orig.yaml": original,
            "outside.yaml": b"secret: outside\n",
            "sub/loop.yaml": b"a: !include loop.yaml\n",
        }
        if book is not None and roll < (0.1 if quick else 0.06):
            kind, data = _workbook(rng, book)
            files["book.xlsx"] = data
            yield Case(f"{n}:import-{kind}", files, ["import", "book.xlsx", "-o", "out/m.yaml"])
            continue
        kind, data = _whole(rng, original) if roll < (0.3 if quick else 0.16) else _mutate(rng, original)
        files["m.yaml"] = data
        argv = _command(rng, "m.yaml", "orig.yaml", QUICK_WEIGHTS if quick else COMMAND_WEIGHTS)
        yield Case(f"{n}:{name}:{kind}:{argv[0]}", files, argv)


def check(case: Case, code: object, out: str, err: str, folder: Path) -> list[str]:
    """What is wrong with how a command ended (an empty list when all is well)."""
    problems = []
    text = out + err
    if code not in (0, 1, 2):
        problems.append(f"exit {code}")
    if "内部エラー" in text or "Traceback" in text:
        problems.append("internal error: " + text.strip().splitlines()[-1][:300])
    inputs = [a for a in case.argv if a in case.files]  # the files the command reads
    if code != 0 and err.strip() and not any(name in text for name in inputs):
        problems.append("message names no file: " + err.strip()[:200])
    written = folder / case.outputs
    if written.exists():
        left = [p.name for p in written.rglob("*") if p.name.startswith(".")]
        if left:
            problems.append(f"temporary files left: {left}")
        if code not in (0,) and case.argv[0] == "render" and any(written.iterdir()):
            problems.append("partial output after a failure")
    return problems


class Hang(Exception):
    """A case ran longer than LIMIT seconds."""


def run_case(case: Case, folder: Path, run: Callable[[list[str]], tuple[object, str, str]]) -> list[str]:
    """Write the case's files into `folder`, run it there (at most LIMIT s) and check the outcome."""
    for rel, data in case.files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)

    def alarm(*_: object) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(LIMIT)
    try:
        code, out, err = run(case.argv)
    except Hang:
        return [f"no answer within {LIMIT} s"]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return check(case, code, out, err, folder)


def in_process(argv: list[str]) -> tuple[object, str, str]:
    """`piagen ARGV` in this process: (exit code, stdout, stderr)."""
    from piagen import cli

    out, err = io.StringIO(), io.StringIO()
    code: object = 0
    sys.argv = ["piagen", *argv]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.main()
        except SystemExit as exc:
            code = exc.code if exc.code is not None else 0
    return code, out.getvalue(), err.getvalue()


def sample_book() -> bytes:
    from piagen.model import source
    from piagen.render import forms

    data = source.load(EXAMPLES / "kitakyushu-shingata-influenza.yaml").data
    return forms.render_all(data, ["focused"], ("xlsx",))[("focused", "xlsx")]


def main() -> None:
    import os
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("PIAGEN_CACHE_DIR", tempfile.mkdtemp(prefix="piagen-fuzz-cache-"))
    book = sample_book()
    started, failures, tried = time.perf_counter(), [], 0
    home = Path.cwd()
    for case in cases(args.seed, args.cases, book):
        folder = Path(tempfile.mkdtemp(prefix="piagen-fuzz-"))
        os.chdir(folder)
        try:
            found = run_case(case, folder, in_process)
        finally:
            os.chdir(home)
            shutil.rmtree(folder, ignore_errors=True)
        tried += 1
        if found:
            failures.append((case.name, case.argv, found))
            print(f"FAIL {case.name} {' '.join(case.argv)[:120]}: {'; '.join(found)}", flush=True)
    seconds = time.perf_counter() - started
    print(f"fuzz: {tried} cases tried (seed {args.seed}), {len(failures)} failures, {seconds:.0f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
