"""Ⅲ, printed once per file after Ⅱ for every file (importers/entries.enter): when extraction puts a
file's first Ⅲ values before its 「１．特定個人情報ファイル名」, they go to that file, not to the file
read last — on synthetic text shaped like seed 003's 住基 (three files)."""

from __future__ import annotations

from typing import Any

from piagen.importers import text
from tests.shared import published_cover

COVER = published_cover("住民基本台帳に関する事務") + "Ⅱ　特定個人情報ファイルの概要\n"
FILES = ("住民基本台帳ファイル", "本人確認情報ファイル", "送付先情報ファイル")


def _overview(n: int, name: str) -> str:
    return f""" １．特定個人情報ファイル名
（{n}） {name}
 ２．基本情報
 ①ファイルの種類 ※ [ システム用ファイル ]
"""


def _risks(n: int, name: str, named_first: bool) -> str:
    """One file's Ⅲ: its first risk either after its name, or (pages out of order) before it."""
    first = f""" ２．特定個人情報の入手 （情報提供ネットワークシステムを通じた入手を除く。）
 リスク１：　目的外の入手が行われるリスク
 対象者以外の情報の入手を
防止するための措置の内容
{name}の入手元を限定する。
"""
    head = f"""Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策
 １．特定個人情報ファイル名
（{n}） {name}
"""
    second = f""" リスク２：　不適切な方法で入手が行われるリスク
 リスクに対する措置の内容
{name}は書面で入手する。
"""
    return head + first + second if named_first else first + head + second


def _read(body: str) -> dict[str, Any]:
    spaced = "\n\n".join((COVER + body).splitlines())  # a blank line between blocks, as extracted
    return text.read(spaced.encode("utf-8")).models[0].data


def _acquisition(data: dict[str, Any]) -> list[tuple[Any, Any]]:
    out = []
    for f in data["files"]:
        acq = f.get("risks", {}).get("acquisition", {})
        out.append((acq.get("r1", {}).get("non_subjects"), acq.get("r2", {}).get("measures")))
    return out


def test_values_before_the_files_name_in_its_chapter_go_to_that_file() -> None:
    body = "".join(_overview(n, name) for n, name in enumerate(FILES, 1))
    body += "".join(_risks(n, name, named_first=False) for n, name in enumerate(FILES, 1))
    assert _acquisition(_read(body)) == [
        (f"{n}の入手元を限定する。", f"{n}は書面で入手する。") for n in FILES
    ]


def test_names_printed_first_read_as_before() -> None:
    body = "".join(_overview(n, name) for n, name in enumerate(FILES, 1))
    body += "".join(_risks(n, name, named_first=True) for n, name in enumerate(FILES, 1))
    assert _acquisition(_read(body)) == [
        (f"{n}の入手元を限定する。", f"{n}は書面で入手する。") for n in FILES
    ]


def test_a_files_name_repeated_in_its_chapter_is_the_same_file() -> None:
    """Ⅲ prints 「１．特定個人情報ファイル名」 again: no extra file, the name is not left unplaced."""
    body = "".join(_overview(n, name) for n, name in enumerate(FILES, 1))
    body += "".join(_risks(n, name, named_first=n % 2 == 0) for n, name in enumerate(FILES, 1))
    spaced = "\n\n".join((COVER + body).splitlines())
    model = text.read(spaced.encode("utf-8")).models[0]
    assert [f["name"][4:] for f in model.data["files"]] == list(FILES)
    assert not [u for u in model.unplaced if "ファイル" in u.line.text]
