"""Adversarial 公表版 test: secrets planted in every shape the audit found leaking, over every example,
searched for in every byte a reader gets (HTML, every part of the xlsx unzipped, the PDF's text,
decompressed streams, metadata, outlines and attached model), in every width variant. 0 leaks.

Planted in each example: a withheld text leaf (random), a withheld whole mapping, a withheld 公表日
(the dates must not reach metadata), a withheld 意見の提出方法 (printed by --draft); hand-written
変更箇所 rows about the withheld item (its earlier text in 変更前, in full-width ASCII), rows quoting
it in 項目 and 説明 (half-width katakana), and a row written by piagen (with `path`)."""

from __future__ import annotations

import base64
import copy
import html
import io
import random
import re
import subprocess
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from piagen.model import edition, form, source
from piagen.render import forms as render
from piagen.render.job import Options
from tests.shared import EXAMPLES, example_models

SEED = 20261204
NAMES = [m.stem for m in example_models()]
KANA = "ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロワヲン"
PUBLISHED_ISO = "2019-02-28"  # the planted, withheld 公表日 (平成31年2月28日)

Run = Callable[..., tuple[int, str, str]]


def token(rng: random.Random, n: int = 14) -> str:
    """A random secret: katakana and ASCII letters, which no form or example contains."""
    return "".join(rng.choice(KANA + "QXZJ") for _ in range(n))


def wide(text: str) -> str:
    """Full-width ASCII (ＡＢＣ), which NFKC folds back."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


HALF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}


def half(text: str) -> str:
    """Half-width katakana where one exists (ｻｰﾊﾞ), which NFKC folds back."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)
        if ch in HALF:
            out.append(HALF[ch])
        elif base[0] in HALF and len(base) == 2 and base[1] in "\u3099\u309a":
            out.append(HALF[base[0]] + ("ﾞ" if base[1] == "\u3099" else "ﾟ"))
        else:
            out.append(ch)
    return "".join(out)


