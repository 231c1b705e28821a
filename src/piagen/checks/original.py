"""How the published copy departs from the form (`original:`, `form.stamp: false`): recorded, so the
model stays faithful, and reported, so nobody mistakes a deviation for the form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from piagen.findings import Severity
from piagen.model import dates, form
from piagen.model.fields import entries, get, sequence
from piagen.model.form import form_type
from piagen.model.source import JsonPath

Finding = tuple[JsonPath, Severity, str]
R6_10 = dates.parse("令和6年10月1日")


def steps(dotted: str) -> JsonPath:
    """`files.0.provision` as a path."""
    return tuple(int(s) if s.isdigit() else s for s in dotted.split(".") if s)


def closest_version(data: Any) -> str:
    """The 様式 version a copy without a stamp was most likely written on: by its 公表日 for the
    全項目評価書 (R6.10 from 令和6年10月), the only version otherwise."""
    kind = form_type(data)
    if kind != "full":
        return form.DEFAULT_VERSION[kind]
    published = dates.optional(get(data, "cover", "published"))
    return "H30.5" if published is not None and published.last_day() < R6_10.first_day() else "R6.10"


def unstamped(data: dict[str, Any]) -> Iterator[Finding]:
    """A copy without a 様式 stamp and without a stated version: say which version was assumed."""
    if get(data, "form", "stamp") is False and not get(data, "form", "version"):
        version = closest_version(data)
        yield (
            ("form", "stamp"),
            "warning",
            f"原本に様式の版の印字がありません。{version} の様式として検証しました"
            f"（分かれば form.version に書いてください）。",
        )


def absent(data: dict[str, Any]) -> Iterator[Finding]:
    """Every part recorded as absent from the original: a warning (review asks why), or an error when
    the path is not an item of the form."""
    for j, text in enumerate(sequence(get(data, "original", "absent"))):
        path = steps(str(text))
        if form.node_at(path) is None:
            yield (
                ("original", "absent", j),
                "error",
                f"「{text}」は様式にない項目です。例: procedure.public_comment",
            )
        else:
            label = form.label_in(data, path)
            yield (
                ("original", "absent", j),
                "warning",
                f"「{label}」は原本に印字がありません（original.absent）。",
            )


def deviations(data: dict[str, Any]) -> Iterator[Finding]:
    """Every recorded deviation names an item of the form."""
    for j, entry in entries(data, "original", "deviations"):
        path = steps(str(entry.get("path", "")))
        if form.node_at(path) is None:
            yield (
                ("original", "deviations", j, "path"),
                "error",
                f"「{entry.get('path')}」は様式にない項目です。例: files.0.basic.people",
            )


def is_absent(data: Any, path: JsonPath) -> bool:
    """True when `path` lies in a part the original does not print."""
    return any(
        path[: len(p)] == p for p in (steps(str(t)) for t in sequence(get(data, "original", "absent")))
    )
