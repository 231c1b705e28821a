"""Import each seed (published 評価書 as extracted text) and compare with the hand-made example of the
same document: the share of the example's leaf values reproduced exactly (whitespace-normalised),
per section. Usage: python benchmarks/import_seeds.py [SEEDS_DIR] [--missed N]"""

from __future__ import annotations

import copy
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from piagen.importers import text as text_importer
from piagen.importers.labels import norm
from piagen.model import form, source

ROOT = Path(__file__).resolve().parent.parent
# CI has shared/ beside the clone; a worktree under wt/ has it two levels up.
SEEDS = next(
    (p for p in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds") if p.is_dir()),
    ROOT.parent / "shared" / "seeds",
)
EXAMPLES = {
    "000": ["kashiwa-yobou-sesshu"],
    "002": ["kitakyushu-shingata-influenza"],
    "003": ["takatsuki-yobou-sesshu", "takatsuki-juki"],
    "004": ["kawasaki-kenko-zoshin"],
}
_WS = re.compile(r"\s+")
# Settings of the model that are never printed as text, so no published document can give them back:
# the （別添１） figure is a file name or `generated` (piagen draws it); the figure itself is an image.
NOT_IN_PRINT = {("annex_flow", "figure")}


def leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """The printed leaf values of a model (ids and unprinted bookkeeping left out)."""
    if path and path[0] in ("piagen", "form"):
        return
    if path and (path[0], path[-1]) in NOT_IN_PRINT:
        return
    if path and not isinstance(path[-1], int) and form.node_at(path) is not None and not form.forms_of(path):
        return
    if isinstance(node, dict):
        for key, sub in node.items():
            if key != "id":
                yield from leaves(sub, (*path, key))
    elif isinstance(node, list):
        for n, sub in enumerate(node):
            yield from leaves(sub, (*path, n))
    elif node is not None:
        yield path, node


def same(a: Any, b: Any) -> bool:
    return _WS.sub("", str(a)) == _WS.sub("", str(b))


def get(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return None
            node = node[step]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(step)
    return node


def section(path: tuple[Any, ...]) -> str:
    if path[0] == "files" and len(path) > 2:
        return f"files.{path[2]}"
    return str(path[0])


def paired(example: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    """`got` with its 変更箇所 rows put in the example's order. Rows are records (extracted text does
    not keep the printed order of a table that runs over pages), so each example row is paired with
    an imported row by content: best pairs first (most cells agreeing), each row used once, a pair
    only when at least two cells agree. Greedy in the example's order would let one early mismatch
    push every later row off its partner."""
    out = dict(got)
    for key in ("changes",):
        want, have = example.get(key) or [], list(got.get(key) or [])
        if not want or not have:
            continue
        agree = [
            (sum(same(h.get(f), v) for f, v in row.items()), -abs(w - n), w, n)
            for w, row in enumerate(want)
            for n, h in enumerate(have)
            if isinstance(h, dict)
        ]
        ordered: list[Any] = [{} for _ in want]
        used_w: set[int] = set()
        used_h: set[int] = set()
        for count, _, w, n in sorted(agree, reverse=True):
            if count < 2:
                break
            if w in used_w or n in used_h:
                continue
            ordered[w] = have[n]
            used_w.add(w)
            used_h.add(n)
        out[key] = ordered
    return out


def score(example: dict[str, Any], got: dict[str, Any]) -> tuple[dict[str, list[int]], list[str]]:
    got = paired(example, got)
    per: dict[str, list[int]] = {}
    missed: list[str] = []
    for path, value in leaves(example):
        hit = same(get(got, path), value)
        cell = per.setdefault(section(path), [0, 0])
        cell[0] += hit
        cell[1] += 1
        if not hit:
            missed.append(
                f"{'.'.join(map(str, path))}: want {str(value)[:50]!r} got {str(get(got, path))[:50]!r}"
            )
    return per, missed


def uncertain(doc: source.Document) -> list[tuple[Any, ...]]:
    """The paths the example's transcriber marked `# uncertain` (a reading of scrambled text that is
    a guess, e.g. which system a loose tick belongs to): the key on the comment's line, or, for a
    comment on a line of its own, the key on the next line that holds one."""
    lines = doc.texts.get(doc.main, "").splitlines()
    at: dict[int, list[tuple[Any, ...]]] = {}
    for path, mark in doc.marks.items():
        if mark.file == doc.main and path and isinstance(path[-1], str):
            at.setdefault(mark.line, []).append(tuple(path))
    found = []
    for n, text in enumerate(lines, start=1):
        if "# uncertain" not in text:
            continue
        line = n
        if text.lstrip().startswith("#"):
            line = next((k for k in range(n + 1, len(lines) + 1) if k in at), 0)
        if line in at:
            found.append(min(at[line], key=len))
    return found


def certain(doc: source.Document) -> dict[str, Any]:
    """The example without the leaves its transcriber marked uncertain."""
    data = copy.deepcopy(doc.data)
    for path in uncertain(doc):
        parent = get(data, path[:-1])
        if isinstance(parent, dict):
            parent[path[-1]] = None
    return data


def match(models: list[dict[str, Any]], example: dict[str, Any]) -> dict[str, Any]:
    name = norm(str(get(example, ("basic_info", "task", "name")) or ""))
    for model in models:
        if norm(str(get(model, ("basic_info", "task", "name")) or "")) == name:
            return model
    return models[0] if models else {}


def run(seeds: Path, show_missed: int = 0) -> dict[str, float]:
    shares: dict[str, float] = {}
    for prefix, names in EXAMPLES.items():
        seed = next(seeds.glob(f"{prefix}_*.txt"), None)
        if seed is None:
            continue
        started = time.perf_counter()
        imported = text_importer.read(seed.read_bytes())
        took = time.perf_counter() - started
        models = [m.data for m in imported.models]
        for name in names:
            doc = source.load(ROOT / "examples" / f"{name}.yaml")
            example = doc.data
            per, missed = score(example, match(models, example))
            hits, total = sum(c[0] for c in per.values()), sum(c[1] for c in per.values())
            shares[name] = hits / total
            sure, _ = score(certain(doc), match(models, example))
            s_hits, s_total = sum(c[0] for c in sure.values()), sum(c[1] for c in sure.values())
            print(
                f"{seed.name} → {name}: {hits}/{total} = {hits / total:.1%} ({took:.2f} s); "
                f"leaves not marked uncertain by the transcriber: {s_hits}/{s_total} = {s_hits / s_total:.1%}"
            )
            for sec, (h, t) in per.items():
                print(f"    {sec:32} {h:4}/{t:<4} {h / t:6.1%}")
            for line in missed[:show_missed]:
                print("      missed", line)
    return shares


if __name__ == "__main__":
    args = sys.argv[1:]
    n = int(args[args.index("--missed") + 1]) if "--missed" in args else 0
    paths = [a for a in args if not a.startswith("--") and not a.isdigit()]
    run(Path(paths[0]) if paths else SEEDS, n)
