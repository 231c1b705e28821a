"""The cover (表紙) of a published 評価書, read by what its entries look like, because extraction
scatters its few cells: the 評価書名 ends with the form's name, the 評価書番号 is a number alone, the
公表日 a date alone, the 評価実施機関名 a line ending with 長 or 知事, the 宣言 the paragraph that
ends with 宣言する。"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.model import form

_TITLE = re.compile(r"(全項目|重点項目|基礎項目)評価書")
_NUMBERED_TITLE = re.compile(r"^\s*([0-9０-９]+)\s+(.*(?:全項目|重点項目|基礎項目)評価書.*)$")
_DATE_ALONE = re.compile(r"^\s*(令和|平成)\s*[元0-9０-９]+年\s*[0-9０-９]+月\s*[0-9０-９]+日\s*$")
_HEAD = re.compile(r"(?:[都道府県市区町村]長|知事|大臣|委員会|長官)$")
_DECLARED = re.compile(r"宣言(する|します)。\s*$")
_FIRST_SECTION = re.compile(r"^\s*Ⅰ[　 ]")


COVER_LABELS = (
    "評価実施機関名",
    "公表日",
    "評価書番号",
    "評価書名",
    "特記事項",
    "個人のプライバシー等の権利利益の保護の宣言",
)


def region(lines: list[Line]) -> list[Line]:
    """The cover's lines: up to the first section heading (Ⅰ　基本情報 / 関連情報)."""
    for n, line in enumerate(lines):
        if (
            _FIRST_SECTION.match(line.text)
            and n > 0
            and "項目一覧" not in " ".join(x.text for x in lines[max(0, n - 12) : n])
        ):
            return lines[:n]
    return lines[:60]


def read(lines: list[Line]) -> tuple[dict[str, Any], set[int]]:
    """The cover entries found and the source line numbers they came from."""
    marks = {norm(f"特定個人情報保護評価書（{n}）") for n in form.FORM_NAMES.values()}
    blocks = _blocks(region(lines))
    out: dict[str, Any] = {}
    used: set[int] = set()
    for block in blocks:
        if (
            len(block) > 1
            and unicodedata.normalize("NFKC", block[0].text).strip().isdigit()
            and "number" not in out
        ):
            out["number"] = int(unicodedata.normalize("NFKC", block[0].text).strip())
            used.add(block[0].number)
            block = block[1:]
        joined = "".join(b.text.strip() for b in block)
        if norm(joined) in marks:
            continue
        numbered = _NUMBERED_TITLE.match(block[0].text) if len(block) == 1 else None
        if numbered and "title" not in out:
            out["number"] = int(unicodedata.normalize("NFKC", numbered.group(1)))
            out["title"] = numbered.group(2).strip()
        elif _TITLE.search(joined) and "title" not in out and len(joined) < 120 and "宣言" not in joined:
            out["title"] = joined  # a title is one line, wrapped only by its cell
        elif _DECLARED.search(joined) and "declaration" not in out:
            out["declaration"] = joined.strip()
        elif _DATE_ALONE.match(joined) and "published" not in out:
            out["published"] = re.sub(r"\s+", "", joined)
        elif unicodedata.normalize("NFKC", joined).strip().isdigit() and "number" not in out:
            out["number"] = int(unicodedata.normalize("NFKC", joined).strip())
        elif _HEAD.search(joined) and len(joined) < 40 and "organization" not in out:
            out["organization"] = joined.strip()
        else:
            continue
        used.update(b.number for b in block)
    return out, used


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines."""
    out: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]
