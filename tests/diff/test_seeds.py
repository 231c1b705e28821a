"""Real data: rebuild earlier versions of the examples from their own 変更箇所 tables and check that
`diff` reproduces each row's 項目, 変更前, 変更後 and, given the causes, 提出時期.

The agreement rates are printed (pytest -s) and guarded by lower bounds measured when the mapping was
written; tests/seed_changes/README.md explains every disagreement."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from piagen.diff import compare as diff
from piagen.model import source
from tests.shared import ROOT

MAPPINGS = sorted((ROOT / "tests" / "seed_changes").glob("*.yaml"))
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
# Lower bounds (fraction of mapped rows) per example: found, 項目 skeleton, 変更前, 変更後, 提出時期.
# Measured on 2026-11-22; every disagreement is explained in tests/seed_changes/README.md.
FLOORS: dict[str, dict[str, float]] = {
    "kawasaki-kenko-zoshin": {"item": 0.81, "before": 0.97, "after": 0.93, "timing": 0.68},
    "kitakyushu-shingata-influenza": {"item": 1.0, "before": 0.9, "after": 0.9, "timing": 1.0},
    "takatsuki-juki": {"item": 0.61, "before": 0.73, "after": 0.5, "timing": 1.0},
    "takatsuki-yobou-sesshu": {"item": 0.95, "before": 0.97, "after": 0.97, "timing": 0.76},
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "").translate(FULLWIDTH)


def skeleton(item: str) -> list[str]:
    """The numbering of an item path: roman section, numbers, circled numbers."""
    return re.findall(r"[ⅠⅡⅢⅣⅤⅥ]|[0-9]+|[①-⑳]", (item or "").translate(FULLWIDTH))


def _steps(dotted: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in dotted.split(".")]


def get(data: Any, dotted: str) -> Any:
    for step in _steps(dotted):
        data = data[step]
    return data


def put(data: Any, dotted: str, value: Any) -> None:
    *parents, last = _steps(dotted)
    for step in parents:
        data = data[step]
    data[last] = value


def fragments(text: str) -> list[str]:
    return [f.strip() for f in re.split(r"（省略）|（略）|…", text or "") if f.strip()]


# 変更前 cells that quote nothing: the 変更後 text did not exist before (川崎市 rows 44, 45, 51, 52).
NOTHING_BEFORE = {"右記を追記", "記載なし", "（記載なし）"}


def nothing_before(seed: dict[str, Any]) -> bool:
    return squash(seed.get("before", "")) in NOTHING_BEFORE


def undo(data: dict[str, Any], row: dict[str, Any], seed: dict[str, Any]) -> None:
    """Put a row's 変更前 back into the model (the inverse of the change the row records)."""
    how, path = row["how"], row["path"]
    if how == "added":
        parent, index = path.rsplit(".", 1)
        get(data, parent).pop(int(index))
    elif how == "set":
        put(data, path, None if nothing_before(seed) else seed["before"])
    elif how == "checks":
        put(data, path, {k: True for k in seed["before"].split("、") if k})
    elif how == "replace":
        current = get(data, path)
        if nothing_before(seed):  # the quoted 変更後 was appended: take it out again, with its line break
            after = fragments(seed["after"])[0]
            at = current.translate(FULLWIDTH).index(after.translate(FULLWIDTH))
            end = at + len(after)
            if at and current[at - 1] == "\n":
                at -= 1
            elif current[end : end + 1] == "\n":
                end += 1
            put(data, path, current[:at] + current[end:])
            return
        for before, after in zip(fragments(seed["before"]), fragments(seed["after"]), strict=True):
            if (
                before == after
            ):  # unchanged context (川崎市 row 19 quotes the cell heading （備考）): nothing to put back
                continue
            before, after = _locatable(before, after, current.translate(FULLWIDTH), row["row"])
            # Full-width and half-width digits are the same text here; the translation keeps lengths.
            at = current.translate(FULLWIDTH).index(after.translate(FULLWIDTH))
            current = current[:at] + before + current[at + len(after) :]
        put(data, path, current)


