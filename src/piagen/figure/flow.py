"""The 事務の流れ as stated in the model: per file, where it comes from and where it goes, with the
form's own names (入手元, 提供先, 移転先, 委託先) and methods (入手方法, 提供方法)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from piagen.document.layout import text_of
from piagen.model.fields import entries, get

MAX_LISTED = 8  # more 提供先/移転先 than this are one node, as the form does with its 別紙


@dataclass(frozen=True)
class Party:
    """A box outside the files: its kind as the form names it, its own name, and the arrow's label."""

    kind: str
    name: str
    method: str = ""


@dataclass(frozen=True)
class FileFlow:
    """One 特定個人情報ファイル with its 入手元 (and one 入手方法 for all of them) and its recipients."""

    name: str
    sources: tuple[Party, ...]
    method: str
    targets: tuple[Party, ...]


@dataclass(frozen=True)
class Flow:
    """The whole diagram: the 事務, its systems and every file's flow."""

    task: str
    systems: tuple[str, ...]
    files: tuple[FileFlow, ...]


def methods(value: Any) -> str:
    """A checkbox set as one line: 「紙、その他（ＬＧＷＡＮ）」 (ticked options, their （　） text)."""
    if not isinstance(value, dict):
        return text_of(value)
    return "、".join(k if v is True else f"{k}（{text_of(v)}）" for k, v in value.items() if v)


def flow_of(data: dict[str, Any]) -> Flow:
    """The diagram's content, in the model's order."""
    systems = tuple(
        text_of(s.get("name")) for _, s in entries(data, "basic_info", "systems") if s.get("name")
    )
    files = tuple(_file(f) for _, f in entries(data, "files"))
    return Flow(text_of(get(data, "basic_info", "task", "name")), systems, files)


def _file(f: dict[str, Any]) -> FileFlow:
    sources = get(f, "acquisition_use", "sources")
    parties = tuple(
        Party("入手元", k if v is True else f"{k}（{text_of(v)}）")
        for k, v in (sources.items() if isinstance(sources, dict) else ())
        if v
    )
    targets = (
        *_listed(f, "recipients", "提供先"),
        *_listed(f, "transferees", "移転先"),
        *(
            Party("委託先", _contractor(e), methods(e.get("delivery")))
            for _, e in entries(f, "entrustment", "items")
        ),
    )
    method = methods(get(f, "acquisition_use", "methods"))
    return FileFlow(text_of(f.get("name")), parties, method, targets)


def _listed(f: dict[str, Any], key: str, kind: str) -> tuple[Party, ...]:
    """The 提供先 or 移転先 of a file; a long list (or one the form sends to a 別紙) as one party."""
    listed = [e for _, e in entries(f, "provision", key)]
    note = text_of(get(f, "provision", "annex_note", key))
    if not listed and not note:
        return ()
    if note or len(listed) > MAX_LISTED:
        every = sorted({methods(e.get("methods")) for e in listed} - {""})
        name = note or f"{text_of(listed[0].get('name'))} ほか（{kind}{len(listed)}件）"
        return (Party(kind, name, "、".join(every)),)
    return tuple(Party(kind, text_of(e.get("name")), methods(e.get("methods"))) for e in listed)


def _contractor(item: dict[str, Any]) -> str:
    """A 委託先 as 「⑥委託先名（委託事項）」, or the 委託事項 alone where no name is given."""
    name, title = text_of(item.get("contractor")), text_of(item.get("title"))
    return f"{name}（{title}）" if name and title else name or title
