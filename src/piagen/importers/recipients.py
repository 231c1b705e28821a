"""Completion of the 提供先/移転先 entries (Ⅱ５) after the one-pass reading, for pages extracted out of
reading order (北九州: the 提供先2 column printed apart from its labels, 「（ 2」 58 lines from its row).

Every rule uses a property that holds for the entries of any 評価書, never one document's words:

- **Entries are parallel.** The 提供先 of one file are filled in one table by one author: the same
  field of two entries reads alike (「予防接種履歴」 and 「予防接種履歴」; 「…の接種履歴がある他市町村への
  転出者」 twice), while different fields read differently. So a value printed apart from its label that
  resembles another field of a sibling entry far more than its own field's goes to that field when its
  entry lacks it; and a line left unplaced inside the list that repeats a sibling's field word for
  word fills that field in the one entry lacking it.
- **An entry's values share its words.** ⑤本人の範囲 restates the ②用途 or ①根拠 of its own entry
  (「新型インフルエンザ等対策特別措置法による…の転出者」 under 「新型インフルエンザ等対策特別措置法による
  予防接種の実施に関する事務」). Two entries' values of one field printed apart from their labels, not
  both tied to their entries by the text (a label after its own entry's marker, no other marker of
  the list between), are exchanged when each then shares clearly more with its new entry's other
  values (高槻住基 file 2's ②用途, printed bottom-up).
- **The count belongs to 提供を行っている.** Entries of the 提供先 list exist only under 提供を行っている, whose
  「（ n ）件」 is the form's only count in 提供・移転の有無; a lone count 「（ n」 left unplaced at that item
  is taken when n is the number of 提供先 read (a count that disagrees is left unplaced).
- **情報連携 goes through 情報提供ネットワークシステム.** An empty ⑥提供方法 of a 提供先 cited under
  番号法第19条第8号 (別表第二) is 情報提供ネットワークシステム when a sibling cited the same way ticks it
  (UNVERIFIED: from the article's wording, not a rule confirmed in rules-verified.md).

Values printed on their labels' lines are never moved: those the text ties to their label."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from difflib import SequenceMatcher
from itertools import combinations
from typing import Any

from piagen.importers import runs, values
from piagen.importers.labels import Item, Template
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, common, group_marker

_LISTS = ("recipients", "transferees")
_INDEXES: dict[str, Index] = {}
_KIN = 8  # characters two values of one field share at least, beyond what they share with the other
_GAIN = 6  # characters an exchange must gain to be made
_COUNT = re.compile(r"^[（(]\s*(\d{1,4})\s*(?:[）)]\s*件?)?$")
_WS = re.compile(r"\s+")
_NETWORK = "情報提供ネットワークシステム"
_LINKAGE = re.compile(r"別表第[二2]|第(?:19|十九)条第(?:8|八)号に基づく")


def place(parsed: Parsed, lines: list[Line]) -> None:
    """Complete every file's 提供先/移転先 entries and 提供を行っている's count."""
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    for file in _indices(parsed.values, ("files",)):
        for name in _LISTS:
            base: Concrete = ("files", file, "provision", name)
            fields = [i for i in index.items if i.kind == "text" and _under(i.path, base)]
            if not fields:
                continue
            moved = _refile(parsed, base, fields)
            _copies(parsed, base, fields)
            marks = _markers(index, _span(parsed, base, lines), fields[0].path[:-2])
            _exchange(parsed, base, fields, _tied(marks, moved))
            _network(parsed, index, base)
        _count(parsed, index, ("files", file, "provision"))


def _span(parsed: Parsed, base: Concrete, lines: list[Line]) -> list[Line]:
    """The lines from the first to the last label of the list's values (this file's entries only)."""
    at = [c.at.number for p, (_, c) in parsed.values.items() if p[: len(base)] == base]
    return [line for line in lines if at and min(at) <= line.number <= max(at)]


def _markers(index: Index, lines: list[Line], template: Template) -> list[tuple[int, int]]:
    """The source lines of the list's markers and the entries they number (-1: a range 「提供先2～5」)."""
    out = []
    for line in lines:
        found = group_marker(index, line.text) or runs.trailing_marker(index, line.text)
        if found and found[0] == template:
            out.append((line.number, found[1]))
    return out


