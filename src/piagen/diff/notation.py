"""How 変更箇所 tables write values that are not text: checkboxes as 「[○]その他（…）」 (only the boxes that
changed, with their texts), counts as 「（ 3 ）件」, flags as their marked option word; and which line of a
text is the sub-heading that introduces a changed sentence (「＜…における措置＞」, 「①…」)."""

from __future__ import annotations

import re
from typing import Any

from piagen.model import form

Path = tuple[str | int, ...]
TICKED, UNTICKED = "[○]", "[ ]"
_HEADING = re.compile(r"^\s*(＜[^＞]*＞|<[^>]*>|【[^】]*】|[（(][0-9０-９]+[）)]|[0-9０-９]+[．.]|[①-⑳])")


def count_text(value: Any) -> str:
    """A count as the form prints it: 「（ 3 ）件」 (anything else as written)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"（ {value} ）件"
    return "" if value is None else str(value)


def _box(option: str, value: Any) -> str:
    """One checkbox: its mark, its words and what its （　） holds (a text or a count)."""
    if isinstance(value, dict):  # the （　） text printed without a tick
        return f"{UNTICKED}{option}（{value.get('text', '')}）"
    ticked = value is not None and value is not False
    if isinstance(value, bool) or value is None:
        return f"{TICKED if ticked else UNTICKED}{option}"
    if isinstance(value, int):
        return f"{TICKED}{option}{count_text(value)}"
    return f"{TICKED}{option}（{value}）"


def checks_texts(path: Path, old: Any, new: Any) -> tuple[str, str]:
    """変更前 and 変更後 of a checkbox list: the boxes whose mark or text changed, in printed order."""
    before = old if isinstance(old, dict) else {}
    after = new if isinstance(new, dict) else {}
    options = list(dict.fromkeys([*form.check_options(path), *before, *after]))
    changed = {o for o in options if _box(o, before.get(o)) != _box(o, after.get(o))}
    # The ticked boxes that stay are the context a reader needs (「[○]庁内連携システム」 beside the change).
    shown = [o for o in options if o in changed or (_ticked(before.get(o)) and _ticked(after.get(o)))]
    return "\n".join(_box(o, before.get(o)) for o in shown), "\n".join(_box(o, after.get(o)) for o in shown)


def _ticked(value: Any) -> bool:
    return value is not None and value is not False and not isinstance(value, dict)


def flag_text(path: Path, value: Any) -> str:
    """A lone checkbox (「委託しない」) with its mark (anything else as written)."""
    if value is not None and not isinstance(value, bool):
        return str(value)
    return f"{TICKED if value else UNTICKED}{form.title(path)}"


def texts(path: Path, old: Any, new: Any) -> tuple[str, str] | None:
    """変更前/変更後 in the form's own notation, or None for an item written as text."""
    layout = (form.node_at(path) or {}).get("x-layout")
    if layout == "checks":
        return checks_texts(path, old, new)
    if layout == "flag":
        return flag_text(path, old), flag_text(path, new)
    if layout == "count":
        return count_text(old), count_text(new)
    return None


def is_heading(sentence: str) -> bool:
    """A line that introduces what follows: a sub-heading, a numbered or circled step, without 「。」."""
    line = sentence.strip()
    ends_sentence = line[-1:] in ("。", "、", "，", ",", "：", ":")
    return bool(line) and len(line) <= 40 and not ends_sentence and bool(_HEADING.match(line))


def heading_before(sentences: list[str], head: int) -> int | None:
    """The index of the last sub-heading among the first `head` (unchanged) sentences."""
    for i in range(head - 1, -1, -1):
        if is_heading(sentences[i]):
            return i
    return None
