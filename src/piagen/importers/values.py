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
    r"(令和|平成|昭和)\s*([元0-9０-９]+)\s*年(\s*[0-9０-９]+\s*月(\s*[0-9０-９]+\s*日)?)?(\s*[（(]?予定[)）]?)?"
)
_COUNT = re.compile(r"[（(]\s*([0-9０-９]+)\s*[)）]\s*件")
# A line starting like a new list entry begins a new line even after a full one.
_STARTS = re.compile(
    r"^[\s　]*(?:[・○●◆■□◇※＜【〔\[①-⑳]|[(（][0-9０-９]+[)）]|[0-9０-９]+[．.)）、]|[一二三四五六七八九十]+[．、])"
)
_TICK = "○〇◯✓✔"
_BRACKETS = "[]［］ 　"
_OPTION_TAIL = re.compile(r"(?:^|\s+)[0-9０-９]+\s*[)）]\s.*$")
_PAGE_NUMBER = re.compile(r"[0-9０-９]{1,3}")
_STEM = 8  # characters of a long option that identify it when its cell wraps it


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
    # The ＜選択肢＞ list printed beside the value shares its rows: cut it off each line.
    cut = [_OPTION_TAIL.sub("", line.replace("＜選択肢＞", "")) for line in text.split("\n")]
    shown = "".join(cut)
    bracketed = re.search(r"[\[［]\s*([^\[\]［］]+?)\s*[\]］]", shown)
    if bracketed:
        inside = norm(bracketed.group(1))
        for option in options:
            if inside == norm(option):
                return option
    for plain in (norm(text.strip(_BRACKETS)), norm(shown.strip(_BRACKETS))):
        for option in options:
            if plain == norm(option):
                return option
    first = norm(text.split("＜選択肢＞")[0] if "＜選択肢＞" in text else text.split("\n")[0])
    for option in options:
        if norm(option) in (norm(shown), first):
            return option  # printed without brackets beside its ＜選択肢＞ list (a workbook's cell)
    for segment in re.split(r"[\[\]［］\n]", "\n".join([text, *cut])):
        seg = norm(segment)
        for option in options:
            if seg and seg == norm(option):
                return option
    # 「[ 再委託しない再」: the first character of a label printed vertically beside the block
    # (「再／委／託」, fixed.vertical_label) joined to the value's line by extraction.
    glued = [o for o in options if first[:1] in "[［" and norm(first[1:])[:-1] == norm(o)]
    return glued[0] if len(glued) == 1 else None


_COLUMN_SLACK = 12.0  # points: cells starting this close are one column of a checkbox grid


def by_columns(lines: list[Line]) -> str:
    """The text of a checkbox grid read column by column (from a PDF, where an option wrapped in its
    cell continues below it, not beside it); extracted text line by line."""
    if not lines or not all(line.cells for line in lines):
        return "\n".join(line.text for line in lines)
    columns: list[tuple[float, list[str]]] = []
    for line in lines:
        for x0, _, text in line.cells:
            column = next((c for c in columns if abs(c[0] - x0) < _COLUMN_SLACK), None)
            if column is None:
                columns.append((x0, [text]))
            else:
                column[1].append(text)
    return "\n".join("\n".join(texts) for _, texts in sorted(columns, key=lambda c: c[0]))


def checks_of(item: Item, text: str) -> dict[str, Any] | None:
    """The ticked options of a checkbox list, found as 「[ ○ ] 選択肢」: the text in （ ） after
    その他 etc., the count in 「（ n ）件」 after 提供を行っている. An option wrapped in its cell is
    known by its first characters; a longer option is tried first so 「その他」 is not read in
    「その他識別情報（内部番号）」."""
    flat = text.replace("\n", "")
    taken: list[tuple[int, int]] = []
    out: dict[str, Any] = {}
    for option in sorted(labels.check_options(item.path), key=len, reverse=True):
        found = _ticked(flat, option, taken)
        if found is None:
            continue
        taken.append(found)
        spec = labels.option_spec(item.path, option)
        out[option] = _detail(flat[found[1] :], spec)
    _counts(item, flat, out)
    order = labels.check_options(item.path)
    return {k: out[k] for k in order if k in out} or None


