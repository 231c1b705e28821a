"""Editions: the complete 提出版 that marks withheld parts, and the 公表版 from which they are removed."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any, Literal

from piagen.errors import PiagenError

Edition = Literal["internal", "public"]
MARKER = "【非公表】"
MARKER_NOTE = "【非公表】は、公表することによりセキュリティ上のリスクがあるため公表しない部分（特定個人情報保護評価に関する規則第13条）。"
RUN = 12  # a 変更箇所 cell that repeats a run of this many characters found only in withheld text quotes it

Path = tuple[str | int, ...]


class WithheldPathError(PiagenError):
    """A `withheld` path that names nothing in the model (the 公表版 cannot be made safely)."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(
            f"公表しない部分の「{path}」はモデルにない項目です。piagen validate で確認してください。"
        )


@dataclass(frozen=True)
class Withheld:
    """One withheld item: where it is, why, and the texts it holds."""

    path: Path
    reason: str
    texts: tuple[str, ...]


def resolve(data: Any, dotted: str) -> Path:
    """A dotted path (list entries by number or by id) as a model path; raise if it names nothing."""
    path: list[str | int] = []
    node = data
    for part in dotted.split("."):
        if isinstance(node, list):
            index = (
                int(part)
                if part.isdigit()
                else next(
                    (i for i, e in enumerate(node) if isinstance(e, dict) and e.get("id") == part), None
                )
            )
            if index is None or index >= len(node):
                raise WithheldPathError(dotted)
            path.append(index)
            node = node[index]
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        else:
            raise WithheldPathError(dotted)
    return tuple(path)


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in ([k] if v is True else _texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [str(value)] if value not in (None, False, True) else []


def withheld(data: dict[str, Any]) -> list[Withheld]:
    """The model's withheld items (paths resolved)."""
    out = []
    for entry in data.get("withheld") or []:
        path = resolve(data, str(entry.get("path", "")))
        node: Any = data
        for step in path:
            node = node[step]
        out.append(Withheld(path, str(entry.get("reason") or ""), tuple(_texts(node))))
    return out


def _put(data: Any, path: Path, value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _distinctive(secrets: tuple[str, ...], corpus: str) -> set[str]:
    """Runs of withheld text that occur nowhere in the published text (boilerplate shared with
    published items, such as ＜中間サーバー・プラットフォームにおける措置＞, is not a quotation)."""
    runs: set[str] = set()
    for secret in secrets:
        s = _squash(secret)
        if len(s) <= RUN:
            if s and s not in corpus:
                runs.add(s)
            continue
        runs.update(r for r in (s[i : i + RUN] for i in range(len(s) - RUN + 1)) if r not in corpus)
    return runs


def _all_text(value: Any, skip: tuple[str, ...] = ("changes",)) -> str:
    if isinstance(value, dict):
        return "".join(_all_text(v) for k, v in value.items() if k not in skip)
    if isinstance(value, list):
        return "".join(_all_text(v) for v in value)
    return _squash(value) if isinstance(value, str) else ""


def public(data: dict[str, Any]) -> dict[str, Any]:
    """The 公表版: every withheld value, and every 変更箇所 cell that quotes one, becomes 【非公表】."""
    items = withheld(data)
    out = copy.deepcopy(data)
    for item in items:
        _put(out, item.path, MARKER)
    out.pop("revision", None)  # causes and reasons are not printed and may quote withheld text
    out.pop("withheld", None)
    out.pop("consultation", None)
    runs = _distinctive(tuple(t for item in items for t in item.texts), _all_text(out))
    for key in (("changes",), ("basic", "changes")):
        rows: Any = out
        for step in key:
            rows = rows.get(step) if isinstance(rows, dict) else None
        dotted = tuple(".".join(map(str, item.path)) for item in items)
        for row in rows if isinstance(rows, list) else []:
            # A row piagen wrote records its item's path: earlier versions of a withheld item go too.
            about = str(row.get("path") or "")
            whole = any(about == d or about.startswith(d + ".") for d in dotted)
            for cell in ("before", "after"):
                if isinstance(row.get(cell), str) and (whole or any(r in _squash(row[cell]) for r in runs)):
                    row[cell] = MARKER
            row.pop("path", None)
    out.pop("withheld", None)
    out.pop("consultation", None)
    return out


def marked_paths(data: dict[str, Any]) -> set[Path]:
    """Paths the 提出版 marks as not published."""
    try:
        return {item.path for item in withheld(data)}
    except WithheldPathError:
        return set()
