"""「全ての記録項目」 printed apart from its label: its value is the form's reference to its record-items
annex (「別添１を参照。」 in a 重点項目評価書, 「別添２を参照。」 in a 全項目評価書, the annex's number
taken from the form's 項目一覧). On a page extracted out of reading order (北九州) that line comes
pages of text away from the label, and the one-pass reader gives the label the next paragraph
instead (there: ⑤使用方法's text).

A reference line left unplaced goes to the file whose 全ての記録項目 was not printed on its label's
line, in order, when there are as many such lines as such files; what the label had taken instead is
reported, not dropped."""

from __future__ import annotations

import re
import unicodedata

from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed
from piagen.model import form

_REF = re.compile(r"^別添\s*(\d+)\s*を参照[。.]?$")
_TEMPLATE = ("files", "*", "basic", "all_items")
_INDEXES: dict[str, Index] = {}
_ANNEX = re.compile(r"別添\s*(\d+)\s*[）)]\s*特定個人情報ファイル記録項目")


def annex_number(kind: str) -> str | None:
    """The number of the form's （別添N） 特定個人情報ファイル記録項目 (from its 項目一覧)."""
    for entry in form.TOC.get(kind, ()):
        found = _ANNEX.search(unicodedata.normalize("NFKC", entry))
        if found:
            return found.group(1)
    return None


def place(parsed: Parsed) -> None:
    """Give each unplaced reference to the record-items annex to a file whose 全ての記録項目 waits."""
    number = annex_number(parsed.kind)
    index = _INDEXES.setdefault(parsed.kind, Index(parsed.kind))
    item = next((i for i in index.items if i.path == _TEMPLATE), None) if number else None
    if item is None:
        return
    refs = [(line, near) for line, near in parsed.unplaced if _is_ref(line.text, number)]
    targets = [n for n in _files(parsed) if not _inline(parsed, ("files", n, "basic", "all_items"))]
    if not refs or len(refs) != len(targets):
        return
    for (line, near), n in zip(refs, targets, strict=True):
        _give(parsed, item, ("files", n, "basic", "all_items"), line)
        parsed.unplaced.remove((line, near))


def _is_ref(text: str, number: str | None) -> bool:
    found = _REF.match(unicodedata.normalize("NFKC", text).strip())
    return bool(found) and found.group(1) == number  # type: ignore[union-attr]


def _files(parsed: Parsed) -> list[int]:
    return sorted(
        {int(p[1]) for p in parsed.values if p[:1] == ("files",) and len(p) > 1 and isinstance(p[1], int)}
    )


def _inline(parsed: Parsed, path: Concrete) -> bool:
    """Whether the item's value was printed on its label's line."""
    if path not in parsed.values:
        return False
    capture = parsed.values[path][1]
    return bool(capture.pieces) and capture.pieces[0].number == capture.at.number


def _give(parsed: Parsed, item: Item, path: Concrete, line: Line) -> None:
    if path in parsed.values:
        _, taken = parsed.values.pop(path)
        parsed.unplaced.extend((piece, path) for piece in taken.pieces if piece.text.strip())
    parsed.values[path] = (line.text.strip(), Capture(item, path, line, [line]))
