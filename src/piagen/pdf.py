"""PDF rendering with WeasyPrint: no network or file access, embedded Japanese font, model attached."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from piagen.errors import RenderError
from piagen.partcache import PartCache

JAPANESE_FONTS = ("IPAex", "Noto Sans CJK", "Noto Serif CJK", "IPAGothic", "IPAMincho", "TakaoGothic")


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF (the YAML model, so a published PDF can become a model again)."""

    name: str
    data: bytes
    description: str


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _fetcher() -> Any:
    """A URL fetcher that allows only data: URLs, so content can never make the renderer fetch."""
    import weasyprint

    class DataOnly(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise RenderError(
                    f"外部の資源（{url[:80]}）は読み込みません。画像はモデルからの相対パスで指定してください。"
                )
            return super().fetch(url, headers)

    return DataOnly(allowed_protocols=["data"])


def render_pdf(
    html: str,
    *,
    attachments: tuple[Attachment, ...] = (),
    date: dt.datetime | None = None,
    uncompressed: bool = False,
    tags: bool = True,
) -> bytes:
    """Lay out and write the PDF; raise RenderError on any WeasyPrint error or a missing Japanese font."""
    import weasyprint

    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = weasyprint.HTML(string=html, url_fetcher=_fetcher()).render()
        stamp = date or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        files = [
            weasyprint.Attachment(
                string=a.data, name=a.name, description=a.description, created=stamp, modified=stamp
            )
            for a in attachments
        ]
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        pdf = document.write_pdf(
            attachments=files, pdf_tags=tags, pdf_identifier=identifier, uncompressed_pdf=uncompressed
        )
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise RenderError("PDF の作成中にエラーがありました: " + " / ".join(collector.messages[:3]))
    _check_fonts(document)
    assert isinstance(pdf, bytes)
    return pdf


def _font_name(font: Any) -> str:
    family = getattr(font, "family", b"")
    return family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family)


def _check_fonts(document: Any) -> None:
    names = [_font_name(font) for font in getattr(document, "fonts", {}).values()]
    if names and not any(
        j.lower().replace(" ", "") in n.lower().replace(" ", "") for n in names for j in JAPANESE_FONTS
    ):
        raise RenderError(
            "日本語フォントが見つかりません（使われたフォント: " + "、".join(sorted(set(names))) + "）。"
            "IPAex フォントを入れてください: sudo apt-get install fonts-ipaexfont-gothic fonts-ipaexfont-mincho"
        )


def _warm_up(started: Any) -> None:
    """In a new layout process: import WeasyPrint and load the fonts once, before the first part. The
    processes after the first run at a lower priority: while the command itself loads the model, it
    and the first process keep the two cores (one section to lay out is the most frequent case)."""
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


