"""Benchmarks: validate, diff and render of the largest example, and LibreOffice for comparison.

Prints figures and ratios; run with `make bench`. Each command runs in a fresh process (cold), as a
user runs it. LibreOffice is optional: without `soffice` the ratio is not printed."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LARGEST = ROOT / "examples" / "takatsuki-juki.yaml"  # 3 files, 58 提供先, 47 移転先, 96 変更箇所 rows
SECOND = ROOT / "examples" / "kawasaki-kenko-zoshin.yaml"


def measure(*args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "measure.py"), *args], capture_output=True, text=True, cwd=ROOT)
    line = [x for x in done.stderr.splitlines() if x.startswith("{")][-1]
    result = json.loads(line)
    if result["exit"] not in (0, 1):
        raise SystemExit(f"piagen {' '.join(args)} failed:\n{done.stderr}")
    return result


def median(runs: int, *args: str) -> tuple[float, float]:
    results = [measure(*args) for _ in range(runs)]
    return statistics.median(r["seconds"] for r in results), max(r["peak_mib"] for r in results)


def modified_copy(tmp: Path) -> Path:
    """The largest example with ten items changed (a realistic revision)."""
    text = LARGEST.read_text(encoding="utf-8")
    for old, new in (("十分である", "特に力を入れている"), ("市民課", "市民窓口課")):
        text = text.replace(old, new, 5)
    target = tmp / LARGEST.name
    target.write_text(text, encoding="utf-8")
    for part in (LARGEST.parent / "takatsuki-juki").iterdir():
        (tmp / "takatsuki-juki").mkdir(exist_ok=True)
        shutil.copy(part, tmp / "takatsuki-juki" / part.name)
    return target


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def libreoffice(xlsx: Path, out: Path) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    start = time.perf_counter()
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(xlsx)], capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        print(f"largest example: {LARGEST.relative_to(ROOT)}")
        seconds, peak = median(5, "validate", str(LARGEST))
        print(f"validate (whole command, median of 5): {seconds:.2f} s, peak {peak:.0f} MiB")
        changed = modified_copy(tmp)
        seconds, peak = median(3, "diff", str(LARGEST), str(changed), "--format", "json", "--out", str(tmp / "d.json"))
        print(f"diff of two versions (whole command, median of 3): {seconds:.2f} s, peak {peak:.0f} MiB")
        for model in (LARGEST, SECOND):
            out = tmp / model.stem
            pdf_run = measure("render", str(model), "--form", "full", "--to", "pdf", "--out", str(out), "--allow-errors")
            xlsx_run = measure("render", str(model), "--form", "full", "--to", "xlsx", "--out", str(out), "--allow-errors")
            pdf = out / f"{model.stem}-full.pdf"
            print(f"{model.stem}: PDF {pdf_run['seconds']:.2f} s cold ({pages(pdf)} pages, peak {pdf_run['peak_mib']:.0f} MiB); Excel {xlsx_run['seconds']:.2f} s")
            office = libreoffice(out / f"{model.stem}-full.xlsx", tmp / "lo")
            if office is None:
                print("  LibreOffice not installed: no comparison")
            else:
                lo_pages = pages(tmp / "lo" / f"{model.stem}-full.pdf")
                print(f"  LibreOffice converting piagen's Excel: {office:.2f} s ({lo_pages} pages); ratio piagen/LibreOffice = {pdf_run['seconds'] / office:.2f}")


if __name__ == "__main__":
    main()
