"""Scale benchmark of `piagen build`: a generated portfolio of 60 models (varied from the examples,
all sharing one fragment, the 中間サーバー's description), built from an empty part cache, then
again after that shared fragment changed. Prints wall time, peak memory (the command and its
largest layout process) and the cost per document. Run: `.venv/bin/python benchmarks/portfolio.py`
(optionally a model count). The figures depend on the machine's load: say so when quoting them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from piagen.model import source  # noqa: E402

BASES = ("kawasaki-kenko-zoshin", "kitakyushu-shingata-influenza", "takatsuki-juki", "takatsuki-yobou-sesshu")
SHARED = "shared/chukan-server.yaml"
SENTINEL = "@@SHARED-CHUKAN@@"
DEPARTMENTS = ("市民課", "保険年金課", "健康づくり推進課", "子ども育成課", "福祉政策課", "税務課")
MIDDLE = (
    "１．符号管理機能\n情報照会、情報提供に用いる個人の識別子である「符号」と、情報保有機関内で個人を特定するために"
    "利用する「団体内統合宛名番号」とを紐付け、その情報を保管・管理する機能。\n２．情報照会機能\n"
    "情報提供ネットワークシステムを介して、特定個人情報（連携対象）の情報照会及び照会した情報の受領を行う機能。\n"
)


def _vary(data: dict[str, Any], n: int) -> dict[str, Any]:
    """Model `n`: its own number, title and department, and the shared 中間サーバー."""
    cover = data["cover"]
    cover["number"] = 100 + n
    cover["title"] = f"{cover['title']}（見本 {n}）"
    department = data["basic_info"].get("department")
    if isinstance(department, dict):
        department["name"] = f"見本部{DEPARTMENTS[n % len(DEPARTMENTS)]}{n}"
    systems = data["basic_info"].setdefault("systems", [])
    middle = [s for s in systems if "中間サーバー" in str(s.get("name"))]
    if middle:
        middle[0]["function"] = SENTINEL
    else:
        systems.append({"id": "shared-chukan", "name": "中間サーバー", "function": SENTINEL})
    return data


def generate(folder: Path, count: int) -> None:
    models = {b: source.load(ROOT / "examples" / f"{b}.yaml").data for b in BASES}
    (folder / "shared").mkdir(parents=True)
    (folder / SHARED).write_text(source.dump(MIDDLE), encoding="utf-8")
    for n in range(count):
        base = BASES[n % len(BASES)]
        data = _vary(json.loads(json.dumps(models[base])), n)
        text = re.sub(f"'?{SENTINEL}'?", f"!include {SHARED}", source.dump(data))
        (folder / f"{n:02d}-{base}.yaml").write_text(text, encoding="utf-8")
    (folder / "piagen-project.yaml").write_text("name: 見本市\norganization: 見本市長\n", encoding="utf-8")


def build(folder: Path, cache: Path) -> dict[str, float]:
    env = {**os.environ, "PIAGEN_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "measure.py"),
            "build",
            str(folder),
            "--today",
            "2025-06-01",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    result: dict[str, float] = json.loads([x for x in done.stderr.splitlines() if x.startswith("{")][-1])
    if result["exit"] not in (0, 1):
        raise SystemExit(f"piagen build failed:\n{done.stderr[-3000:]}")
    return result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "portfolio", Path(tmp) / "cache"
        generate(folder, count)
        cold = build(folder, cache)
        shared = folder / SHARED
        shared.write_text(
            source.dump(MIDDLE + "３．情報提供機能\n情報照会を受けた特定個人情報を提供する機能。\n")
        )
        warm = build(folder, cache)
        pdfs = len(list((folder / "out").glob("*.pdf")))
    cores = os.cpu_count()
    print(f"portfolio: {count} models, {pdfs} PDFs (公表版), {cores} cores")
    for name, r in (("empty cache", cold), ("shared fragment changed", warm)):
        print(
            f"  {name:24s} {r['seconds']:7.1f} s  {r['seconds'] / count:5.2f} s/document  "
            f"peak {r['peak_mib']:.0f} MiB (command) / {r['child_peak_mib']:.0f} MiB (largest layout process)"
        )


if __name__ == "__main__":
    main()