def _counts(item: Item, flat: str, out: dict[str, Any]) -> None:
    """「（ 58 ） 件」 printed under its option (提供を行っている, 移転を行っている): the counts in
    order, one per option that takes a number, given to the ticked ones."""
    numbered = [
        o
        for o in labels.check_options(item.path)
        if "integer" in (labels.option_spec(item.path, o).get("type") or [])
    ]
    counts = [m.group(1) for m in re.finditer(r"[（(]\s*([0-9０-９]*)\s*[)）]\s*件", flat)]
    if len(counts) != len(numbered):
        return
    for option, count in zip(numbered, counts, strict=True):
        digits = unicodedata.normalize("NFKC", count)
        if out.get(option) is True and digits.isdigit():
            out[option] = int(digits)


def _ticked(flat: str, option: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where a ticked `option` is printed (its span), not inside a span already taken."""
    stem = option if len(option) <= _STEM else option[:_STEM]
    pattern = "".join(_loose(c) for c in stem)
    for m in re.finditer(rf"[{_TICK}]\s*[\]］]\s*({pattern})", flat):
        start, end = m.start(1), m.end(1)
        if any(a <= start < b for a, b in taken):
            continue
        whole = re.match(r"\s*" + "".join(_loose(c) for c in option[len(stem) :]), flat[end:])
        return start, end + (whole.end() if whole else 0)
    return None


def _loose(char: str) -> str:
    """A character as printed or in its other width, spaces allowed after it (a wrap, a PDF run)."""
    other = unicodedata.normalize("NFKC", char)
    if len(other) != 1:
        return re.escape(char) + "\\s*"
    chars = {char, other} | ({chr(ord(other) + 0xFEE0)} if "!" <= other <= "~" else set())
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]\\s*"


def _detail(after: str, spec: dict[str, Any]) -> Any:
    """What follows a ticked option: the text in its （ ） (when the option takes text), or the
    count in 「（ n ）件」 (when it takes a number); True otherwise."""
    raw = spec.get("type")
    types: list[Any] = list(raw) if isinstance(raw, list) else [raw]
    m = re.match(r"\s*[（(]\s*", after)
    if not m:
        return True
    inner = _balanced(after[m.end() :]) or _unbalanced(after[m.end() :])
    if inner is None:
        return True
    if "integer" in types:
        digits = unicodedata.normalize("NFKC", inner).strip()
        return int(digits) if digits.isdigit() else True
    if "string" in types and inner.strip():
        return inner.strip()
    return True


def _balanced(text: str) -> str | None:
    """The text up to the ） that closes an already opened （ (nested ones kept)."""
    depth = 0
    for n, char in enumerate(text):
        if char in "（(":
            depth += 1
        elif char in "）)":
            if depth == 0:
                return text[:n]
            depth -= 1
        elif char in "[［" and depth == 0:
            return None  # the next checkbox: this （ ） was never closed
    return None


def _unbalanced(text: str) -> str | None:
    """The text of a （ ） whose own brackets do not balance (「（VRS)（新型…」 as written): up to the
    last closing bracket before the next checkbox, when that bracket ends the text."""
    own = re.split(r"[\[［]", text, maxsplit=1)[0].rstrip()
    return own[:-1].rstrip() if own[-1:] in ("）", ")") and own[:-1].strip() else None


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
        if not found:  # other cells read into it: the one line that is an option of the item
            shown = {norm(line) for line in text.split("\n")}
            found = [o for o in options if norm(o) in shown]
        return found[0] if len(found) == 1 else text.strip() or None
    if _PAGE_NUMBER.fullmatch(text.strip()):
        return None  # a page number left under an empty item (no free-text answer is a bare number)
    return text
