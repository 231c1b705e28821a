"""A line left unplaced in one file's Ⅱ that repeats, word for word, what the other files of the
評価書 state for an item this file left empty (高槻住基: 「該当なし」 for ⑧権利利益に影響を与え得る決定,
extracted 50 lines before its label on file 1's page, while files 2 and 3 print it under theirs).

The files of one 評価書 describe one 事務 in one hand and are filled in parallel, so an answer the
other files give to an item, met again within this file's part of the text while this file's item
has nothing, is this file's answer. Taken only when exactly one empty item of the file is answered
that way by another file and every other file that answers it answers the same; otherwise the line
stays unplaced. A line of fewer than two letters (「―」, 「-」, which answer many items) is never taken
on this ground."""

from __future__ import annotations

import re
import unicodedata

from piagen.importers.labels import Item
from piagen.importers.reader import Capture, Concrete, Index, Parsed

_INDEXES: dict[str, Index] = {}
_WS = re.compile(r"\s+")


def place(parsed: Parsed) -> None:
    """Fill a file's empty text item from a line that repeats the other files' answer to it."""
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    files = sorted(
        {p[1] for p in parsed.values if p[:1] == ("files",) and len(p) > 2 and isinstance(p[1], int)}
    )
    if len(files) < 2:
        return
    items = [
        i for i in index.items if i.kind == "text" and i.path[:2] == ("files", "*") and "*" not in i.path[2:]
    ]
    for line, near in list(parsed.unplaced):
        if near[:1] != ("files",) or len(near) < 2 or not isinstance(near[1], int):
            continue
        file = near[1]
        found = _targets(parsed, items, files, file, _flat(line.text))
        if len(found) == 1 and sum(c.isalnum() for c in _flat(line.text)) >= 2:
            item, path = found[0]
            parsed.values[path] = (line.text.strip(), Capture(item, path, line, [line]))
            parsed.unplaced.remove((line, near))


def _targets(
    parsed: Parsed, items: list[Item], files: list[int], file: int, text: str
) -> list[tuple[Item, Concrete]]:
    """The file's empty items that the other files answer with `text`."""
    out: list[tuple[Item, Concrete]] = []
    for item in items:
        path: Concrete = ("files", file, *item.path[2:])
        if path not in parsed.values and _answer(parsed, files, file, item.path[2:]) == text:
            out.append((item, path))
    return out


def _answer(parsed: Parsed, files: list[int], file: int, rest: tuple[str, ...]) -> str | None:
    """The answer every other file that fills the item gives (None when they differ or none does)."""
    answers = {
        _flat(held[0]) for f in files if f != file and (held := parsed.values.get(("files", f, *rest)))
    }
    return answers.pop() if len(answers) == 1 else None


def _flat(text: object) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", str(text)))