def _locatable(before: str, after: str, text: str, row: int) -> tuple[str, str]:
    """The quoted fragment, or, when the table paraphrases the text (北九州市 row 9 quotes
    「番号法第19条第17号」 for 「番号法別表第2及び第19条第17号」), its longest tail found in the text."""
    if after.translate(FULLWIDTH) in text:
        return before, after
    shift = len(after) - len(before)
    # A head both quotes share (a label the table repeats, 高槻市 「②システムの機能\n４．…\n：」) is dropped from
    # both; aligning on the tail there would cut 変更前 `shift` characters off.
    shared = next(
        (i for i, (b, a) in enumerate(zip(before, after, strict=False)) if b != a),
        min(len(before), len(after)),
    )
    for start in range(1, len(after) - 3):
        if after[start:].translate(FULLWIDTH) in text and start <= shared:
            return before[start:], after[start:]
        if after[start:].translate(FULLWIDTH) in text and 0 <= start - shift <= len(before):
            return before[start - shift :], after[start:]
    raise AssertionError(f"row {row}: 「{after[:30]}」 is not in the model text")


@dataclass
class Tally:
    rows: int = 0
    found: int = 0
    item: int = 0
    before: int = 0
    after: int = 0
    timing: int = 0
    misses: list[str] = field(default_factory=list)

    def rate(self, name: str) -> float:
        return getattr(self, name) / self.rows if self.rows else 1.0


def evaluate(mapping_path: Path) -> Tally:
    mapping = source.load(mapping_path).data
    current = source.load(ROOT / "examples" / mapping["example"]).data
    seeds = current["changes"]
    tally = Tally()
    for revision in mapping["revisions"]:
        rows = [
            r
            for r in mapping["rows"]
            if seeds[r["row"] - 1].get("date") == revision["date"] and r["how"] != "skip"
        ]
        old = copy.deepcopy(current)
        for row in sorted(rows, key=lambda r: (r["how"] != "added", -r["row"])):
            undo(old, row, seeds[row["row"] - 1])
        causes = [
            {**c, "items": [r["path"] for r in rows if r.get("cause") == c["id"]]} for c in revision["causes"]
        ]
        new = {**copy.deepcopy(current), "revision": {"date": revision["date"], "causes": causes}}
        result = diff.compare(old, new)
        for row in rows:
            _score(tally, row, seeds[row["row"] - 1], result)
        current = old
    return tally


def _score(tally: Tally, row: dict[str, Any], seed: dict[str, Any], result: diff.Result) -> None:
    tally.rows += 1
    dotted = row["path"]
    hits = [c for c in result.changes if ".".join(map(str, c.path)) == dotted]
    if not hits:
        tally.misses.append(f"row {row['row']}: no diff row at {dotted}")
        return
    ours = hits[0]
    tally.found += 1
    checks = {
        "item": skeleton(ours.item) == skeleton(seed.get("item", "")),
        "before": all(squash(f) in squash(ours.before) for f in fragments(seed.get("before", "")))
        or row["how"] == "added"
        or nothing_before(seed),
        "after": all(squash(f) in squash(ours.after) for f in fragments(seed.get("after", "")))
        or row["how"] == "added",
        "timing": ours.timing == seed.get("timing"),
    }
    for name, ok in checks.items():
        setattr(tally, name, getattr(tally, name) + ok)
        if not ok:
            theirs = seed.get(name if name != "timing" else "timing")
            mine = {"item": ours.item, "before": ours.before, "after": ours.after, "timing": ours.timing}[
                name
            ]
            tally.misses.append(
                f"row {row['row']} {name}: seed「{str(theirs)[:60]}」 piagen「{str(mine)[:60]}」"
            )


@pytest.mark.parametrize("mapping", MAPPINGS, ids=lambda p: p.stem)
def test_diff_reproduces_seed_change_tables(mapping: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tally = evaluate(mapping)
    rates = {name: tally.rate(name) for name in ("found", "item", "before", "after", "timing")}
    with capsys.disabled():
        print(f"\n{mapping.stem}: {tally.rows} rows; " + ", ".join(f"{k} {v:.0%}" for k, v in rates.items()))
        for miss in tally.misses:
            print("   ", miss)
    assert tally.rows > 0
    assert rates["found"] == 1.0, tally.misses
    for name, floor in FLOORS.get(mapping.stem, {}).items():
        assert rates[name] >= floor, (name, tally.misses)
