"""Choice values and counts printed apart from their label. Some extractions put a page's
＜選択肢＞ values (「[ 十分である」「実施する」) ahead of the label column, or several of them in a row
after one label: a line that is exactly one option of the form's ＜選択肢＞ items, met where no
choice item is waiting for it (or where the one being read already shows a value), is held, and the
next choice item whose label opens without a value and whose options include it takes it — only
within REACH lines (about a printed page), so a value never travels across the document. A bare
number (「4」) is held the same way for the count printed as an empty 「（ ）件」 beside a choice
(委託件数 beside 委託の有無), taken only when the form asks for that count given the choice."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from piagen.importers import labels, values
from piagen.importers.labels import Item, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Index, Parsed
from piagen.model import form

# About one printed page of extracted text: a value printed before its label is on the label's page.
REACH = 100
_OPTION_TAIL = re.compile(r"(?:^|\s+)[0-9０-９]+\s*[)）]\s.*$")
_BRACKETS = "[]［］ 　"
_CHOICE_HEAD = "＜選択肢＞"
_NUMBER = re.compile(r"[0-9０-９]{1,3}")
_OPTION_SPLIT = re.compile(r"[0-9０-９]+\s*[)）]")


@dataclass
class Held:
    """Option lines met before any item could take them: (the option as normalised, the line, the
    place in the form where it was met)."""

    lines: list[tuple[str, Line, tuple[str | int, ...]]] = field(default_factory=list)
    numbers: list[tuple[int, Line]] = field(default_factory=list)  # 「4」 of a 「（ ）件」 printed empty


def option_of(text: str, options: frozenset[str]) -> str | None:
    """The normalised option a line shows on its own (「[ 十分である」「実施する ]」), brackets and a
    ＜選択肢＞ list printed on the same row aside; None for any other line."""
    shown = _OPTION_TAIL.sub("", text.replace("＜選択肢＞", " "))
    plain = norm(shown.strip(_BRACKETS))
    if not plain or re.search(r"[\[\]［］]", plain):
        return None
    return plain if plain in options else None


def unless_option(
    found: tuple[list[Item], int, str] | None, text: str, options: frozenset[str]
) -> tuple[list[Item], int, str] | None:
    """The label match `found`, unless a heading label matched at the start of a line
    (「基礎項目評価書」) is only the start of a ＜選択肢＞ option the whole line reads as
    (「基礎項目評価書及び全項目評価書」): the line is then a value (None: claim takes it)."""
    if not found or found[1] != 1 or not found[2].strip():
        return found
    if all(c.kind == "heading" for c in found[0]) and option_of(text.strip(), options) is not None:
        return None
    return found


def is_options(text: str, options: frozenset[str]) -> bool:
    """A line of a ＜選択肢＞ list (「1） 十分である 2） …」), printed beside every choice."""
    plain = text.replace(_CHOICE_HEAD, "").strip(" []［］")
    if not plain:
        return bool(text) and _CHOICE_HEAD in text
    parts = [norm(p) for p in _OPTION_SPLIT.split(plain)]
    head = parts[0]
    parts = [p for p in parts[1:] if p]
    return not head and bool(parts) and all(p in options for p in parts)


def foreign(item: Item, option: str, taken: bool) -> bool:
    """Whether an option line met while `item` is being read belongs elsewhere: it is not one of
    the item's own options, or the item already shows a value (`taken`)."""
    if item.kind == "checks":
        return option not in {norm(o) for o in labels.check_options(item.path)}
    if item.kind != "choice":
        return True
    return taken or option not in {norm(o) for o in labels.choices(item.path)}


def claim(
    held: Held,
    line: Line,
    current: Capture | None,
    place: tuple[str | int, ...],
    options: frozenset[str],
    late: Callable[[Line], bool],
) -> bool:
    """Whether `line` is a choice value the item being read (`current`) cannot take: it then goes
    to the latest choice still waiting for its value (`late`), else it is held for the next one."""
    option = option_of(line.text.strip(), options)
    if option is None:
        return False
    if current is not None and current.item.kind in ("choice", "checks"):
        shown = values.text_of(current.pieces) or ""
        taken = current.item.kind == "choice" and values.choice_of(current.item, shown) is not None
        if not foreign(current.item, option, taken):
            return False
    if not late(line):
        hold(held, option, line, place)
    return True


