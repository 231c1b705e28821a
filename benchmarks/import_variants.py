"""Import figures against extractions the importer was not tuned on. Each example is rendered to PDF by
piagen (attached model removed, as in import_roundtrip.py) and the same document is fed to the importer
as several differently-extracted inputs:

  pdf       the PDF itself, read by piagen.importers.pdf (pypdfium2 with positions)
  raw       `pdftotext -raw -enc UTF-8` (poppler, content-stream reading order)
  layout    `pdftotext -layout -enc UTF-8` (poppler, columns kept side by side with spaces)
  pdfium    pypdfium2's plain page text (`get_text_range`, one string per page)
  noisy     the text of `raw` with extraction artefacts applied by `noisy()` (seeded, see there):
            HTML tags around lines, a page header/footer block at every page break, runs of spaces
            between cells turned into tabs

Each is scored like import_roundtrip.py: the share of the example's leaf values that the form prints
and that come back exactly. Usage: python benchmarks/import_variants.py [--missed N] [--only V,V] [NAME …]
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_roundtrip import in_form, rendered  # noqa: E402
from import_seeds import ROOT, score  # noqa: E402

from piagen.importers import pdf, published  # noqa: E402
from piagen.importers import text as text_importer  # noqa: E402
from piagen.model import form, source  # noqa: E402

SEED = 14


def pdftotext(raw: bytes, *flags: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(raw)
        f.flush()
        out = subprocess.run(
            ["pdftotext", *flags, "-enc", "UTF-8", f.name, "-"], check=True, capture_output=True
        )
    return out.stdout.decode("utf-8")


def pdfium_text(raw: bytes) -> str:
    doc = pdfium.PdfDocument(raw)
    pages = []
    for page in doc:
        tp = page.get_textpage()
        pages.append(tp.get_text_range())
        tp.close()
        page.close()
    doc.close()
    # pdfium ends lines with CRLF; a page break is a form feed, as in pdftotext's output
    return "\f".join(pages).replace("\r\n", "\n")


def noisy(text: str, seed: int = SEED) -> str:
    """Artefacts of published text extractions (HTML converters, copy from a viewer), applied to a
    page-separated text (form feeds) with a seeded random generator, so every run gives the same text:
      - each page break becomes a footer line "- N -" and a header line with the document's title
        line (the first non-empty line) and "N / total" (a header repeated inside a value);
      - every fifth non-empty line (randomly chosen) is wrapped in <p>…</p>, some with a <br> inside
        at a random place, some lines get &nbsp; / &amp; entities where they have spaces / "&";
      - two or more spaces between cells become a tab."""
    rng = random.Random(seed)
    pages = text.split("\f")
    title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        if n > 1:
            out.append(f"{title}　{n} / {len(pages)}")
        for line in page.splitlines():
            line = re.sub(r"(?<=\S) {2,}(?=\S)", "\t", line)
            if line.strip() and rng.random() < 0.2:
                if len(line) > 6 and rng.random() < 0.3:
                    cut = rng.randrange(1, len(line) - 1)
                    line = f"{line[:cut]}<br>{line[cut:]}"
                line = f"<p>{line}</p>"
            out.append(line)
        out.append(f"- {n} -")
    return "\n".join(out)


VARIANTS: dict[str, Callable[[bytes], tuple[str, bytes]]] = {
    "pdf": lambda raw: ("pdf", raw),
    "raw": lambda raw: ("text", pdftotext(raw, "-raw").encode()),
    "layout": lambda raw: ("text", pdftotext(raw, "-layout").encode()),
    "pdfium": lambda raw: ("text", pdfium_text(raw).encode()),
    "noisy": lambda raw: ("text", noisy(pdftotext(raw, "-raw")).encode()),
}


def printed_values(data: dict[str, Any], kind: str) -> dict[str, Any]:
    """The example's values that the `kind` PDF prints (as import_roundtrip.measure counts them)."""
    printed = in_form(data, (), kind)
    if kind != "basic":
        band = ((data.get("threshold") or {}).get("people") or {}).get("band")
        printed["threshold"] = {"people": {"band": band}} if band else {}
    for page in printed.get("annex_flow") or []:
        if isinstance(page, dict) and page.get("figure") == "generated":
            page.pop("figure_text", None)
    return printed


def imported(how: str, content: bytes) -> published.Imported:
    return pdf.read(content) if how == "pdf" else text_importer.read(content)


def measure(
    model: Path, folder: Path, variants: list[str]
) -> dict[str, tuple[int, int, list[str], float, str]]:
    """Per variant: hits, total, missed lines, import seconds, error (empty when it imported)."""
    data: dict[str, Any] = source.load(model).data
    kind = form.form_type(data)
    raw = rendered(model, kind, folder)
    want = printed_values(data, kind)
    out: dict[str, tuple[int, int, list[str], float, str]] = {}
    for name in variants:
        how, content = VARIANTS[name](raw)
        started = time.perf_counter()
        try:
            got = imported(how, content)
        except Exception as e:  # noqa: BLE001 - a benchmark reports every failure, a bug or not
            out[name] = (0, 1, [], time.perf_counter() - started, f"{type(e).__name__}: {e}"[:120])
            continue
        took = time.perf_counter() - started
        per, missed = score(want, got.models[0].data if got.models else {})
        out[name] = (sum(c[0] for c in per.values()), sum(c[1] for c in per.values()), missed, took, "")
    return out


def main(args: list[str]) -> None:
    n = int(args[args.index("--missed") + 1]) if "--missed" in args else 0
    only = args[args.index("--only") + 1].split(",") if "--only" in args else list(VARIANTS)
    skip = {args[args.index(f) + 1] for f in ("--missed", "--only") if f in args}
    names = [a for a in args if not a.startswith("--") and a not in skip]
    models = [ROOT / "examples" / f"{m}.yaml" for m in names] or sorted((ROOT / "examples").glob("*.yaml"))
    print(f"{'example':32}" + "".join(f"{v:>16}" for v in only))
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for model in models:
            got = measure(model, Path(tmp), only)
            cells = []
            for v in only:
                hits, total, missed, took, error = got[v]
                cells.append(f"{'ERROR':>9} {took:5.1f}s" if error else f"{hits / total:7.1%} {took:5.1f}s")
                if error:
                    errors.append(f"{model.stem} {v}: {error}")
            print(f"{model.stem:32}" + "".join(f"{c:>16}" for c in cells), flush=True)
            for v in only:
                for line in got[v][2][:n]:
                    print(f"    {v} missed {line}")
    for line in errors:
        print("error", line)


if __name__ == "__main__":
    main(sys.argv[1:])
