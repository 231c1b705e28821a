"""The corpus of broken models: `piagen validate` output compared whole with NAME.expected.

Each `tests/cases/invalid/NAME.yaml` sits beside `NAME.expected`: the exit code on the first line,
then stdout and stderr as printed. Cases that are awkward to commit (non-UTF-8, huge) are generated
into a temporary folder; their `.expected` lives in the corpus all the same. `pytest --update-golden`
rewrites the expected files; review the diff like code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from piagen.model import source
from tests.shared import INVALID_CASES

CASES = INVALID_CASES
RunCli = Callable[..., tuple[int, str, str]]
Golden = Callable[[Path, str], None]

_HEADER = "piagen: 1\nform: {type: full}\ncover:\n"


def _shift_jis() -> bytes:
    """A model saved from Excel or Notepad in Shift_JIS (the first non-ASCII byte is on line 4)."""
    return (_HEADER + "  title: 健康増進事業の実施に関する事務　全項目評価書\n").encode("shift_jis")


def _huge() -> bytes:
    """A model just over the size cap: a record-items text pasted many times over."""
    head = (_HEADER + "files:\n  - id: seijin\n    record_items: |-\n").encode()
    line = "      ・宛名番号、氏名、生年月日、性別、住所、検診結果\n".encode()
    return head + line * ((source.MAX_BYTES - len(head)) // len(line) + 1)


GENERATED: dict[str, Callable[[], bytes]] = {"shift-jis": _shift_jis, "huge": _huge}


def committed() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.yaml"))


def _expected_text(code: int, out: str, err: str, folder: Path) -> str:
    text = f"{code}\n{out}{err}"
    return text.replace(f"{folder}/", "")


@pytest.mark.parametrize("name", committed())
def test_committed_case(name: str, run_cli: RunCli, golden: Golden) -> None:
    code, out, err = run_cli("validate", f"{name}.yaml", cwd=CASES)
    assert code == 1, f"{name}.yaml should be rejected with exit 1:\n{out}{err}"
    assert "Traceback" not in out + err
    golden(CASES / f"{name}.expected", _expected_text(code, out, err, CASES))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case(name: str, run_cli: RunCli, golden: Golden, tmp_path: Path) -> None:
    (tmp_path / f"{name}.yaml").write_bytes(GENERATED[name]())
    code, out, err = run_cli("validate", f"{name}.yaml", cwd=tmp_path)
    assert code == 1, f"{name}.yaml should be rejected with exit 1:\n{out}{err}"
    assert "Traceback" not in out + err
    golden(CASES / f"{name}.expected", _expected_text(code, out, err, tmp_path))


def test_huge_case_is_over_the_cap() -> None:
    assert len(_huge()) > source.MAX_BYTES


def test_corpus_is_complete() -> None:
    names = set(committed()) | set(GENERATED)
    assert len(names) >= 15
    assert not set(committed()) & set(GENERATED)
    assert {p.stem for p in CASES.glob("*.expected")} == names, (
        "every case needs its .expected and vice versa"
    )
