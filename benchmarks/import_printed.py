"""Import of a 評価書 printed from its workbook, as real published PDFs are (the PPC's 様式 is an
Excel/Word form, filled in and printed by hand): render each example to Excel, print the workbook with
LibreOffice, import that PDF's text layer and count the example's leaf values that come back exactly,
per section, with the import time. Usage: python benchmarks/import_printed.py [--missed N] [--keep FOLDER] [--margins] [--centred | --bottom] [NAME …]
(--keep: leave the workbooks and PDFs in FOLDER to look at; --margins: print every sheet with a
running header and page numbers; --centred: every cell's text centred vertically; --bottom: every
cell's text at the bottom of its cell, Excel's default)"""

from __future__ import annotations

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
from piagen.render import forms as render  # noqa: E402


def printed(
    models: list[Path], folder: Path, margins: bool = False, centred: bool | str = False
) -> dict[str, Path]:
    """Each model's workbook (its own form) printed to PDF by one LibreOffice run; with `margins`,
    every sheet given a running header and page numbers first, as many offices print theirs; with
    `centred`, every cell's text centred vertically (a label level with the middle of its value), or
    set at the bottom of its cell when `centred` is "bottom" (Excel's default alignment)."""
    books = folder / "books"
    books.mkdir(exist_ok=True)
    for model in models:
        data = source.load(model).data
        book = render.render(data, form.form_type(data), ("xlsx",))["xlsx"]
        book = with_margins(book) if margins else book
        (books / f"{model.stem}.xlsx").write_bytes(
            with_centred_cells(book, "bottom" if centred == "bottom" else "center") if centred else book
        )
    profile = (folder / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(folder / "pdf"), *sorted(str(p) for p in books.glob("*.xlsx"))],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return {m.stem: folder / "pdf" / f"{m.stem}.pdf" for m in models}


def with_margins(book: bytes) -> bytes:
    """The workbook with a header (the document's name, the sheet's name) and a footer (「- 3 -」,
    「3 / 49」) on every sheet: Excel's own header and footer fields, printed in the page margins."""
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(book))
    for ws in wb.worksheets:
        ws.oddHeader.left.text = "特定個人情報保護評価書"
        ws.oddHeader.right.text = "&A"
        ws.oddFooter.center.text = "- &P -"
        ws.oddFooter.right.text = "&P / &N"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_centred_cells(book: bytes, vertical: str = "center") -> bytes:
    """The workbook with every cell's text centred vertically, as many hand-made workbooks have it
    (or with `vertical` another alignment: "bottom")."""
    import copy
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(book))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    alignment = copy.copy(cell.alignment)
                    alignment.vertical = vertical
                    cell.alignment = alignment
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def expected(data: dict[str, Any]) -> dict[str, Any]:
    """The leaves a printout of the model's own form shows (as in import_roundtrip)."""
    kind = form.form_type(data)
    out = {
        k: v
        for k, v in data.items()
        if k in ("piagen", "form") or kind in form.forms_of((k,)) or k == "threshold"
    }
    if kind != "basic":
        out["threshold"] = {k: v for k, v in (data.get("threshold") or {}).items() if k == "people"}
    return out


def measure(model: Path, raw: bytes, show_missed: int) -> float:
    data = source.load(model).data
    started = time.perf_counter()
    imported = pdf.read(raw)
    took = time.perf_counter() - started
    pages = len(pdfium.PdfDocument(raw))
    got = imported.models[0].data if imported.models else {}
    per, missed = score(expected(data), got)
    hits, total = sum(c[0] for c in per.values()), sum(c[1] for c in per.values())
    flag = " (taken as piagen's own PDF!)" if imported.attached else ""
    print(f"{model.stem}: {hits}/{total} = {hits / total:.1%}; {pages} pages in {took:.2f} s{flag}")
    for sec, (h, t) in per.items():
        print(f"    {sec:32} {h:4}/{t:<4} {h / t:6.1%}")
    for line in missed[:show_missed]:
        print("      missed", line)
    return hits / total


def main(args: list[str]) -> dict[str, float]:
    n = int(args[args.index("--missed") + 1]) if "--missed" in args else 0
    keep = args[args.index("--keep") + 1] if "--keep" in args else None
    names = [a for a in args if not a.startswith("--") and not a.isdigit() and a != keep]
    models = [ROOT / "examples" / f"{m}.yaml" for m in names] or sorted((ROOT / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(keep) if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pdfs = printed(
            models,
            folder,
            margins="--margins" in args,
            centred="bottom" if "--bottom" in args else "--centred" in args,
        )
        return {m.stem: measure(m, pdfs[m.stem].read_bytes(), n) for m in models}


if __name__ == "__main__":
    main(sys.argv[1:])
