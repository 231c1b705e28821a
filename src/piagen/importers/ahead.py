"""Values printed before a run of their labels (extracted text only).

Extraction sometimes gives a table's value column before its label column, with no label left
empty before the values to take them (columns.take) — the labels come after:

    特記事項 —
    (blank)
    住民基本台帳システム                    ← 個人情報ファイル名
    (blank)
    〒569-8501　高槻市桃園町２番１号        ← 公表場所
    高槻市　総務部　法務ガバナンス室
    (blank)
     ③手数料等
     ⑤法令による特別の手続
     ２．特定個人情報ファイルの取扱いに関する問合せ
     ④個人情報ファイル簿の公表
     個人情報ファイル名
     公表場所
     ⑥個人情報ファイル簿への不記載等
    —

A paragraph that no item reads goes to the first label of the first run of two or more text labels
ahead (within runs.NEAR lines) that are printed one after the other, each alone on its line with
no value after it, when the run still waiting has exactly as many labels as there are paragraphs
from here to the next label. One label left empty is no run (its value may simply be missing),
so a lone paragraph and a lone label are never paired. The label, when met, opens nothing
(parse._open: its path is in `awaiting`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from piagen.importers import runs
from piagen.importers.labels import Item
from piagen.importers.lines import Line
from piagen.importers.reader import Capture, Concrete, Index, Parsed, Place, group_marker


class Reading(Protocol):
    """What `take` reads and sets of the parser's state."""

    index: Index
    place: Place
    out: Parsed
    lines: list[Line]
    awaiting: set[Concrete]
    dealt: Capture | None  # the capture that ends with its paragraph


def take(state: Reading, i: int, stop: Callable[[int], bool]) -> Capture | None:
    """The capture of the label ahead that the paragraph at line i is the value of, or None."""
    lines = state.lines
    if lines[i].x1 > 0 or (i and lines[i - 1].text.strip()):
        return None  # a PDF line, or not the first line of a paragraph
    paras, used = runs.paragraphs(lines, i, stop)
    for run in _runs(state, i + used):
        waiting = [c for c in run if c.path not in state.awaiting]
        if len(run) >= 2 and len(waiting) == len(paras) and run[-len(waiting) :] == waiting:
            capture = Capture(waiting[0].item, waiting[0].path, waiting[0].at, [lines[i]])
            state.awaiting.add(capture.path)
            state.dealt = capture
            return capture
    return None


def _runs(state: Reading, start: int) -> list[list[Capture]]:
    """The runs of text labels, alone on their lines and without values, from line `start` on."""
    lines, index = state.lines, state.index
    out: list[list[Capture]] = [[]]
    j = start
    while j < min(len(lines), start + runs.NEAR):
        found = index.match(lines, j) if lines[j].text.strip() else None
        if found is None:
            if lines[j].text.strip():
                break  # a value: the labels that follow are not this paragraph's
            j += 1
            continue
        items, used, rest = found
        capture = _bare(state, items, rest, j + used)
        if capture is None:
            out.append([])
        else:
            out[-1].append(capture)
        j += used
    return [run for run in out if run]


def _bare(state: Reading, items: list[Item], rest: str, after: int) -> Capture | None:
    """The capture of a text label printed alone, still without value, followed by another label."""
    if len(items) != 1 or items[0].kind != "text" or rest:
        return None
    path = state.place.concrete(items[0].path)
    if path in state.out.values and path not in state.awaiting:
        return None  # (one of the run read before it, by `take`, stays in the run)
    nxt = next((k for k in range(after, len(state.lines)) if state.lines[k].text.strip()), None)
    labelled = (
        nxt is None or state.index.match(state.lines, nxt) or group_marker(state.index, state.lines[nxt].text)
    )
    if not labelled:
        return None  # its value follows it
    return Capture(items[0], path, state.lines[after - 1], [])
