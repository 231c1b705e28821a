"""Round trip on piagen's own output: render each example to PDF, remove the attached model, import
the PDF's text layer, and count the example's leaf values that come back exactly; with the import time
and pages per second. Usage: python benchmarks/import_roundtrip.py [--missed N] [NAME …]"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_seeds import ROOT, score  # noqa: E402

from piagen.importers import pdf  # noqa: E402
from piagen.model import form, source  # noqa: E402


def rendered(model: Path, kind: str, folder: Path) -> bytes:
    """The PDF piagen renders for `model`, without its attached model."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "piagen",
            "render",
            str(model),
            "--form",
            kind,
            "--to",
            "pdf",
            "--allow-errors",
            "--out",
            str(folder),
        ],
        check=True,
        capture_output=True,
    )
    raw = next(folder.glob(f"{model.stem}-{kind}-internal.pdf")).read_bytes()
    return stripped(raw)


def stripped(raw: bytes) -> bytes:
    doc = pdfium.PdfDocument(raw)
    while doc.count_attachments():
        doc.del_attachment(0)
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def measure(model: Path, folder: Path) -> tuple[int, int, list[str], float, int]:
    data: dict[str, Any] = source.load(model).data
    kind = form.form_type(data)
    raw = rendered(model, kind, folder)
    started = time.perf_counter()
    imported = pdf.read(raw)
    assert not imported.attached
    took = time.perf_counter() - started
    pages = len(pdfium.PdfDocument(raw))
    printed = in_form(data, (), kind)
    if kind != "basic":
        # The しきい値 items are the 基礎項目評価書's (取扱者数, 重大事故, いつ時点の計数か are not in a
        # full or focused PDF); the band of 対象人数 is printed there as Ⅰ ③対象人数.
        band = ((data.get("threshold") or {}).get("people") or {}).get("band")
        printed["threshold"] = {"people": {"band": band}} if band else {}
    for page in printed.get("annex_flow") or []:
        if isinstance(page, dict) and page.get("figure") == "generated":
            # the figure piagen draws from the model is printed, not the text transcribed from the
            # published one (the template prints figure_text only where no figure is drawn)
            page.pop("figure_text", None)
    per, missed = score(printed, imported.models[0].data if imported.models else {})
    return sum(c[0] for c in per.values()), sum(c[1] for c in per.values()), missed, took, pages


def in_form(node: Any, path: tuple[Any, ...], kind: str) -> Any:
    """The values of `node` that the `kind` form prints (an item whose x-forms leave that form out,
    e.g. 重点項目/基礎項目's ８．監査 実施の有無 in a 全項目評価書, is not in its PDF)."""
    if isinstance(node, list):
        return [in_form(v, (*path, n), kind) for n, v in enumerate(node)]
    if not isinstance(node, dict):
        return node
    return {
        k: in_form(v, (*path, k), kind)
        for k, v in node.items()
        if (path == () and k in ("piagen", "form"))
        or form.node_at((*path, k)) is None
        or kind in form.forms_of((*path, k))
    }


def main(args: list[str]) -> None:
    n = int(args[args.index("--missed") + 1]) if "--missed" in args else 0
    names = [a for a in args if not a.startswith("--") and not a.isdigit()]
    models = [ROOT / "examples" / f"{m}.yaml" for m in names] or sorted((ROOT / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        for model in models:
            hits, total, missed, took, pages = measure(model, Path(tmp))
            print(f"{model.stem}: {hits}/{total} = {hits / total:.1%}; {pages} pages in {took:.2f} s")
            for line in missed[:n]:
                print("    missed", line)


def speed(pages_wanted: int = 100) -> None:
    """Import time of a PDF of `pages_wanted` pages (the rendered examples put end to end)."""
    with tempfile.TemporaryDirectory() as tmp:
        merged = pdfium.PdfDocument.new()
        for model in sorted((ROOT / "examples").glob("*.yaml"), key=lambda p: -p.stat().st_size):
            if len(merged) >= pages_wanted:
                break
            kind = form.form_type(source.load(model).data)
            part = pdfium.PdfDocument(rendered(model, kind, Path(tmp)))
            take = min(len(part), pages_wanted - len(merged))
            merged.import_pages(part, list(range(take)))
        out = io.BytesIO()
        merged.save(out)
        raw = out.getvalue()
    best = min(_timed(raw) for _ in range(3))
    print(f"speed: {len(pdfium.PdfDocument(raw))} pages imported in {best:.2f} s (best of 3)")


def _timed(raw: bytes) -> float:
    started = time.perf_counter()
    pdf.read(raw)
    return time.perf_counter() - started


if __name__ == "__main__":
    if "--speed" in sys.argv:
        speed()
    else:
        main(sys.argv[1:])
