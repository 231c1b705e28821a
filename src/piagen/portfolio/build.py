"""`piagen build`: every model of a portfolio rendered in parallel, reported as a stream of events.

The PDFs are laid out by the render package's layout processes (one per core, shared by every
document) and found in its part cache when unchanged; a few threads here feed them, so that while
one document's PDF is laid out the next one is prepared. Nothing here reads the clock or writes a
file: the command line times the events (progress, ETA) and writes each document's outputs."""

from __future__ import annotations

import concurrent.futures
import queue
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from piagen import render
from piagen.errors import PiagenError
from piagen.figure import figures_for
from piagen.model import source
from piagen.model.edition import Edition
from piagen.portfolio.folder import Entry

EDITIONS: tuple[Edition, ...] = ("public", "internal")
Outcome = Literal["built", "unchanged", "invalid", "failed", "bug"]


@dataclass(frozen=True)
class Started:
    """A document's rendering began (`weight`: its relative cost, for the ETA)."""

    name: str
    weight: int


@dataclass(frozen=True)
class Finished:
    """A document is done: its outputs (file name in the output folder → bytes), or why there are none."""

    name: str
    weight: int
    outcome: Outcome
    files: dict[str, bytes] = field(default_factory=dict)
    message: str = ""


Event = Started | Finished


def file_name(name: str, kind: str, ext: str, which: Edition) -> str:
    """`<model>-<form>.<ext>` for the 公表版 (the published name), `…-internal.<ext>` for the 提出版."""
    return f"{name}-{kind}{'-internal' if which == 'internal' else ''}.{ext}"


def weight(entry: Entry) -> int:
    """A document's relative rendering cost: the size of its model."""
    return max(1, sum(len(t) for t in entry.doc.texts.values())) if entry.doc is not None else 1


def render_entry(
    entry: Entry,
    formats: tuple[str, ...],
    editions: tuple[Edition, ...],
    layouts: render.Layouts | None,
    cache: render.PartCache | None,
) -> dict[str, bytes]:
    """Every requested output of one valid model."""
    assert entry.doc is not None
    data = entry.data
    kinds = render.forms_for(data, "auto")
    folder = entry.path.parents[entry.name.count("/")]  # the portfolio's folder: figures may be shared
    model_yaml = source.dump(data)
    out: dict[str, bytes] = {}
    for which in editions:
        rendered = render.render_all(
            data,
            kinds,
            formats,
            render.Options(
                which=which,
                figures=figures_for(entry.doc, entry.path, which, folder),
                model_yaml=model_yaml,
                cache=cache,
            ),
            layouts,
        )
        out.update({file_name(entry.name, k, ext, which): b for (k, ext), b in rendered.items()})
    return out


def _job(
    entry: Entry,
    formats: tuple[str, ...],
    editions: tuple[Edition, ...],
    layouts: render.Layouts | None,
    cache: render.PartCache | None,
    events: queue.SimpleQueue[Event],
) -> None:
    w = weight(entry)
    events.put(Started(entry.name, w))
    try:
        done = Finished(entry.name, w, "built", render_entry(entry, formats, editions, layouts, cache))
    except PiagenError as exc:
        done = Finished(entry.name, w, "failed", message=str(exc))
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the others; exit 3 later
        done = Finished(entry.name, w, "bug", message=f"{type(exc).__name__}: {exc}")
    events.put(done)


def build(
    entries: list[Entry],
    formats: tuple[str, ...],
    editions: tuple[Edition, ...],
    *,
    layouts: render.Layouts | None,
    cache: render.PartCache | None,
    blocked: dict[str, str] | None = None,
    feeders: int = 2,
) -> Iterator[Event]:
    """Render every model without errors (largest first, so the last to finish is a small one);
    a model with errors, or `blocked` by a cross-document error (name → message), is reported
    `invalid` and not rendered. Events come as documents start and end."""
    blocked = blocked or {}
    valid = []
    for entry in entries:
        if entry.doc is None or entry.blocking or entry.name in blocked:
            yield Finished(entry.name, weight(entry), "invalid", message=blocked.get(entry.name, ""))
        else:
            valid.append(entry)
    valid.sort(key=lambda e: -weight(e))
    events: queue.SimpleQueue[Event] = queue.SimpleQueue()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, feeders)) as pool:
        jobs = [pool.submit(_job, e, formats, editions, layouts, cache, events) for e in valid]
        try:
            left = len(jobs)
            while left:
                event = events.get()
                left -= isinstance(event, Finished)
                yield event
        finally:
            for job in jobs:
                job.cancel()


def eta(elapsed: float, done_weight: int, remaining_weight: int) -> float | None:
    """Seconds left, from the time spent on the work done so far (None before anything is done)."""
    if done_weight <= 0:
        return None
    return elapsed * remaining_weight / done_weight
