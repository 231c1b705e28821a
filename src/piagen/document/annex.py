"""The 別紙 printed after a form: the lists of 提供先・移転先 and the model's attachments, numbered."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from piagen.document.layout import MAX_IN_FORM, Block, Table, bare_name, text_of
from piagen.model import form
from piagen.model.fields import entries, get
from piagen.model.source import json_path

Path = tuple[str | int, ...]
RECIPIENT_KEYS = ("name", "legal_basis", "purpose", "info", "people", "scope", "methods", "timing")
LIST_WIDTHS = (4, 12, 14, 14, 12, 8, 12, 12, 12)
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def annexes(data: dict[str, Any]) -> list[Block]:
    """The 別紙: lists of 提供先/移転先, then the model's attachments, numbered 別紙１, 別紙２ … (as the
    form cites them) when there is more than one."""
    found = overflow(data) + attachments(data)
    if len(found) < 2:
        return found
    return [
        replace(b, title=b.title.replace("別紙", f"別紙{str(n).translate(_FULLWIDTH)}", 1))
        for n, b in enumerate(found, start=1)
    ]


def overflow(data: dict[str, Any]) -> list[Block]:
    """別紙 tables for 提供先/移転先 beyond 20, or all of them when the form refers to a 別紙."""
    out = []
    for i, f in entries(data, "files"):
        for key in ("recipients", "transferees"):
            listed = entries(f, "provision", key)
            note = get(f, "provision", "annex_note", key)
            start = 0 if isinstance(note, str) and note.strip() else MAX_IN_FORM
            if len(listed) > start:
                out.append(list_table(data, i, key, listed[start:]))
    return out


def list_table(data: dict[str, Any], i: int, key: str, listed: list[tuple[int, dict[str, Any]]]) -> Block:
    """One 別紙 list of the `key` entries of file `i`; columns no row fills are not printed."""
    base: Path = ("files", i, "provision", key)
    columns = ("番号", *(form.title((*base, 0, k)) for k in RECIPIENT_KEYS))
    rows = tuple((str(j + 1), *(plain(entry.get(k)) for k in RECIPIENT_KEYS)) for j, entry in listed)
    # The file's own （１） is dropped: the title already puts the name in brackets.
    name = bare_name(text_of(get(data, "files", i, "name")))
    return Block(
        f"annex-{key}-{i + 1}",
        f"別紙　特定個人情報の{'提供' if key == 'recipients' else '移転'}（{name}）",
        table=Table(
            columns,
            LIST_WIDTHS,
            rows,
            tuple(json_path((*base, j)) for j, _ in listed),
            drop_empty=True,
        ),
    )


def plain(value: Any) -> str:
    """A value as one table cell: ticked options joined with 「、」, their text in （　）."""
    if isinstance(value, dict):
        return "、".join(k if v is True else f"{k}（{v}）" for k, v in value.items() if v)
    return text_of(value)


def attachments(data: dict[str, Any]) -> list[Block]:
    """The model's own 別紙 (e.g. a report on a 重大事故) as text pages."""
    return [
        Block(f"attachment-{i + 1}", f"別紙　{text_of(a.get('title'))}", text=text_of(a.get("text")))
        for i, a in entries(data, "attachments")
    ]
