"""The entry a repeating group's checkbox grid belongs to when extraction printed the grid before
the marker of its entry.

A system's ③他のシステムとの接続 (or any grid inside an entry of a list numbered by markers:
システムN, 委託事項N, 提供先N) is the last item of its block; a page whose cells come out of the
PDF bottom-up gives the grid, then the marker 「システム3」 and the block's ①②. Read in order, such a
grid is given to the entry read before it, so one entry gets two grids and another none (北九州:
the grid with 「[ ○ ] その他 （ 中間サーバー )」 printed right before 「システム3」 went to システム1).

The rule uses two properties. Of the form: every entry of such a list has its grid once. Of the
extraction: a grid label followed by nothing but checkbox pieces (and a range marker
「システム2～5」) up to the next marker of its list was printed next to that marker. When the
in-order reading gives some entry the grid twice, every grid followed that way by a marker goes to
that marker's entry, the others keep theirs; this is kept only when then no entry has the grid
twice. A document read in order never gives an entry its grid twice, so it is left as it is.

A grid that lists the *other* systems an entry is connected to (③他のシステムとの接続: the form's
label says 「他の」) never names the entry itself: a ticked 「その他 （ X ）」 whose X is the entry's
own ①name was printed inside its block but is another entry's (高槻予防接種: 「（ 予防接種証明書発行管理
システム ）」 read between that system's ② and ③). It is kept as an unplaced line of the grid, and
the option takes the text of the grid's other line ticking it, when there is exactly one."""

from __future__ import annotations

import re

from piagen.importers import grid
from piagen.importers.labels import Template, norm
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, group_marker

_PIECE = re.compile(r"[\[\]［］]|^[()（）○〇◯\s]+$")  # a box's bracket, a lone 「）」 or tick
_NEAR = 8  # non-blank lines between a grid's label and the marker printed after it


def by_markers(index: Index, lines: list[Line], checks: list[tuple[int, Capture]]) -> list[Capture]:
    """The checkbox captures, those of a list's grid printed before their entry's marker moved to
    that entry (see the module's docstring); lines[i] is where capture i's label was read."""
    out = [capture for _, capture in checks]
    groups: dict[tuple[Template, Concrete], list[int]] = {}
    for k, (_, capture) in enumerate(checks):
        at = _entry_step(capture.item.path)
        if at is not None:
            groups.setdefault((capture.item.path, capture.path[:at]), []).append(k)
    for members in groups.values():
        paths = [out[k].path for k in members]
        if len(set(paths)) == len(paths):
            continue  # each entry has its grid once: read in order
        moved = [_moved(index, lines, checks[k][0], out[k]) or out[k].path for k in members]
        if len(set(moved)) == len(moved):
            for k, path in zip(members, moved, strict=True):
                out[k] = Capture(out[k].item, path, out[k].at, out[k].pieces)
    return out


def _entry_step(template: Template) -> int | None:
    """Where the entry's index is in the grid's path (the last list it sits in), if any."""
    return max((n for n, step in enumerate(template) if step == "*"), default=None)


def _moved(index: Index, lines: list[Line], i: int, capture: Capture) -> Concrete | None:
    """The grid's path in the entry whose marker follows its label with only checkbox pieces
    between, if one does."""
    at = _entry_step(capture.item.path)
    assert at is not None
    list_template = capture.item.path[:at]
    seen = 0
    for k in range(i + 1, len(lines)):
        text = lines[k].text.strip()
        if not text:
            continue
        marker = group_marker(index, text)
        if marker is not None and marker[0] == list_template:
            if marker[1] < 0:
                continue  # 「システム2～5」: the heading of the blank rows, not an entry
            return (*capture.path[:at], marker[1], *capture.path[at + 1 :])
        seen += 1
        if seen > _NEAR or marker is not None or not _PIECE.search(text) or index.match(lines, k):
            return None  # a label, another list's marker or text: the grid is not printed by it
    return None


def not_itself(parsed: Parsed) -> None:
    """Take out of each 「他の」 grid the option text that names the grid's own entry (see the
    module's docstring)."""
    for capture, lines in parsed.grids:
        name = parsed.values.get((*capture.path[:-1], "name"), (None,))[0]
        value = parsed.values.get(capture.path, (None,))[0]
        if "他の" not in capture.item.label or not isinstance(name, str) or not isinstance(value, dict):
            continue
        for option, text in list(value.items()):
            if isinstance(text, str) and norm(text) == norm(name):
                _drop_own_name(parsed, capture, lines, value, option)


def _drop_own_name(
    parsed: Parsed, capture: Capture, lines: list[Line], value: dict[str, object], option: str
) -> None:
    own = norm(str(value[option]))
    texts = {line.number: _text(capture.item.path, line, option) for line in lines}
    other = {t for t in texts.values() if t and t != own}
    if len(other) == 1:
        kept = other.pop()
        value[option] = next(
            str(t) for line in lines if (t := _raw(capture.item.path, line, option)) and norm(t) == kept
        )
        used = {n for n, t in texts.items() if t == kept}
        parsed.unplaced[:] = [
            (ln, at) for ln, at in parsed.unplaced if ln.number not in used or at != capture.path
        ]
    else:
        del value[option]
        if not value:
            del parsed.values[capture.path]
    parsed.unplaced.extend((line, capture.path) for line in lines if texts[line.number] == own)


def _raw(template: Template, line: Line, option: str) -> str | None:
    """The text a line gives a ticked option in its （…）, if any."""
    text = grid.ticked(template, line.text, True).get(option)
    return text if isinstance(text, str) else None


def _text(template: Template, line: Line, option: str) -> str | None:
    raw = _raw(template, line, option)
    return norm(raw) if raw else None
