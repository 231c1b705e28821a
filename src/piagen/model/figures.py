"""The （別添１） figures a model names, read as data: URLs (the renderer itself reads no files).

A figure is read only from the model's folder tree (or the root the user names), only if it is a
regular file within MAX_BYTES, and a PNG/JPEG only if it is an image within MAX_PIXELS (decoding a
huge image costs gigabytes). `checked_figure` is the one check; every way of adding a figure calls it."""

from __future__ import annotations

import base64
import io
import warnings
from pathlib import Path

from piagen.errors import PiagenError
from piagen.model import files
from piagen.model.source import Document

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000  # e.g. 8000 × 5000: a scanned A3 at 600 dpi is ~70 M; at 400 dpi ~31 M
_KINDS = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}
_PIL_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}


class FigureError(PiagenError):
    """A figure that cannot be embedded; the message names the model and the figure."""


def _refuse(model: Path | str, name: str, reason: str) -> FigureError:
    return FigureError(f"{model}: （別添１）の図「{name}」: {reason}")


def checked_image(data: bytes, kind: str) -> str | None:
    """Why `data` is not an embeddable image of `kind` (None when it is): a PNG/JPEG must open as
    one and stay within MAX_PIXELS; an SVG must be UTF-8 text. Never quotes the bytes."""
    expected = _PIL_FORMATS.get(kind)
    if expected is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return "SVG として読めません（UTF-8 のテキストではありません）。"
        return None if "<svg" in text else "SVG として読めません（<svg> 要素がありません）。"
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's own warnings are reported here in Japanese
            with Image.open(io.BytesIO(data)) as image:
                actual, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return f"画像（{expected}）として読めません。ファイルが壊れているか、画像ではありません。"
    if actual != expected:
        return f"拡張子は {expected} ですが、中身は {actual} です。拡張子を直してください。"
    if width * height > MAX_PIXELS:
        return f"画素数が多すぎます（{width}×{height}、上限 {MAX_PIXELS:,} 画素）。解像度を下げてください。"
    return None


def checked_figure(model: Path, name: str, root: Path | None = None) -> tuple[str, bytes]:
    """The media type and bytes of the figure `name` written in `model`, after every check
    (inside the folder tree, regular file, size, image); raise FigureError naming both."""
    kind = _KINDS.get(Path(name).suffix.lower())
    if kind is None:
        raise _refuse(model, name, "形式が PNG/JPEG/SVG ではありません（拡張子 .png .jpg .jpeg .svg）。")
    try:
        target = files.confined(model.resolve().parent, name, root or model.resolve().parent)
        data = files.read_regular(target, MAX_BYTES)
    except files.FileRefused as exc:
        raise _refuse(model, name, exc.reason) from None
    problem = checked_image(data, kind)
    if problem:
        raise _refuse(model, name, problem)
    return kind, data


def read_figures(doc: Document, model_path: Path, root: Path | None = None) -> dict[str, str]:
    """Every figure named in `annex_flow`, keyed by the name the model gives, as a data: URL."""
    out: dict[str, str] = {}
    pages = doc.data.get("annex_flow") if isinstance(doc.data, dict) else None
    for page in pages if isinstance(pages, list) else []:
        name = page.get("figure") if isinstance(page, dict) else None
        if not isinstance(name, str) or not name:
            continue
        kind, data = checked_figure(model_path, name, root)
        out[name] = f"data:{kind};base64," + base64.b64encode(data).decode("ascii")
    return out
