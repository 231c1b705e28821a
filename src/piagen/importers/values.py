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
_EDGE_SLACK_PT = 12.0
_WAREKI = re.compile(
    r"(令和|平成|昭和)\s*([元0-9０-９]+)\s*年(\s*[0-9０-９]+\s*月(\s*[0-9０-９]+\s*日)?)?(\s*[（(]予定[)）])?"
)
_COUNT = re.compile(r"[（(]\s*([0-9０-９]+)\s*[)）]\s*件")
# A line starting like a new list entry begins a new line even after a full one.
_STARTS = re.compile(
    r"^[\s　]*(?:[・○●◆■□◇※＜【〔\[①-⑳]|[(（][0-9０-９]+[)）]|[0-9０-９]+[．.)）、]|[一二三四五六七八九十]+[．、])"
)
_TICK = "○〇◯✓✔"
_BRACKETS = "[]［］ 　"


def text_of(pieces: list[Line], narrow: bool = False) -> str | None:
    """The text of a cell: wrapped lines joined, paragraphs kept, blank lines dropped."""
    kept = [p for p in pieces if p.text.strip()]
    if kept and kept[0].text.strip(" 　") == "※":
        kept = kept[1:]  # the ※ of a label printed on its own line
    if not kept:
        return None
    full = _full_lines(kept, 0 if narrow else _WRAP_MIN)
    out = kept[0].text.lstrip(" ").rstrip()
    for k, line in enumerate(kept[1:], start=1):
        row = line.text.lstrip(" ").rstrip()
        out += row if full[k - 1] and not _STARTS.match(row) else "\n" + row
    return out


def _full_lines(lines: list[Line], least: int) -> list[bool]:
    """Which lines reach the right edge of their cell (so continue on the next line): by position
    when read from a PDF, by display width in extracted text."""
    if all(line.x1 > 0 for line in lines):
        right = max(line.x1 for line in lines)
        return [line.x1 >= right - _EDGE_SLACK_PT for line in lines]
    widths = [width(line.text.lstrip(" ").rstrip()) for line in lines]
    widest = max(widths)
    return [widest >= least and w >= widest - _WRAP_SLACK for w in widths]


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
        first = unicodedata.normalize("NFKC", text).strip().split("\n")[0].strip()
        return int(first) if first.isdigit() else None
    if item.kind == "value":
        options = labels.choices(item.path)
        found = [o for o in options if norm(o) == norm(text)]
        return found[0] if found else text.strip() or None
    return text
