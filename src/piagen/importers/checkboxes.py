"""Checkbox pieces placed in their grid: a line that prints option labels goes to the nearest
checkbox item whose grid has those options (「] 年金関係情報」 to ②主な記録項目, never to ①入手元),
a line without labels to the nearest checkbox item; each item is then read from its lines."""

from __future__ import annotations

import re
from typing import Any

from piagen.importers import first_row, grid, labels, option_texts, values
from piagen.importers.labels import Template, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Parsed

_BRACKET = re.compile(r"[\[\]［］]")
_MARKS = re.compile(r"[\[\]［］○〇◯()（）件]")
_TICK = re.compile(f"[{grid.TICKS}]")
_NEXT = 2  # the next run of extracted text: one line on, or two across the blank line between runs


def place(out: Parsed, checks: list[Capture], loose: list[Line], printed: tuple[str, ...]) -> None:
    """Give every loose checkbox piece (and every piece read under the wrong grid) to its item,
    then read each item's ticks; what no item takes stays unplaced."""
    if not checks:
        out.unplaced.extend((line, ()) for line in loose if line.text.strip() not in "[]）)")
        return
    checks = _distinct(checks)
    templates = list(dict.fromkeys(c.item.path for c in checks))
    lines: dict[int, list[Line]] = {k: [] for k in range(len(checks))}
    for k, capture in enumerate(checks):
        for piece in capture.pieces:
            home = _home(piece, checks, templates)
            lines[k if capture.item.path in _owners(piece, templates) else home].append(piece)
    for line in loose:
        lines[_home(line, checks, templates)].append(line)
    read: list[tuple[Capture, list[Line]]] = []
    for k, capture in enumerate(checks):
        ordered = sorted(lines[k], key=lambda p: p.number)
        read.append((capture, ordered))
        value = _read(capture, ordered)
        if value and capture.path not in out.values:
            out.values[capture.path] = (value, capture)
        kept = norm(" ".join(str(v) for v in (value or {}).values() if isinstance(v, str)))
        residue = [line for line in ordered if (rest := _residue(printed, line.text)) and rest not in kept]
        stray = [line for line in _stray(capture, ordered) if line not in residue]
        out.unplaced.extend(
            (line, capture.path) for line in sorted([*residue, *stray], key=lambda p: p.number)
        )
    option_texts.attach(out, read)
    out.grids = read


def _distinct(checks: list[Capture]) -> list[Capture]:
    """A grid's label read twice for one entry (the entry's marker printed after its lines): the
    later one is the grid of the first entry of the same list that has none."""
    taken: set[Concrete] = set()
    out: list[Capture] = []
    for capture in checks:
        path = capture.path
        if path in taken:
            path = _free(path, taken) or path
        taken.add(path)
        out.append(Capture(capture.item, path, capture.at, capture.pieces))
    return out


def _free(path: Concrete, taken: set[Concrete]) -> Concrete | None:
    at = max((n for n, step in enumerate(path) if isinstance(step, int)), default=None)
    if at is None:
        return None
    for index in range(int(path[at]) + 2):
        other = (*path[:at], index, *path[at + 1 :])
        if other not in taken:
            return other
    return None


def _owners(line: Line, templates: list[Template]) -> list[Template]:
    return grid.owners(line.text, templates) if line.text.strip() else templates


def _home(line: Line, checks: list[Capture], templates: list[Template]) -> int:
    """The nearest checkbox item (by source line) whose grid can hold the line."""
    fits = set(_owners(line, templates))
    candidates = [k for k, c in enumerate(checks) if c.item.path in fits] or list(range(len(checks)))
    return min(candidates, key=lambda k: abs(checks[k].at.number - line.number))


def _read(capture: Capture, lines: list[Line]) -> dict[str, Any] | None:
    """The ticks of the whole text (boxes and labels joined across lines), with what each line
    ties to an option on its own taking precedence."""
    joined: dict[str, Any] = {}
    for chunk in _chunks(lines):
        for option, value in (values.checks_of(capture.item, values.by_columns(chunk)) or {}).items():
            joined.setdefault(option, value)
    alone = grid.read(capture.item.path, [line.text for line in lines])
    merged = {o: True if isinstance(v, str) and _not_text(v) else v for o, v in joined.items()}
    for option, value in alone.items():
        if option not in merged or (value is not True and not _wrapped(merged[option], value)):
            merged[option] = value
    empty = first_row.unticked(capture.item.path, lines)
    for option, value in first_row.boxes(capture.item.path, capture.pieces).items():
        if option not in empty:
            merged.setdefault(option, value)
    order = labels.check_options(capture.item.path)
    return {o: merged[o] for o in order if o in merged} or None


def _stray(capture: Capture, lines: list[Line]) -> list[Line]:
    """The lines of a grid with a tick no option was given (「[ ○」 with its label elsewhere, the
    box after a row's last option): kept as unplaced, so a tick is never dropped unseen. A line
    whose tick its neighbours' labels took (read joined), or the first row's boxes after the
    grid's label (first_row.py), is not one."""
    template = capture.item.path
    first = next((p for p in capture.pieces if p.text.strip()), None)
    if first is not None and not first_row.boxes(template, [first]):
        first = None
    out: list[Line] = []
    for chunk in _chunks(lines):
        alone = {o for line in chunk for o in grid.ticked(template, line.text)}
        if set(values.checks_of(capture.item, values.by_columns(chunk)) or {}) - alone:
            continue  # ticks tied across the chunk's lines: which line's tick went where is not known
        out.extend(
            line
            for line in chunk
            if _TICK.search(line.text) and line is not first and not grid.ticked(template, line.text)
        )
    return out


def _chunks(lines: list[Line]) -> list[list[Line]]:
    """Lines that follow each other in the source (a blank line between runs allowed): a box's
    「[ ○」 is joined with the 「] label」 of the next line, never with a label read many lines
    later (extracted text scatters a grid's cells, and a loose tick there is no label's). Lines
    with positions (a PDF's cells, read by their columns) are one chunk."""
    if all(line.cells for line in lines):
        return [lines]
    out: list[list[Line]] = []
    for line in lines:
        if out and line.number - out[-1][-1].number <= _NEXT:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _not_text(text: str) -> bool:
    """A （…） text joined across lines that runs into other boxes, or holds nothing but brackets:
    no option's text (the option is only ticked)."""
    return bool(_BRACKET.search(text)) or not _MARKS.sub("", norm(text))


def _wrapped(joined: Any, alone: Any) -> bool:
    """The text of an option's （…） continued on the next lines of its cell (a PDF wraps it):
    the joined text goes on where the line's text stops, with no other box in it."""
    if not isinstance(joined, str) or not isinstance(alone, str):
        return False
    return norm(joined).startswith(norm(alone)) and not _BRACKET.search(joined)


def _residue(printed: tuple[str, ...], text: str) -> str:
    """What a checkbox line says besides brackets, ticks and the form's own option texts."""
    plain = norm(text)
    for option in printed:
        plain = plain.replace(option, "")
    return _MARKS.sub("", plain)