def text_leaves(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in text_leaves(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in text_leaves(v, (*path, i))]
    return [path] if isinstance(data, str) and data.strip() else []


def put(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def planted(name: str) -> tuple[dict[str, Any], list[str]]:
    """The example with secrets planted and withheld; the secrets."""
    rng = random.Random(f"{SEED}-{name}")
    data = copy.deepcopy(source.load(EXAMPLES / f"{name}.yaml").data)
    printed = [
        p
        for p in text_leaves(data)
        if p[0] not in edition.UNPRINTED
        and p[:2] != ("basic", "changes")
        and p[-1] not in ("id", "figure")
        and p[:2] != ("cover", "published")
    ]
    leaf, *randoms = rng.sample(printed, 4)
    secret, earlier, method = token(rng), token(rng), token(rng)
    secrets = [secret, earlier, method]
    put(data, leaf, f"入退室は{secret}で管理する")
    withheld = [{"path": ".".join(map(str, leaf)), "reason": "規則第13条"}]
    taken = [leaf]
    for n, extra in enumerate(randoms):  # randomised: more withheld items with secrets of their own
        # the first withholds the whole mapping the leaf is in (every text in it goes)
        held = extra[:-1] if n == 0 and len(extra) > 2 and isinstance(extra[-1], str) else extra
        if any(held[: len(w)] == w or w[: len(held)] == held for w in taken):
            continue
        taken.append(held)
        s = token(rng)
        secrets.append(s)
        put(data, extra, s)
        withheld.append({"path": ".".join(map(str, held)), "reason": "規則第13条"})
    if isinstance(data.get("cover"), dict):
        data["cover"]["published"] = "平成31年2月28日"
        withheld.append({"path": "cover.published", "reason": "規則第13条"})
    data.setdefault("procedure", {}).setdefault("public_comment", {})["method"] = f"{method}へ郵送"
    withheld.append({"path": "procedure.public_comment.method", "reason": "規則第13条"})
    label = form.item_label(leaf, form.form_type(data), style="table")
    rows = [  # the shapes that leaked: previous wording, 項目 and 説明 quoting, width variants
        {
            "date": "令和5年4月1日",
            "item": label,
            "before": wide(f"旧:{earlier}"),
            "after": f"{secret}",
            "timing": "事後",
            "explanation": "記載の修正",
        },
        {
            "date": "令和5年4月1日",
            "item": f"備考 {half(secret)}",
            "before": "なし",
            "after": "あり",
            "timing": "事後",
            "explanation": f"{half(earlier)}を変更",
        },
        {
            "date": "令和5年4月1日",
            "item": "その他",
            "before": "－",
            "after": wide(earlier),
            "timing": "事後",
            "explanation": "－",
        },
        {
            "date": "令和5年4月1日",
            "item": label,
            "before": wide(token(rng)),
            "after": "－",
            "timing": "事後",
            "explanation": "－",
            "path": withheld[0]["path"],
        },
    ]
    secrets.append(rows[3]["before"])
    key = ("basic", "changes") if form.form_type(data) == "basic" else ("changes",)
    target = data.setdefault(key[0], {} if len(key) > 1 else [])
    if len(key) > 1:
        target = target.setdefault("changes", [])
    target.extend(rows)
    data["withheld"] = withheld
    return data, secrets


def normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def windows(secret: str, size: int = 8) -> set[str]:
    s = normal(secret)
    return {s[i : i + size] for i in range(max(1, len(s) - size + 1))}


def with_embedded(text: str) -> str:
    """An HTML page with its base64 data: URLs decoded (the generated （別添１） figure is an SVG
    embedded this way, so its text is not in the page's bytes)."""
    found = re.findall(r"data:[\w/+.-]*;base64,([A-Za-z0-9+/=]+)", text)
    return "\n".join([text, *(base64.b64decode(b).decode("utf-8", "replace") for b in found)])


def xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(html.unescape(z.read(n).decode("utf-8", "replace")) for n in z.namelist())


def pdf_texts(data: bytes, tmp: Path) -> str:
    """Everything a reader can get out of a PDF: its text, every stream decompressed (the attached
    model, XMP), strings in UTF-16 (metadata, outlines, tags) and the attachments."""
    import pypdf

    out = [data.decode("latin-1")]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)).decode("utf-8", "replace"))
        except zlib.error:
            continue
    for raw in re.findall(rb"<FEFF([0-9A-Fa-f]+)>", data):
        out.append(bytes.fromhex(raw.decode()).decode("utf-16-be", "replace"))
    reader = pypdf.PdfReader(io.BytesIO(data))
    out.append(str(reader.metadata))
    out += [str(getattr(o, "title", o)) for o in reader.outline]
    out += [b.decode("utf-8", "replace") for files in reader.attachments.values() for b in files]
    (tmp / "x.pdf").write_bytes(data)
    out.append(subprocess.run(["pdftotext", str(tmp / "x.pdf"), "-"], capture_output=True, text=True).stdout)
    return "\n".join(out)


def leaks(outputs: dict[str, str], secrets: list[str]) -> list[str]:
    found = []
    for where, text in outputs.items():
        flat = normal(text)
        found += [f"{where}: {s!r} ({w})" for s in secrets for w in windows(s) if w in flat]
        if PUBLISHED_ISO in text or PUBLISHED_ISO.replace("-", "") in text:
            found.append(f"{where}: the withheld 公表日")
    return found


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("draft", [False, True], ids=["final", "draft"])
def test_public_edition_leaks_nothing(name: str, draft: bool) -> None:
    data, secrets = planted(name)
    kinds = render.forms_for(data, "auto")
    out = render.render_all(
        data, kinds, ("html", "xlsx"), Options(which="public", draft=draft, model_yaml="x")
    )
    texts = {
        f"{k}.{f}": (xlsx_text(b) if f == "xlsx" else with_embedded(html.unescape(b.decode())))
        for (k, f), b in out.items()
    }
    assert leaks(texts, secrets) == []
    if draft:
        return
    # The 提出版 holds them all (the plant worked), and is marked as such.
    internal = render.render_all(data, kinds, ("html",), Options(which="internal", draft=draft))
    page = "".join(html.unescape(b.decode()) for b in internal.values())
    assert all(w in normal(page) for s in secrets[:2] for w in windows(s))
    assert edition.INTERNAL_MARK in page
    book = render.render_all(data, kinds[-1:], ("xlsx",), Options(which="internal"))[(kinds[-1], "xlsx")]
    assert edition.INTERNAL_MARK in xlsx_text(book)  # every sheet's printed header


