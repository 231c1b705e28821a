"""Values taken by items a later tick shows to be moot. An extraction may print a page's ＜選択肢＞
values before their labels (early.py): each choice item takes the earliest held value as its label
opens. When a 「しない」 flag read after that (「[ ○ ] 接続しない（入手）」) makes an item one the form
does not ask for (flags.silenced: the schema's x-required `unless`), the value it took early was
another item's: it is given back, to be taken by the next item that opens.
Only a value taken early is given back; one printed beside the item's own label stays (the document
says it). UNVERIFIED, as in flags.py: that such items stay blank when the flag is ticked is read from
the form's layout and the schema's annotation, not from a confirmed rule."""

from __future__ import annotations

from piagen.importers import early, flags
from piagen.importers.labels import norm
from piagen.importers.reader import Capture, Index, Parsed


def release(held: early.Held, index: Index, out: Parsed, current: Capture | None) -> Capture | None:
    """Give back to `held` each early-taken choice value of an item now silenced by a tick; the
    item being read (`current`) is dropped if it is such a choice and shows no value of its own (it
    would take a held value as it ends). Returns what is still being read."""
    for path, (value, capture) in list(out.values.items()):
        if capture.item.kind != "choice" or not isinstance(value, str):
            continue
        # taken early: the capture's line is the held value line itself, not the item's label
        taken_early = early.option_of(capture.at.text.strip(), frozenset({norm(value)})) is not None
        if taken_early and flags.silenced(index, out, path):
            del out.values[path]
            early.hold(held, norm(value), capture.at, path)
            held.lines.sort(key=lambda h: h[1].number)  # back in printed order: the earliest goes first
    if (
        current is not None
        and current.item.kind == "choice"
        and flags.silenced(index, out, current.path)
        and not any(p.text.strip() for p in current.pieces)
    ):
        return None
    return current
