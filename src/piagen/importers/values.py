"""The value of one item from the lines read under its label: text with the PDF's line wraps joined,
the option of a ＜選択肢＞ list, the ticked options of a checkbox list, a count, a number, a date."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from piagen.importers import labels
from piagen.importers.labels import Item, norm
from piagen.importers.lines import Line, width

# A line is a wrap of the next when it reaches (nearly) the widest line of its cell.
_WRAP_SLACK = 4
_WRAP_MIN = 56
_WAREKI = re.compile(
    r"(令和|平成|昭和)\s*([元0-9０-９]+)\s*年(\s*[0-9０-９]+\s*月(\s*[0-9０-９]+\s*日)?)?(\s*[（(]予定[)）])?"
)
_COUNT = re.compile(r"[（(]\s*([0-9０-９]+)\s*[)）]\s*件")
# A line starting like a new list entry begins a new line even after a full one.
_STARTS = re.compile(r"^[\s　]*(?:[・○●◆■□◇※＜【〔\[①-⑳]|[(（][0-9０-９]+[)）]|[0-9０-９]+[．.)）、]|[一二三四五六七八九十]+[．、])")
_TICK = "○〇◯✓✔"
_BRACKETS = "[]［］ 　"


def text_of(pieces: list[Line]) -> str | None:
    """The text of a cell: wrapped lines joined, paragraphs kept, blank lines dropped."""
    rows = [p.text.lstrip(" ").rstrip() for p in pieces]
    rows = [r for r in rows if r.strip()]
    if not rows:
        return None
    widest = max(width(r) for r in rows)
    out = rows[0]
    for prev, row in zip(rows, rows[1:], strict=False):
        wrapped = widest >= _WRAP_MIN and width(prev) >= widest - _WRAP_SLACK and not _STARTS.match(row)
        out += row if wrapped else "\n" + row
    return out


def choice_of(item: Item, text: str) -> str | None:
    """The option a ＜選択肢＞ item shows in its 「[ 値 ]」, or None."""
    options = labels.choices(item.path)
    plain = norm(text.strip(_BRACKETS))
    for option in options:
        if plain == norm(option):
            return option
    for segment in re.split(r"[\[\]［］\n]", text):
        seg = norm(segment)
        for option in options:
            if seg and seg == norm(option):
                return option
    return None


def checks_of(item: Item, text: str) -> dict[str, Any] | None:
    """The ticked options of a checkbox list, found as 「[ ○ ] 選択肢」 (text in （ ） for その他 …)."""
    flat = unicodedata.normalize("NFKC", text.replace("\n", " "))
    out: dict[str, Any] = {}
    for option in labels.check_options(item.path):
        key = re.escape(unicodedata.normalize("NFKC", option)).replace(r"\ ", r"\s*")
        ticked = re.search(rf"[{_TICK}]\s*\]\s*{key}", flat)
        if not ticked:
            continue
        detail = re.match(r"\s*\(\s*([^)]*?)\s*\)", flat[ticked.end() :])
        spec = labels.option_spec(item.path, option)
        takes_text = isinstance(spec.get("type"), list) and "string" in spec["type"]
        if detail and detail.group(1) and takes_text:
            out[option] = _original(text, detail.group(1))
        else:
            out[option] = True
    return out or None


def _original(text: str, normalised: str) -> str:
    """The text as printed for a piece found in its NFKC form."""
    for line in text.split("\n"):
        m = re.search(r"[（(]\s*(.*?)\s*[)）]", line)
        if m and unicodedata.normalize("NFKC", m.group(1)) == normalised:
            return m.group(1)
    return normalised


def value_of(item: Item, text: str | None) -> Any:
    """The model value of `text` for the item's kind (None when it does not read as one)."""
    if text is None:
        return None
    if item.kind == "choice":
        return choice_of(item, text)
    if item.kind == "date":
        m = _WAREKI.search(text)
        return re.sub(r"\s+", "", m.group(0)) if m else None
    if item.kind == "count":
        m = _COUNT.search(unicodedata.normalize("NFKC", text))
        return int(m.group(1)) if m else None
    if item.kind == "number":
        plain = unicodedata.normalize("NFKC", text).strip()
        return int(plain) if plain.isdigit() else (plain or None)
    if item.kind == "value":
        options = labels.choices(item.path)
        found = [o for o in options if norm(o) == norm(text)]
        return found[0] if found else text.strip() or None
    return text