def _tied(marks: list[tuple[int, int]], moved: set[Concrete]) -> Callable[[Concrete, Capture], bool]:
    """Whether the text ties a value to its entry: its label follows its own entry's marker with no
    other marker of the list between (the entry's block in reading order), and it was not moved."""

    def tied(path: Concrete, capture: Capture) -> bool:
        before = [entry for number, entry in marks if number <= capture.at.number]
        return path not in moved and bool(before) and before[-1] == path[-2]

    return tied


def _under(template: tuple[str, ...], base: Concrete) -> bool:
    """Whether the item is a field of an entry of the list at `base`."""
    return len(template) == len(base) + 2 and common(template, base) == len(base) and template[-2] == "*"


def _indices(found: dict[Concrete, Any], base: Concrete) -> list[int]:
    n = len(base)
    return sorted({int(p[n]) for p in found if p[:n] == base and len(p) > n and isinstance(p[n], int)})


def _flat(text: Any) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", str(text)))


def _shared(a: Any, b: Any) -> int:
    """How many characters the longest run the two texts share has."""
    x, y = _flat(a), _flat(b)
    if not x or not y:
        return 0
    return SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y)).size


def _inline(capture: Capture) -> bool:
    """Whether the value was printed on its label's line (the text ties it to its label)."""
    return bool(capture.pieces) and capture.pieces[0].number == capture.at.number


def _path(base: Concrete, entry: int, item: Item) -> Concrete:
    return (*base, entry, item.path[-1])


def _refile(parsed: Parsed, base: Concrete, fields: list[Item]) -> set[Concrete]:
    """A value printed apart that reads like a sibling's other field goes to that field of its entry;
    the paths given a value."""
    moved: set[Concrete] = set()
    entries = _indices(parsed.values, base)
    for entry in entries:
        for own in fields:
            here = parsed.values.get(_path(base, entry, own))
            if here is None or _inline(here[1]):
                continue
            target = _kin_field(parsed, base, entry, own, here[0], fields)
            if target is not None:
                del parsed.values[_path(base, entry, own)]
                path = _path(base, entry, target)
                parsed.values[path] = (here[0], Capture(target, path, here[1].at, here[1].pieces))
                moved.add(path)
    return moved


def _kin_field(
    parsed: Parsed, base: Concrete, entry: int, own: Item, text: str, fields: list[Item]
) -> Item | None:
    """The empty field of `entry` whose sibling values `text` resembles, when it is only one."""
    found = []
    for other in fields:
        if other is own or _path(base, entry, other) in parsed.values:
            continue
        for sibling in _indices(parsed.values, base):
            mine = parsed.values.get(_path(base, sibling, own))
            theirs = parsed.values.get(_path(base, sibling, other))
            if sibling == entry or mine is None or theirs is None:
                continue
            if _shared(text, theirs[0]) >= _KIN + _shared(text, mine[0]):
                found.append(other)
                break
    return found[0] if len(found) == 1 else None


def _copies(parsed: Parsed, base: Concrete, fields: list[Item]) -> None:
    """A line left unplaced in the list that repeats a sibling's field fills the one entry lacking it."""
    entries = _indices(parsed.values, base)
    for line, near in list(parsed.unplaced):
        if near[: len(base)] != base or (line, near) not in parsed.unplaced:
            continue
        text = _flat(line.text)
        for item in fields:
            have = [e for e in entries if _path(base, e, item) in parsed.values]
            lacking = [e for e in entries if e not in have]
            same = [e for e in have if _flat(parsed.values[_path(base, e, item)][0]) == text]
            if text and same and len(lacking) == 1:
                path = _path(base, lacking[0], item)
                parsed.values[path] = (values.text_of([line]), Capture(item, path, line, [line]))
                parsed.unplaced.remove((line, near))
                break