@pytest.mark.parametrize(
    ("name", "draft"), [("kitakyushu-shingata-influenza", True), ("kawasaki-kenko-zoshin", False)]
)
def test_public_pdf_leaks_nothing(run_cli: Run, tmp_path: Path, name: str, draft: bool) -> None:
    """The whole command, PDF included (a small form laid out whole, with --draft; a full form laid
    out in parts and merged): every byte searched."""
    data, secrets = planted(name)
    model = tmp_path / "m.yaml"
    model.write_text(source.dump(data), encoding="utf-8")
    code, _, err = run_cli(
        "render",
        str(model),
        "--edition",
        "public",
        *(["--draft"] if draft else []),
        "--to",
        "pdf,html,xlsx",
        "--out",
        str(tmp_path / "o"),
        "--allow-errors",
    )
    assert code == 0, err
    texts: dict[str, str] = {}
    for f in sorted((tmp_path / "o").iterdir()):
        raw = f.read_bytes()
        texts[f.name] = (
            pdf_texts(raw, tmp_path)
            if f.suffix == ".pdf"
            else xlsx_text(raw)
            if f.suffix == ".xlsx"
            else with_embedded(html.unescape(raw.decode()))
        )
    suffix = "-draft" if draft else ""
    kinds = render.forms_for(data, "auto")
    # the 公表版 alone carries the plain name
    assert sorted(texts) == sorted(f"m-{k}{suffix}.{f}" for k in kinds for f in ("html", "pdf", "xlsx"))
    if any(a.get("figure") == "generated" for a in data.get("annex_flow") or []):
        assert any("<svg" in t for t in texts.values())  # the embedded figure is decoded and searched
    assert leaks(texts, secrets) == []


def test_internal_edition_is_named_and_marked(run_cli: Run, tmp_path: Path) -> None:
    data, _ = planted("kitakyushu-shingata-influenza")
    model = tmp_path / "m.yaml"
    model.write_text(source.dump(data), encoding="utf-8")
    code, _, err = run_cli(
        "render",
        str(model),
        "--to",
        "pdf,html",
        "--out",
        str(tmp_path / "o"),
        "--allow-errors",
        "--form",
        "focused",
    )
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "m-focused-internal.html",
        "m-focused-internal.pdf",
    ]
    pdf = tmp_path / "o" / "m-focused-internal.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert edition.INTERNAL_MARK in pages[0]  # the cover
    assert all(edition.INTERNAL_MARK in p for p in pages[1:] if p.strip())  # every running title


def test_overlapping_paths_are_an_error_and_render_does_not_crash(run_cli: Run, tmp_path: Path) -> None:
    data = source.load(EXAMPLES / "kawasaki-kenko-zoshin.yaml").data
    data["withheld"] = [
        {"path": "files.0.storage", "reason": "r"},
        {"path": "files.0.storage.location", "reason": "r"},
    ]
    model = tmp_path / "m.yaml"
    model.write_text(source.dump(data), encoding="utf-8")
    code, out, _ = run_cli("validate", str(model))
    assert code == 1
    assert "「files.0.storage.location」は「files.0.storage」（1行目）と重なっています。" in out
    code, _, err = run_cli(
        "render",
        str(model),
        "--edition",
        "public",
        "--to",
        "html",
        "--out",
        str(tmp_path / "o"),
        "--allow-errors",
    )
    assert code == 0, err


def test_repeated_withheld_text_is_a_warning_naming_both(run_cli: Run, tmp_path: Path) -> None:
    data = source.load(EXAMPLES / "kitakyushu-shingata-influenza.yaml").data
    data["cover"]["title"] = "サーバ室はＢ棟地下二階の第三機械室にある"
    leaf = text_leaves({"files": data["files"]})[3]
    put(data, leaf, "サーバ室はB棟地下二階の第三機械室にある")
    data["withheld"] = [{"path": ".".join(map(str, leaf)), "reason": "r"}]
    model = tmp_path / "m.yaml"
    model.write_text(source.dump(data), encoding="utf-8")
    code, out, _ = run_cli("validate", str(model))
    warning = [line for line in out.splitlines() if "($.cover.title)" in line]
    assert warning and "警告: 公表しない「" in warning[0] and source.json_path(leaf) in warning[0]