class Layouts:
    """Processes that lay out PDFs with WeasyPrint, one per core, started as soon as the command knows
    it will write a PDF: their WeasyPrint import (~0.6 s) overlaps the loading of the model. Without
    `fork` (or with one worker) each job runs in this process when it is submitted."""

    def __init__(self, workers: int = 2) -> None:
        self._pool: Any = None
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            started = context.Value("i", 0)
            self._pool = context.Pool(workers, initializer=_warm_up, initargs=(started,))

    def run(self, function: Callable[..., bytes], *args: Any) -> Callable[[], bytes]:
        """Start `function(*args)`; the returned callable waits for its result."""
        if self._pool is None:
            result = function(*args)
            return lambda: result
        job = self._pool.apply_async(function, args)
        return job.get  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Layouts:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def start_pdf(
    parts: list[str],
    overlay: Callable[[int, int, int], str] | None,
    layouts: Layouts,
    *,
    weights: list[int] | None = None,
    attachments: tuple[Attachment, ...] = (),
    date: dt.datetime | None = None,
    cache: PartCache | None = None,
) -> Callable[[], bytes]:
    """Start laying out a PDF on `layouts`; the returned callable finishes it and returns its bytes.

    One part is a whole document. Several parts are consecutive pieces of one (the cover, then each
    section), merged and stamped with `overlay(pages, first, last)` (the HTML of pages first…last of
    the running header and 「n / N」, known only once all parts exist). Parts and overlay pieces found
    in `cache` are not laid out again; the others are laid out heaviest first (`weights`)."""
    if len(parts) == 1:
        key = _key(parts[0], attachments, date, b"whole")
        found = cache.get(key) if cache is not None else None
        if found is not None:
            return lambda: found
        job = layouts.run(_render_whole, parts[0], attachments, date)

        def finish_whole() -> bytes:
            rendered = job()
            if cache is not None:
                cache.put(key, rendered)
            return rendered

        return finish_whole
    keys = [_key(html, (), date, b"part") for html in parts]
    parsed = {i: p for i, k in enumerate(keys) if (p := _cached(cache, k)) is not None}
    missing = sorted(
        (i for i in range(len(parts)) if i not in parsed),
        key=lambda i: -(weights[i] if weights else len(parts[i])),
    )
    jobs = [(i, layouts.run(_render_part, parts[i], date)) for i in missing]

    def finish_parts() -> bytes:
        from piagen import pdfparts

        for i, job in jobs:
            data = job()
            parsed[i] = _parse(data)
            if cache is not None:
                cache.put(keys[i], data)
        ordered = [parsed[i] for i in range(len(parts))]
        total = sum(len(pdfparts.pages(p)) for p in ordered)
        assert overlay is not None, "a PDF in parts needs its overlay"
        # The overlay in two pieces (pages 1–40 and 41–80 of 80, say), one per worker, each cached.
        chunks = 2 if total >= 20 else 1
        bounds = [(total * c // chunks + 1, total * (c + 1) // chunks) for c in range(chunks)]
        overlays = [overlay(total, first, last) for first, last in bounds]
        overlay_keys = [_key(text, (), date, b"overlay") for text in overlays]
        stamps = [_cached(cache, k) for k in overlay_keys]
        drawn = [
            (i, layouts.run(_render_overlay, overlays[i], date)) for i, s in enumerate(stamps) if s is None
        ]
        for i, job in drawn:
            data = job()
            stamps[i] = _parse(data)
            if cache is not None:
                cache.put(overlay_keys[i], data)
        if cache is not None:
            cache.prune()
        stamp = date or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        embedded = tuple(pdfparts.Embedded(a.name, a.data, a.description, stamp) for a in attachments)
        try:
            return pdfparts.merge(ordered, stamps, embedded)
        except pdfparts.MergeError as exc:
            raise _merge_failed(exc) from exc

    return finish_parts


def render_parts(
    parts: list[str],
    overlay: Callable[[int, int, int], str],
    *,
    weights: list[int] | None = None,
    attachments: tuple[Attachment, ...] = (),
    date: dt.datetime | None = None,
    cache: PartCache | None = None,
    workers: int = 2,
) -> bytes:
    """`start_pdf` on `workers` processes of its own, finished."""
    with Layouts(workers) as layouts:
        return start_pdf(
            parts, overlay, layouts, weights=weights, attachments=attachments, date=date, cache=cache
        )()


def _key(html: str, attachments: tuple[Attachment, ...], date: dt.datetime | None, kind: bytes) -> str:
    pieces: list[bytes | str] = [kind, html, (date or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).isoformat()]
    for a in attachments:
        pieces += [a.name, a.data, a.description]
    return PartCache.key(*pieces)


def _render_whole(html: str, attachments: tuple[Attachment, ...], date: dt.datetime | None) -> bytes:
    return render_pdf(html, attachments=attachments, date=date)


def _render_part(html: str, date: dt.datetime | None) -> bytes:
    from piagen import pdfparts

    return pdfparts.precompress(render_pdf(html, date=date, uncompressed=True))


def _render_overlay(html: str, date: dt.datetime | None) -> bytes:
    from piagen import pdfparts

    return pdfparts.precompress(render_pdf(html, date=date, uncompressed=True, tags=False))


def _merge_failed(exc: Exception) -> RenderError:
    return RenderError(f"PDF の結合に失敗しました（{exc}）。piagen の不具合です。報告してください。")


def _parse(data: bytes) -> Any:
    from piagen import pdfparts

    try:
        return pdfparts.parse(data)
    except pdfparts.MergeError as exc:
        raise _merge_failed(exc) from exc


def _cached(cache: PartCache | None, key: str) -> Any:
    """The parsed part stored under `key`, or None (not cached, or unreadable: then laid out again)."""
    from piagen import pdfparts

    data = cache.get(key) if cache is not None else None
    if data is None:
        return None
    try:
        return pdfparts.parse(data)
    except pdfparts.MergeError:
        return None