def _exchange(
    parsed: Parsed, base: Concrete, fields: list[Item], tied: Callable[[Concrete, Capture], bool]
) -> None:
    """Two entries' values of one field printed apart from their labels, not both tied to their
    entries by the text, are exchanged when each then shares clearly more with its new entry's
    other values."""
    for item in fields:
        for a, b in combinations(_indices(parsed.values, base), 2):
            pa, pb = _path(base, a, item), _path(base, b, item)
            if pa not in parsed.values or pb not in parsed.values:
                continue
            (va, ca), (vb, cb) = parsed.values[pa], parsed.values[pb]
            if _inline(ca) or _inline(cb) or (tied(pa, ca) and tied(pb, cb)):
                continue
            kept = _kinship(parsed, base, a, va, item) + _kinship(parsed, base, b, vb, item)
            swapped = _kinship(parsed, base, a, vb, item) + _kinship(parsed, base, b, va, item)
            if swapped >= kept + _GAIN:
                parsed.values[pa] = (vb, Capture(item, pa, cb.at, cb.pieces))
                parsed.values[pb] = (va, Capture(item, pb, ca.at, ca.pieces))


def _kinship(parsed: Parsed, base: Concrete, entry: int, text: Any, item: Item) -> int:
    """What `text` shares with the entry's values of its other fields."""
    n = len(base)
    return sum(
        _shared(text, value)
        for path, (value, _) in parsed.values.items()
        if path[: n + 1] == (*base, entry) and path[-1] != item.path[-1] and isinstance(value, str)
    )


def _network(parsed: Parsed, index: Index, base: Concrete) -> None:
    """⑥提供方法 left empty for a 提供先 whose ①根拠 is 情報連携 (別表第二, or 第19条第8号's 主務省令)
    when a sibling cited the same way ticks 情報提供ネットワークシステム: a provision under 番号法
    第19条第8号 (第7号 before 2024) is made through 情報提供ネットワークシステム by the article's
    own terms. UNVERIFIED: read from the article, not a rule confirmed in rules-verified.md."""
    item = next((i for i in index.items if _under(i.path, base) and i.path[-1] == "methods"), None)
    if item is None or base[-1] != "recipients":
        return
    linked = [
        e for e in _indices(parsed.values, base) if _linkage(parsed.values.get((*base, e, "legal_basis")))
    ]
    ticked = [e for e in linked if _NETWORK in (parsed.values.get((*base, e, "methods"), ({},))[0] or {})]
    for entry in linked:
        path = (*base, entry, "methods")
        if path not in parsed.values and ticked:
            at = parsed.values[(*base, entry, "legal_basis")][1].at
            parsed.values[path] = ({_NETWORK: True}, Capture(item, path, at, []))


def _linkage(held: tuple[Any, Capture] | None) -> bool:
    """Whether a ①法令上の根拠 cites 情報連携 (番号法別表第二, or 第19条第8号に基づく主務省令)."""
    text = unicodedata.normalize("NFKC", str(held[0])) if held else ""
    return bool(_LINKAGE.search(text))


def _count(parsed: Parsed, index: Index, section: Concrete) -> None:
    """「（ n」 left unplaced at 提供・移転の有無 is 提供を行っている's count when n 提供先 were read."""
    path = (*section, "status")
    item = next((i for i in index.items if i.path == ("files", "*", "provision", "status")), None)
    current = parsed.values.get(path, (None, None))[0]
    if item is None or (isinstance(current, dict) and "提供を行っている" in current):
        return
    read = len(_indices(parsed.values, (*section, "recipients")))
    found = [
        (line, near, int(m.group(1)))
        for line, near in parsed.unplaced
        if near == path and (m := _COUNT.match(unicodedata.normalize("NFKC", line.text).strip()))
    ]
    if len(found) != 1 or not read or found[0][2] != read:
        return
    line, near, n = found[0]
    status = dict(current) if isinstance(current, dict) else {}
    status["提供を行っている"] = n
    parsed.values[path] = (status, Capture(item, path, line, [line]))
    parsed.unplaced.remove((line, near))
