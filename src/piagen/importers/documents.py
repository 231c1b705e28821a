"""The 評価書 in a file: each starts at its cover (title 「特定個人情報保護評価書（…）」 and the 様式
stamp, in either order); the form and its version come from them. Text before the first cover
(council papers, 諮問書) belongs to no 評価書."""

from __future__ import annotations

from dataclasses import dataclass

from piagen.importers.labels import norm
from piagen.importers.lines import Line
from piagen.model import form

_NEAR = 40  # lines between a cover's title and its stamp


@dataclass(frozen=True)
class Part:
    """One 評価書 found in a file: its form, its version ("" when no stamp was printed), its lines."""

    kind: form.FormType
    version: str
    lines: list[Line]


def _titles() -> dict[str, form.FormType]:
    return {norm(f"特定個人情報保護評価書（{name}）"): kind for kind, name in form.FORM_NAMES.items()}  # type: ignore[misc]


def _stamps() -> dict[str, tuple[form.FormType, str]]:
    return {norm(stamp): key for key, stamp in form.STAMPS.items()}  # type: ignore[misc]


_LOOK_BACK = 25
_COVER_KEYS = frozenset(norm(x) for x in ("評価実施機関名", "公表日", "評価書番号", "評価書名", "特記事項"))


def _cover_start(lines: list[Line], at: int) -> int:
    """Without a stamp, a cover printed before its title starts at its first cover label."""
    for n in range(max(0, at - _LOOK_BACK), at):
        if any(norm(lines[n].text).startswith(k) for k in _COVER_KEYS):
            return n
    return at


def _stamp(key: str, stamps: dict[str, tuple[form.FormType, str]]) -> str:
    """The stamp a line is, or starts with when the title shares its printed row (one cell or two)."""
    return (
        key
        if key in stamps
        else next((s for s in stamps if key.startswith(s) and key[len(s) :] in _titles()), "")
    )


def _unstamped(key: str, stamps: dict[str, tuple[form.FormType, str]]) -> str:
    stamp = _stamp(key, stamps)
    return key[len(stamp) :] if stamp and stamp != key else key


def is_heading(text: str) -> bool:
    """A line that is a cover's title, its 様式 stamp, or both on one printed row."""
    key, stamps = norm(text), _stamps()
    return key in _titles() or bool(_stamp(key, stamps))


def split(lines: list[Line]) -> tuple[list[Part], list[Line]]:
    """The 評価書 in `lines`, and the lines that precede the first of them."""
    titles, stamps = _titles(), _stamps()
    found_titles = [
        (i, titles[t]) for i, ln in enumerate(lines) if (t := _unstamped(norm(ln.text), stamps)) in titles
    ]
    found_stamps = [
        (i, stamps[s]) for i, ln in enumerate(lines) for s in [_stamp(norm(ln.text), stamps)] if s
    ]
    starts: list[tuple[int, form.FormType, str]] = []
    for at, kind in found_titles:
        near = [(abs(s - at), s, v) for s, (k, v) in found_stamps if k == kind and abs(s - at) <= _NEAR]
        if near:
            _, stamp_at, version = min(near)
            starts.append((min(at, stamp_at), kind, version))
        else:
            starts.append((_cover_start(lines, at), kind, ""))
    if not starts and found_stamps:
        starts = [(i, k, v) for i, (k, v) in found_stamps[:1]]
    starts.sort()
    parts = [
        Part(kind, version, lines[at : starts[n + 1][0] if n + 1 < len(starts) else len(lines)])
        for n, (at, kind, version) in enumerate(starts)
    ]
    before = lines[: starts[0][0]] if starts else lines
    return parts, before
