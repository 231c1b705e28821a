"""Text the form prints itself that is no value: the headings inside a checkbox grid (主な記録項目's
「・識別情報」「・連絡先等情報」「・業務関係情報」, the schema's x-subgroups) and a section's risk
titles without an item of their own (x-risk-titles) printed on their own line,
and a label printed vertically beside a block (「再／委／託」). Extraction sets them apart from their
grid or block, where they would otherwise be read as the value of whatever item is open."""

from __future__ import annotations

import re

from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.importers.reader import Index
from piagen.model import form


def subgroup_heads(index: Index) -> frozenset[str]:
    """The normalised headings the form prints that no item owns: every checkbox grid's subgroups,
    and the risk titles a section prints without an item of its own (x-risk-titles)."""
    out: set[str] = set()
    for item in index.items:
        node = form.node_at(tuple(0 if s == "*" else s for s in item.path)) or {}
        if item.kind == "checks":
            out |= {norm(str(head)) for head in node.get("x-subgroups") or {}}
        if item.kind == "heading":
            out |= {norm(str(title)) for title in (node.get("x-risk-titles") or {}).get(index.kind, [])}
    return frozenset(out)


def vertical_label(index: Index, lines: list[Line], i: int) -> int:
    """A label printed vertically beside a block (「再／委／託」): one character a line, spelling part
    of a label of the form. The number of lines it takes (0 when it is not one)."""
    chars: list[str] = []
    n = i
    while n < len(lines) and len(norm(lines[n].text)) <= 1:
        if norm(lines[n].text):
            chars.append(norm(lines[n].text))
        n += 1
    word = "".join(chars)
    if len(word) < 2 or not any(word in item.key for item in index.items):
        return 0
    return n - i


def option_tail(lines: list[Line], i: int, printed: tuple[str, ...]) -> bool:
    """「] フラッシュメモ」 then 「リ」: line i ends an option text the line before began (a checkbox
    label wrapped in its cell), so it is a checkbox piece, not text; or, after a line with a box,
    line i carries a numbered ＜選択肢＞ list (「数   1） 1万人未満 …」, columns side by side)."""
    prev = next((lines[k].text for k in range(i - 1, max(i - 3, -1), -1) if lines[k].text.strip()), "")
    if not prev or not any(c in prev for c in "[]［］"):
        return False
    joined, cut = norm(prev + lines[i].text), len(norm(prev))
    if any(_across(joined, option, cut) for option in printed):
        return True
    listed = _NUMBERED.search(joined, cut)
    return listed is not None and any(option in joined[listed.start() :] for option in printed)


_NUMBERED = re.compile(r"\d+\)")


def _across(joined: str, option: str, cut: int) -> bool:
    """Whether `option` occurs in `joined` begun before `cut` and ended after it (wrapped there),
    not merely somewhere in the next line (「[ 制限している」 then 「システムの運用等を委託するときは…」
    holds the option 「委託する」 but is a paragraph)."""
    start = joined.find(option, max(0, cut - len(option) + 1))
    while 0 <= start < cut:
        if start + len(option) > cut:
            return True
        start = joined.find(option, start + 1)
    return False
