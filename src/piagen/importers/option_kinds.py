"""The texts of ①入手元's options printed apart from their boxes, told apart by what they name.

①入手元 prints a （　） after its options 評価実施機関内の他部署, 行政機関・独立行政法人等,
地方公共団体・地方独立行政法人, 民間事業者 and その他. Extraction often gives those texts as lines of
their own away from their boxes (「[ ○ ] 地方公共団体・地方独立行政法人」 then 「（ 市民課、市民税課」,
and 「（ 他市区町村 ）」 among ②入手方法's pieces); with two ticked options waiting for a text, where
the text sits does not tell whose it is (option_texts.py leaves it). What the text names does, by
the option's own wording: the 他部署's text names sections of the evaluating body (each name ends
with 課, 室, 係, 部, 局, 担当 …), the 地方公共団体's names local governments (市町村, 市区町村,
都道府県, or a name ending with 都, 道, 府, 県, 市, 区, 町, 村).

A text printed as a grid's cell (「（ … ）」, or 「（ …」 left open, on a line of its own) next to a
piece of a grid of the same section goes to the waiting option (ticked, takes a text, shows none)
whose kind it fits, when it fits no other waiting option of the section's grids (an option with no
kind here, such as その他, could hold any text, so it blocks) and no other text fits that option.
Such a line that an empty text label of the section took far from the label (placed by position) is
taken back from it. A text that fits no kind, or two, stays where it was."""

from __future__ import annotations

import re
from typing import Any

from piagen.importers import option_texts
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Parsed

_CELL = re.compile(r"[（(][ 　]*([^（()）\[\]［］ 　][^（()）\[\]［］]*?)[ 　]*[）)]?")
_PARTS = re.compile(r"[、，,・／/ 　]+")
_KINDS = {
    "評価実施機関内の他部署": re.compile(r".*(課|室|係|部|局|所|担当|センター|班|チーム)"),
    "地方公共団体・地方独立行政法人": re.compile(r".*(市町村|市区町村|区市町村|都道府県|[都道府県市区町村])"),
}
_NEAR = 2  # the next run of extracted text: one line on, or two across a blank line
_APART = 2  # a value further than this from its label was placed by position, not read beside it


def attach(out: Parsed) -> None:
    """Give the waiting options of each section's grids the cell texts that fit only them."""
    sections: dict[Concrete, list[tuple[Capture, list[Line]]]] = {}
    for capture, lines in out.grids:
        sections.setdefault(capture.path[:-1], []).append((capture, lines))
    for section, grids in sections.items():
        waiting = _waiting(out, grids)
        if any(option in _KINDS for _, option in waiting):
            _give(out, section, grids, waiting)


def _waiting(out: Parsed, grids: list[tuple[Capture, list[Line]]]) -> list[tuple[dict[str, Any], str]]:
    """The ticked options of the grids that take a text and show none: (the grid's ticks, option)."""
    found = []
    for capture, lines in grids:
        value = out.values.get(capture.path)
        if value is None or value[1] is not capture or not isinstance(value[0], dict):
            continue
        for option in option_texts.options_wanting(capture.item.path, value[0], lines):
            found.append((value[0], option))
    return found


def _give(
    out: Parsed,
    section: Concrete,
    grids: list[tuple[Capture, list[Line]]],
    waiting: list[tuple[dict[str, Any], str]],
) -> None:
    near = {line.number for _, lines in grids for line in lines if line.text.strip()}
    claims: dict[int, list[tuple[Line, str, Concrete | None]]] = {}
    for line, taken_by in _candidates(out, section, near):
        text = _text(line)
        fits = [k for k, (_, option) in enumerate(waiting) if _fits(option, text)]
        if len(fits) == 1:
            claims.setdefault(fits[0], []).append((line, text, taken_by))
    used: set[int] = set()
    for k, claimed in claims.items():
        if len(claimed) != 1:
            continue  # two texts of one kind: which is this option's is not known
        (line, text, taken_by), (ticks, option) = claimed[0], waiting[k]
        ticks[option] = text
        used.add(id(line))
        if taken_by is not None:
            del out.values[taken_by]
    out.unplaced[:] = [(line, at) for line, at in out.unplaced if id(line) not in used]


def _candidates(out: Parsed, section: Concrete, near: set[int]) -> list[tuple[Line, Concrete | None]]:
    """Cell texts of the section next to one of its grids' pieces: unplaced lines, and lines an
    empty text label took far from itself (with that label's path)."""
    n = len(section)
    found: list[tuple[Line, Concrete | None]] = [
        (line, None) for line, at in out.unplaced if at[:n] == section and _beside(line, near)
    ]
    for path, (_, capture) in out.values.items():
        if path[:n] != section or capture.item.kind != "text":
            continue
        shown = [p for p in capture.pieces if p.text.strip()]
        if len(shown) == 1 and abs(shown[0].number - capture.at.number) > _APART and _beside(shown[0], near):
            found.append((shown[0], path))
    return found


def _beside(line: Line, near: set[int]) -> bool:
    return bool(_CELL.fullmatch(line.text.strip())) and any(abs(line.number - m) <= _NEAR for m in near)


def _text(line: Line) -> str:
    match = _CELL.fullmatch(line.text.strip())
    return match.group(1) if match else ""


def _fits(option: str, text: str) -> bool:
    """Whether the text can be the option's: it names what the option's kind names (an option with
    no kind here can hold any text)."""
    kind = _KINDS.get(option)
    if kind is None:
        return True
    parts = [p for p in _PARTS.split(text) if p]
    return bool(parts) and all(kind.fullmatch(p) for p in parts)