def hold(held: Held, option: str, line: Line, place: tuple[str | int, ...]) -> None:
    held.lines.append((option, line, place))


def put(out: Parsed, capture: Capture, value: str) -> None:
    """Set the value a held line gives; a value the same item already had (an entry's choice read
    twice before its marker told the entries apart) is reported with its line, never overwritten
    silently."""
    if capture.path in out.values:
        _, old = out.values[capture.path]
        out.unplaced.extend((line, capture.path) for line in [old.at, *old.pieces] if line.text.strip())
    out.values[capture.path] = (value, capture)


def take(held: Held, item: Item, at: Line) -> tuple[str, Line] | None:
    """The earliest held value that is one of `item`'s options, met within REACH lines of its
    label (before or after): the option as the form prints it, and its line."""
    options = {norm(o): o for o in labels.choices(item.path)}
    for k, (option, line, _) in enumerate(held.lines):
        if option in options and abs(at.number - line.number) <= REACH:
            del held.lines[k]
            return options[option], line
    return None


def hold_number(held: Held, line: Line, current: Capture | None) -> bool:
    """A bare count (「4」) on its own line where no item reads numbers or text: held for the count
    whose 「（ ）件」 was printed empty beside a choice (委託の有無)."""
    text = line.text.strip()
    if not _NUMBER.fullmatch(text) or (current is not None and current.item.kind not in ("choice", "checks")):
        return False
    held.numbers.append((int(unicodedata.normalize("NFKC", text)), line))
    return True


def take_number(held: Held, at: Line) -> int | None:
    """The earliest held count within REACH lines of the label at `at`."""
    for k, (number, line) in enumerate(held.numbers):
        if abs(at.number - line.number) <= REACH:
            del held.numbers[k]
            return number
    return None


def count_beside(index: Index, out: Parsed, capture: Capture) -> None:
    """「[ 委託する ] （ 4 ）件」: the count item printed in the same cell as the choice."""
    joined = " ".join(p.text for p in capture.pieces)
    found = re.search(r"[（(]\s*([0-9０-９]+)\s*[)）]\s*件", joined)
    sibling = next(
        (i for i in index.items if i.kind == "count" and i.path[:-1] == capture.item.path[:-1]), None
    )
    if found and sibling is not None:
        path = (*capture.path[:-1], sibling.path[-1])
        out.values.setdefault(path, (int(unicodedata.normalize("NFKC", found.group(1))), capture))


def count_apart(held: Held, index: Index, out: Parsed, capture: Capture, value: object) -> None:
    """The count beside a choice (委託件数 beside 委託の有無) printed apart as a bare number: a held
    number within REACH, when the form asks for the count given the choice's value (x-required
    `when`: only if 委託する) and it was not read beside the choice."""
    sibling = next(
        (i for i in index.items if i.kind == "count" and i.path[:-1] == capture.item.path[:-1]), None
    )
    path = (*capture.path[:-1], sibling.path[-1]) if sibling else None
    if path is None or path in out.values:
        return
    node = form.node_at(path)
    need = form.requirement(node) if node else None
    key = capture.item.path[-1]
    if any(c.path == (key,) and c.value != value for c in (need.when if need else ())):
        return
    number = take_number(held, capture.at)
    if number is not None:
        out.values[path] = (number, capture)


def left(held: Held) -> list[tuple[Line, tuple[str | int, ...]]]:
    """The held lines no item took, with where they were met (kept as unplaced, never dropped)."""
    out = [(line, place) for _, line, place in held.lines] + [(line, ()) for _, line in held.numbers]
    held.lines.clear()
    held.numbers.clear()
    return out
