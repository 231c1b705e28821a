"""Checkbox grids whose pieces extraction scattered over lines.

A grid of the form (③他のシステムとの接続, ②主な記録項目, ①入手元 …) prints each option as a box
「[ ○ ]」 and its label, in rows of known order (`x-rows`, or the options in `x-columns` columns, an
option that takes text in （　） on a row of its own). Extracted text often breaks a row between a
box's 「[」 and its 「]」: 「[ ○ ] 情報提供ネットワークシステム [ ○」 on one line and 「] 庁内連携システム」
lines later. Each line is read as tokens (bracket, tick, option label, （…）): a tick is given to an
option only when the line itself ties it to that option — inside the option's own box, right
before the 「]」 that precedes its label, or in the box that opens right after the label of the
option printed before it in the same row (also a tick printed right after a ticked option's label,
last on its line, its brackets lost: the ticked option's own box is full). A tick standing alone is
not given to any option."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from piagen.importers import labels
from piagen.importers.labels import Template, norm
from piagen.model import form

Kind = Literal["open", "close", "tick", "label", "paren", "other"]
TICKS = "○〇◯✓✔"
_STEM = 8  # a long label wrapped in its cell is known by its first characters


@dataclass(frozen=True)
class Token:
    """One piece of a grid line: a bracket, a tick, an option label, a （…） text or other text."""

    kind: Kind
    text: str = ""
    closed: bool = True  # a （…） closed on its line


def rows(template: Template) -> list[list[str]]:
    """The options of a checkbox grid as printed, row by row."""
    node = form.node_at(tuple(0 if s == "*" else s for s in template)) or {}
    if "x-rows" in node:
        return [list(row) for row in node["x-rows"]]
    columns = int(node.get("x-columns", 1))
    out: list[list[str]] = []
    row: list[str] = []
    for option in labels.check_options(template):
        if columns > 1 and _takes_text(template, option):
            out.extend(r for r in (row, [option]) if r)
            row = []
            continue
        row.append(option)
        if len(row) == columns:
            out.append(row)
            row = []
    return [*out, row] if row else out


def _takes_text(template: Template, option: str) -> bool:
    raw = labels.option_spec(template, option).get("type")
    return "string" in (raw if isinstance(raw, list) else [raw])


def successor(template: Template, option: str) -> str | None:
    """The option printed right after `option` in its row (None at a row's end)."""
    for row in rows(template):
        if option in row:
            at = row.index(option)
            return row[at + 1] if at + 1 < len(row) else None
    return None


@lru_cache(maxsize=64)
def _label_pattern(options: tuple[str, ...]) -> re.Pattern[str]:
    """Any option label (longest first), spaces allowed between its characters; a long label also
    by its first characters (the rest wrapped onto another line)."""
    alternatives = []
    for option in sorted(options, key=len, reverse=True):
        alternatives.append(_loose(option))
    for option in sorted(options, key=len, reverse=True):
        if len(option) > _STEM:
            alternatives.append(_loose(option[:_STEM]))
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


def _loose(text: str) -> str:
    parts = []
    for char in text:
        other = unicodedata.normalize("NFKC", char)
        chars = {char, other} if len(other) == 1 else {char}
        if len(other) == 1 and "!" <= other <= "~":
            chars.add(chr(ord(other) + 0xFEE0))
        parts.append("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
    return r"\s*".join(parts)


def tokens(text: str, options: list[str]) -> list[Token]:
    """The pieces of one line of a grid with options `options`."""
    pattern = _label_pattern(tuple(options))
    keys = {norm(o): o for o in options}
    out: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in " 　\t":
            i += 1
        elif char in "[［":
            out.append(Token("open"))
            i += 1
        elif char in "]］":
            out.append(Token("close"))
            i += 1
        elif char in TICKS:
            out.append(Token("tick"))
            i += 1
        elif found := pattern.match(text, i):
            out.append(Token("label", _option(norm(found.group(0)), keys)))
            i = found.end()
        elif char in "（(":
            inner, i, closed = _paren(text, i + 1)
            out.append(Token("paren", inner.strip(" 　"), closed))
        elif out and out[-1].kind == "other":
            out[-1] = Token("other", out[-1].text + char)
            i += 1
        else:
            out.append(Token("other", char))
            i += 1
    return out


def _option(key: str, keys: dict[str, str]) -> str:
    if key in keys:
        return keys[key]
    return next(option for k, option in keys.items() if k.startswith(key))


def _paren(text: str, start: int) -> tuple[str, int, bool]:
    """The text of a （…） opened before `start` (nested ones kept; an unclosed one runs to the
    line's end), where it ends and whether it was closed."""
    depth = 0
    for n in range(start, len(text)):
        if text[n] in "（(":
            depth += 1
        elif text[n] in "）)":
            if depth == 0:
                return text[start:n], n + 1, True
            depth -= 1
    return text[start:], len(text), False


def ticked(template: Template, text: str, closer_apart: bool = False) -> dict[str, Any]:
    """The options one line ties a tick to: True, or the text of the option's （…） (one left open
    on the line only when its 「）」 is printed apart, `closer_apart`)."""
    options = labels.check_options(template)
    line = tokens(text, options)
    out: dict[str, Any] = {}
    for k, token in enumerate(line):
        if token.kind != "label":
            continue
        if _box_before(line, k):
            out[token.text] = _text_after(template, token.text, line, k, closer_apart)
        follower = successor(template, token.text)
        if follower is not None and (_open_tick_after(line, k) or _tick_after_ticked(line, k)):
            out.setdefault(follower, True)
    return out


def _box_before(line: list[Token], k: int) -> bool:
    """「[ ○ ] label」 or 「○ ] label」 (its 「[」 on another line): the label's box is ticked."""
    return k >= 2 and line[k - 1].kind == "close" and line[k - 2].kind == "tick"


def _text_after(template: Template, option: str, line: list[Token], k: int, open_ok: bool = False) -> Any:
    """The text in the option's （…） (when it takes text) or its count (「（ 58 ） 件」)."""
    if k + 1 >= len(line) or line[k + 1].kind != "paren" or not line[k + 1].text:
        return True
    if not (line[k + 1].closed or open_ok):
        return True  # the rest of the text may be wrapped onto the next lines
    inner = line[k + 1].text
    raw = labels.option_spec(template, option).get("type")
    types = raw if isinstance(raw, list) else [raw]
    digits = unicodedata.normalize("NFKC", inner).strip()
    if "integer" in types and digits.isdigit():
        return int(digits)
    return inner if "string" in types else True


def _tick_after_ticked(line: list[Token], k: int) -> bool:
    """「[ ○ ] label ○」: the label's own box holds a tick, so a tick right after the label, last on
    the line (its box's brackets lost), is in the box of the option printed next in the row."""
    return _box_before(line, k) and k + 2 == len(line) and line[k + 1].kind == "tick"


def _open_tick_after(line: list[Token], k: int) -> bool:
    """「label [ ○」 with the box's 「]」 not on this line: the box of the option printed next."""
    n = k + 1
    while n < len(line) and line[n].kind in ("paren", "other"):
        n += 1  # 「（ 58 ） 件」 printed after the label in its cell
    rest = line[n : n + 3]
    if len(rest) < 2 or rest[0].kind != "open" or rest[1].kind != "tick":
        return False
    return len(rest) == 2 or rest[2].kind != "close"


def named(template: Template, text: str) -> bool:
    """Whether the line prints a label of one of the grid's options."""
    return any(t.kind == "label" for t in tokens(text, labels.check_options(template)))


def details(template: Template, text: str) -> dict[str, Any]:
    """What a line prints in the （…） right after an option's label, ticked or not: the text, or
    the count of 「（ 47 ） 件」 (its box may be on another line)."""
    line = tokens(text, labels.check_options(template))
    out: dict[str, Any] = {}
    for k, token in enumerate(line):
        if token.kind == "label":
            value = _text_after(template, token.text, line, k)
            if value is not True:
                out[token.text] = value
    return out


def read(template: Template, lines: list[str]) -> dict[str, Any]:
    """The ticked options of a grid from its lines, each with its text or count when printed."""
    found: dict[str, Any] = {}
    said: dict[str, Any] = {}
    closer_apart = any(text.strip() in ("）", ")") for text in lines)
    for text in lines:
        for option, value in ticked(template, text, closer_apart).items():
            if found.get(option) in (None, True):
                found[option] = value
        for option, value in details(template, text).items():
            said.setdefault(option, value)
    return {o: said.get(o, v) if v is True else v for o, v in found.items()}


def owners(text: str, templates: list[Template]) -> list[Template]:
    """The grids (of `templates`) a line can belong to by the option labels it prints: those that
    have every label it shows; all of them when it shows none."""
    every = sorted({o for t in templates for o in labels.check_options(t)}, key=len, reverse=True)
    shown = {t.text for t in tokens(text, every) if t.kind == "label"}
    if not shown:
        return list(templates)
    fits = [t for t in templates if shown <= set(labels.check_options(t))]
    return fits or list(templates)
