"""Laying out PDFs in worker processes, whole or in parts, with the part cache; merged by pdfparts."""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import multiprocessing.pool
import multiprocessing.sharedctypes
import os
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from piagen.errors import RenderError
from piagen.render.pdf import merge as pdfparts
from piagen.render.pdf.cache import PartCache
from piagen.render.pdf.syntax import Pdf
from piagen.render.pdf.typeset import Attachment, render_pdf

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
Overlay = Callable[[int, int, int], str]  # (pages, first, last) → HTML of overlay pages first…last


def _warm_up(started: multiprocessing.sharedctypes.Synchronized[int]) -> None:
    """In a new layout process: import WeasyPrint and load the fonts once, before the first part. The
    processes after the first run at a lower priority: while the command itself loads the model, it
    and the first process keep the two cores (one section to lay out is the most frequent case).
    Ctrl-C is the command's to handle: it stops these processes, which print nothing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with started.get_lock():
        rank = started.value
        started.value += 1
    if rank:
        with contextlib.suppress(OSError):
            os.nice(19)
    try:
        render_pdf(
            '<html lang="ja"><p style="font-family: IPAexGothic">特定個人情報<b>保護評価</b></p></html>'
        )
    except Exception:  # noqa: BLE001 - the real job reports the real error (a missing font, say)
        return


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Block SIGINT in this thread (and in the processes and threads it starts) for the block;
    a SIGINT meanwhile stays pending and raises KeyboardInterrupt as the block ends."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if signal.SIGINT not in held:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class Layouts:
    """Processes that lay out PDFs with WeasyPrint, one per core, started as soon as the command knows
    it will write a PDF: their WeasyPrint import (~0.6 s) overlaps the loading of the model. Without
    `fork` (or with one worker) each job runs in this process when it is submitted."""

    def __init__(self, workers: int = 2) -> None:
        self._pool: multiprocessing.pool.Pool | None = None
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            started = context.Value("i", 0)
            # Ctrl-C is held while the processes are forked: they start with it blocked (it stays
            # the command's), and a Ctrl-C meanwhile reaches the command once `close` can stop them.
            try:
                with _sigint_held():
                    self._pool = context.Pool(workers, initializer=_warm_up, initargs=(started,))
            except KeyboardInterrupt:
                self.close()
                raise

    def run(self, function: Callable[..., bytes], *args: Any) -> Callable[[], bytes]:
        """Start `function(*args)`; the returned callable waits for its result."""
        if self._pool is None:
            result = function(*args)
            return lambda: result
        return self._pool.apply_async(function, args).get

    def close(self) -> None:
        """Stop the processes and wait until each has exited (a second Ctrl-C waits too)."""
        if self._pool is not None:
            with _sigint_held():
                self._pool.terminate()
                self._pool.join()
                self._pool = None

    def __enter__(self) -> Layouts:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def start(
    parts: list[str],
    overlay: Overlay | None,
    layouts: Layouts,
    *,
    weights: list[int] | None = None,
    attachments: tuple[Attachment, ...] = (),
    date: dt.datetime | None = None,
    cache: PartCache | None = None,
) -> Callable[[], bytes]:
    """Start laying out a PDF on `layouts`; the returned callable finishes it and returns its bytes.

    One part is a whole document. Several parts are consecutive pieces of one (the cover, then each
    section), merged and stamped with `overlay` (the running header and 「n / N」, known only once all
    parts exist). Parts and overlay pieces found in `cache` are not laid out again; the others are
    laid out heaviest first (`weights`)."""
    if len(parts) == 1:
        return _start_whole(parts[0], layouts, attachments, date or EPOCH, cache)
    if overlay is None:
        raise ValueError("a PDF in parts needs its overlay")
    # The merged PDF follows from the parts (the overlay from their page count and title): an
    # unchanged document is taken whole from the cache, without even reading its parts.
    final = _key(
        b"merged", "\0".join(_key(b"part", p, date or EPOCH) for p in parts), date or EPOCH, attachments
    )
    found = cache.get(final) if cache is not None else None
    if found is not None:
        return lambda: found
    job = _PartsJob(parts, overlay, layouts, attachments, date or EPOCH, cache)
    job.start(weights or [len(p) for p in parts])

    def finish() -> bytes:
        merged = job.finish()
        if cache is not None:
            cache.put(final, merged)
        return merged

    return finish


def render_parts(
    parts: list[str],
    overlay: Overlay,
    *,
    weights: list[int] | None = None,
    attachments: tuple[Attachment, ...] = (),
    date: dt.datetime | None = None,
    cache: PartCache | None = None,
    workers: int = 2,
) -> bytes:
    """`start` on `workers` processes of its own, finished."""
    with Layouts(workers) as layouts:
        finish = start(
            parts, overlay, layouts, weights=weights, attachments=attachments, date=date, cache=cache
        )
        return finish()


def _start_whole(
    html: str,
    layouts: Layouts,
    attachments: tuple[Attachment, ...],
    date: dt.datetime,
    cache: PartCache | None,
) -> Callable[[], bytes]:
    key = _key(b"whole", html, date, attachments)
    found = cache.get(key) if cache is not None else None
    if found is not None:
        return lambda: found
    job = layouts.run(_render_whole, html, attachments, date)

    def finish() -> bytes:
        rendered = job()
        if cache is not None:
            cache.put(key, rendered)
        return rendered

    return finish


@dataclass
class _PartsJob:
    """One PDF laid out in parts: those not in the cache are laid out on `layouts`, then merged."""

    parts: list[str]
    overlay: Overlay
    layouts: Layouts
    attachments: tuple[Attachment, ...]
    date: dt.datetime
    cache: PartCache | None
    keys: list[str] = field(default_factory=list)
    parsed: dict[int, Pdf] = field(default_factory=dict)
    jobs: list[tuple[int, Callable[[], bytes]]] = field(default_factory=list)

    def start(self, weights: list[int]) -> None:
        self.keys = [_key(b"part", html, self.date) for html in self.parts]
        self.parsed = {i: p for i, k in enumerate(self.keys) if (p := _cached(self.cache, k)) is not None}
        missing = sorted(
            (i for i in range(len(self.parts)) if i not in self.parsed), key=lambda i: -weights[i]
        )
        self.jobs = [(i, self.layouts.run(_render_part, self.parts[i], self.date)) for i in missing]

    def finish(self) -> bytes:
        for i, job in self.jobs:
            self.parsed[i] = self._store(self.keys[i], job())
        ordered = [self.parsed[i] for i in range(len(self.parts))]
        stamps = self._overlay(sum(len(pdfparts.pages(p)) for p in ordered))
        if self.cache is not None:
            self.cache.prune()
        embedded = tuple(
            pdfparts.Embedded(a.name, a.data, a.description, self.date) for a in self.attachments
        )
        try:
            return pdfparts.merge(ordered, stamps, embedded)
        except pdfparts.MergeError as exc:
            raise _merge_failed(exc) from exc

    def _overlay(self, total: int) -> list[Pdf]:
        """The overlay of `total` pages in two pieces (pages 1–40 and 41–80 of 80, say): one per
        process, each cached."""
        chunks = 2 if total >= 20 else 1
        bounds = [(total * c // chunks + 1, total * (c + 1) // chunks) for c in range(chunks)]
        texts = [self.overlay(total, first, last) for first, last in bounds]
        keys = [_key(b"overlay", text, self.date) for text in texts]
        stamps = [_cached(self.cache, k) for k in keys]
        drawn = [
            (i, self.layouts.run(_render_overlay, texts[i], self.date))
            for i, s in enumerate(stamps)
            if s is None
        ]
        for i, job in drawn:
            stamps[i] = self._store(keys[i], job())
        return [s for s in stamps if s is not None]

    def _store(self, key: str, data: bytes) -> Pdf:
        parsed = _parse(data)
        if self.cache is not None:
            self.cache.put(key, data)
        return parsed


def _key(kind: bytes, html: str, date: dt.datetime, attachments: tuple[Attachment, ...] = ()) -> str:
    pieces: list[bytes | str] = [kind, html, date.isoformat()]
    for a in attachments:
        pieces += [a.name, a.data, a.description]
    return PartCache.key(*pieces)


def _render_whole(html: str, attachments: tuple[Attachment, ...], date: dt.datetime) -> bytes:
    return render_pdf(html, attachments=attachments, date=date)


def _render_part(html: str, date: dt.datetime) -> bytes:
    return pdfparts.precompress(render_pdf(html, date=date, uncompressed=True))


def _render_overlay(html: str, date: dt.datetime) -> bytes:
    return pdfparts.precompress(render_pdf(html, date=date, uncompressed=True, tags=False))


def _merge_failed(exc: Exception) -> RenderError:
    return RenderError(f"PDF の結合に失敗しました（{exc}）。piagen の不具合です。報告してください。")


def _parse(data: bytes) -> Pdf:
    try:
        return pdfparts.parse(data)
    except pdfparts.MergeError as exc:
        raise _merge_failed(exc) from exc


def _cached(cache: PartCache | None, key: str) -> Pdf | None:
    """The parsed part stored under `key`, or None (not cached, or unreadable: then laid out again)."""
    data = cache.get(key) if cache is not None else None
    if data is None:
        return None
    try:
        return pdfparts.parse(data)
    except pdfparts.MergeError:
        return None
