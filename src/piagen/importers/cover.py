"""The cover (表紙) of a published 評価書, read by what its entries look like, because extraction
scatters its few cells: the 評価書名 ends with the form's name, the 評価書番号 is a number alone, the
公表日 a date alone, the 評価実施機関名 a line ending with 長 or 知事, the 宣言 the paragraph that
ends with 宣言する。"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Any

from piagen.importers import documents
from piagen.importers.labels import norm
from piagen.importers.lines import Line, blocks
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
_LABELLED = re.compile(r"^\s*(?:" + "|".join(map(re.escape, COVER_LABELS)) + r")[\s\u3000]+(\S.*)$")


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
    skip = {norm(f"特定個人情報保護評価書（{n}）") for n in form.FORM_NAMES.values()}
    skip |= {norm(label) for label in COVER_LABELS}
    cover = [
        _unlabelled(ln)
        for ln in region(lines)
        if ln.text.strip() and norm(ln.text) not in skip and not documents.is_heading(ln.text)
    ]
    out: dict[str, Any] = {}
    used: set[int] = set()
    for block in blocks(region(lines)):
        joined = "".join(b.text.strip() for b in block)
        if _DECLARED.search(joined) and "宣言" in joined:
            start = next(n for n, b in enumerate(block) if norm(b.text) not in skip)
            out["declaration"] = "".join(b.text.strip() for b in block[start:])
            used.update(b.number for b in block[start:])
            break
    for n, line in enumerate(cover):
        if line.number in used:
            continue
        found = _entry(line.text, out)
        if found is None:
            continue
        key, value = found
        if key == "title" and n > 0 and _continues(cover[n - 1], used, line):
            value = cover[n - 1].text.strip() + value  # a title wrapped by its cell
            used.add(cover[n - 1].number)
        if key == "title" and value.count("（") > value.count("）") and n + 1 < len(cover):
            value += cover[n + 1].text.strip()  # 「…評価書（シス」 / 「テム標準化移行後）」
            used.add(cover[n + 1].number)
        if key == "numbered":
            out.setdefault("number", value[0])
            key, value = "title", value[1]
        out[key] = value
        used.add(line.number)
    return out, used


def _unlabelled(line: Line) -> Line:
    """A line 「評価実施機関名 柏市長」 (label cell and value cell side by side, as a text extraction
    joins a row) without its label, so the value is read by its shape like a value alone."""
    match = _LABELLED.match(line.text)
    return replace(line, text=match.group(1)) if match else line


def _entry(text: str, out: dict[str, Any]) -> tuple[str, Any] | None:
    """Which cover entry a line is by its shape (each is taken once)."""
    plain = unicodedata.normalize("NFKC", text).strip()
    numbered = _NUMBERED_TITLE.match(text)
    if numbered and "title" not in out:
        return "numbered", (int(unicodedata.normalize("NFKC", numbered.group(1))), numbered.group(2).strip())
    if _TITLE.search(text) and "title" not in out and len(plain) < 120 and "宣言" not in text:
        return "title", text.strip()
    if _DATE_ALONE.match(text) and "published" not in out:
        return "published", re.sub(r"\s+", "", text)
    if plain.isdigit() and "number" not in out:
        return "number", int(plain)
    if _HEAD.search(plain) and len(plain) < 40 and "organization" not in out:
        return "organization", text.strip()
    return None


def _continues(before: Line, used: set[int], title: Line) -> bool:
    """The line before a title is its first half when it is not an entry itself and is adjacent."""
    text = before.text.strip()
    return (
        before.number not in used
        and title.number - before.number == 1
        and not text.endswith("。")
        and not unicodedata.normalize("NFKC", text).isdigit()
        and not _DATE_ALONE.match(text)
    )
