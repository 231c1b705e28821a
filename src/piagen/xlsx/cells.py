"""The values of a piagen workbook's cells: the model path in the hidden column, text (numbers and
dates typed in Excel become text), printed labels, and check lists written as text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from piagen.model import dates, form

Path = tuple[str | int, ...]
WITHHELD_LABEL = "［公表版では非公表："
_STEP = re.compile(r"\.([^.\[#]+)|\[(\d{1,9})\]")


def parse_path(raw: Any) -> tuple[Path, str | None] | None:
    """`$.files[0].sources#その他` → (("files", 0, "sources"), "その他"); None when malformed."""
    body, _, option = str(raw).partition("#")
    steps = _STEP.findall(body[1:])
    if not body.startswith("$") or "".join(f".{k}" if k else f"[{i}]" for k, i in steps) != body[1:]:
        return None
    return tuple(k if k else int(i) for k, i in steps), (option or None)


def bad_path(raw: Any) -> str:
    return f"隠し列の項目のパス「{raw}」は様式にありません。行を追加・削除・移動せず、値の列だけを編集してください。"


def text(raw: Any) -> str | None:
    """A cell's value as model text (None when empty); numbers and dates typed in Excel become text."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        try:
            era, year = dates.to_era(day)
        except dates.DateFormatError:
            return day.isoformat()
        return f"{dates.era_text(era, year)}{day.month}月{day.day}日"
    return str(raw)


def label(raw: Any) -> str:
    """A printed label without its indent and the 提出版's 「［公表版では非公表：…］」 line."""
    return str(raw or "").split("\n" + WITHHELD_LABEL)[0].lstrip("　")


def parse_checks(text: str, options: list[str]) -> dict[str, Any] | None:
    """「専用線、その他（中間サーバー）」 → {専用線: true, その他: 中間サーバー}; None when unreadable."""
    out: dict[str, Any] = {}
    rest = text
    longest = sorted(options, key=len, reverse=True)  # 「電子記録媒体（フラッシュメモリを除く。）」 whole
    while rest:
        option = next((o for o in longest if rest.startswith(o)), None)
        if option is None:
            return None
        rest, out[option] = rest[len(option) :], True
        if rest.startswith("（"):
            depth = 0
            for i, ch in enumerate(rest):
                depth += {"（": 1, "）": -1}.get(ch, 0)
                if depth == 0:
                    out[option], rest = rest[1:i], rest[i + 1 :]
                    break
            else:
                return None
        if rest and not rest.startswith("、"):
            return None
        rest = rest[1:]
    return out


def stamp_of(first: Any) -> tuple[form.FormType | None, str]:
    """The form and its version, from the cover's 「[令和６年10月　様式４]　特定個人情報保護評価書（…）」
    (`first`: the sheet's first line, its second cell holding the title)."""
    for (kind, version), stamp in form.STAMPS.items():
        if first[1] == f"{stamp}　{form.TITLES[kind]}":
            return kind, version  # type: ignore[return-value]
    return None, ""
