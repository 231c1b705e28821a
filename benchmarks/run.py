"""Benchmarks: validate, diff and render of the largest example, and LibreOffice for comparison.

Prints figures and ratios; run with `make bench`. Each command runs in a fresh process, as a user
runs it. The PDF is timed three ways: with an empty part cache (the first render of a model), after
one item was edited (the usual case while drafting: one section is laid out again), and unchanged.
LibreOffice is optional: without `soffice` the ratio is not printed."""

from __future__ import annotations

import copy
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LARGEST = ROOT / "examples" / "takatsuki-juki.yaml"  # 3 files, 58 提供先, 47 移転先, 96 変更箇所 rows
SECOND = ROOT / "examples" / "kawasaki-kenko-zoshin.yaml"


def measure(*args: str, cache: Path | None = None) -> dict[str, float]:
    env = {**os.environ, "PIAGEN_CACHE_DIR": str(cache)} if cache else None
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "measure.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
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
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start


def main() -> None:
    # An installed piagen has its bytecode compiled (pip does it); an editable one may not, when
    # PYTHONDONTWRITEBYTECODE is set: compile it, so every run measures the same thing.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, capture_output=True
    )
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        print(f"largest example: {LARGEST.relative_to(ROOT)}")
        seconds, peak = median(5, "validate", str(LARGEST))
        print(f"validate (whole command, median of 5): {seconds:.2f} s, peak {peak:.0f} MiB")
        changed = modified_copy(tmp)
        seconds, peak = median(
            3, "diff", str(LARGEST), str(changed), "--format", "json", "--out", str(tmp / "d.json")
        )
        print(f"diff of two versions (whole command, median of 3): {seconds:.2f} s, peak {peak:.0f} MiB")
        for model in (LARGEST, SECOND):
            render_pdf(model, tmp)


def edited(data: dict[str, Any], n: int) -> dict[str, Any]:
    """The model with one item changed (the 請求方法 of Ⅴ 開示請求): one section to lay out again."""
    out = copy.deepcopy(data)
    request = out["disclosure"]["request"]
    request["method"] = f"{request.get('method') or ''}（改訂{n}）"
    return out


def render_pdf(model: Path, tmp: Path) -> None:
    """Cold (empty part cache), unchanged (warm cache), one item edited (warm cache); Excel; LibreOffice."""
    from piagen.model import source

    data = source.load(model).data
    flat = tmp / f"{model.stem}.yaml"  # includes resolved: the edited copies below differ by one item only
    flat.write_text(source.dump(data), encoding="utf-8")
    out = tmp / model.stem
    args = ("--form", "full", "--to", "pdf", "--out", str(out), "--allow-errors")
    cold, unchanged, edit = [], [], []
    for run in range(3):
        cache = tmp / f"cache-{model.stem}-{run}"
        cold.append(measure("render", str(flat), *args, cache=cache)["seconds"])
        unchanged.append(measure("render", str(flat), *args, cache=cache)["seconds"])
        changed = tmp / f"{model.stem}-edited{run}.yaml"
        changed.write_text(source.dump(edited(data, run)), encoding="utf-8")
        edit.append(measure("render", str(changed), *args, cache=cache)["seconds"])
    peak = measure("render", str(flat), *args, "--no-cache")["peak_mib"]
    xlsx_run = measure(
        "render", str(flat), "--form", "full", "--to", "xlsx", "--out", str(out), "--allow-errors"
    )
    pdf = out / f"{model.stem}-full-internal.pdf"
    figures = {
        "cold (empty part cache)": statistics.median(cold),
        "one item edited (warm cache)": statistics.median(edit),
        "unchanged (warm cache)": statistics.median(unchanged),
    }
    print(
        f"{model.stem}: {pages(pdf)} pages, {pdf.stat().st_size / 1e6:.2f} MB; parent's peak {peak:.0f} MiB; Excel {xlsx_run['seconds']:.2f} s"
    )
    runs = [libreoffice(out / f"{model.stem}-full-internal.xlsx", tmp / "lo") for _ in range(3)]
    office = statistics.median(r for r in runs if r is not None) if None not in runs else None
    for name, seconds in figures.items():
        ratio = f"; ratio piagen/LibreOffice = {seconds / office:.2f}" if office else ""
        print(f"  PDF {name}, median of 3: {seconds:.2f} s{ratio}")
    if office is None:
        print("  LibreOffice not installed: no comparison")
    else:
        lo_pages = pages(tmp / "lo" / f"{model.stem}-full-internal.pdf")
        print(f"  LibreOffice converting piagen's Excel, median of 3: {office:.2f} s ({lo_pages} pages)")


if __name__ == "__main__":
    main()
