"""What `piagen build` shows: progress lines, the summary table and the JSON report (text and data
only; the command line prints them and supplies the times)."""

from __future__ import annotations

import unicodedata
from typing import Any

from piagen.findings import Finding
from piagen.portfolio.build import Finished
from piagen.portfolio.crosscheck import as_json as cross_json
from piagen.portfolio.folder import Entry
from piagen.portfolio.summary import Row

OUTCOME_NAMES = {
    "built": "出力",
    "unchanged": "変更なし",
    "invalid": "エラーのため出力せず",
    "failed": "出力に失敗",
    "bug": "内部エラー",
}


def duration(seconds: float) -> str:
    """A duration as people read it: 8秒, 1分05秒, 1時間02分."""
    s = round(seconds)
    if s < 60:
        return f"{s}秒"
    if s < 3600:
        return f"{s // 60}分{s % 60:02d}秒"
    return f"{s // 3600}時間{s % 3600 // 60:02d}分"


def progress_line(done: int, total: int, event: Finished, took: float, left: float | None) -> str:
    """`[3/60] name 出力（12秒） 残り約 4分10秒`."""
    state = OUTCOME_NAMES[event.outcome]
    spent = f"（{duration(took)}）" if event.outcome == "built" else ""
    rest = f" 残り約 {duration(left)}" if left is not None and done < total else ""
    return f"[{done}/{total}] {event.name} {state}{spent}{rest}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(rows: list[Row], outcomes: dict[str, str]) -> str:
    """The summary table: one line per 評価書, columns padded for a terminal (full-width counted as 2)."""
    head = ["番号", "モデル", "様式", "公表日", "次回見直し", "判断待ち", "エラー", "警告", "結果"]
    body = [
        [
            r.number or "－",
            r.name,
            r.form or "－",
            r.published or "－",
            r.next_review or "－",
            str(r.open_decisions),
            str(r.errors),
            str(r.warnings),
            OUTCOME_NAMES.get(outcomes.get(r.name, ""), "－"),
        ]
        for r in rows
    ]
    widths = [max(_width(line[i]) for line in [head, *body]) for i in range(len(head))]
    lines = [
        "  ".join(_pad(c, w) for c, w in zip(line, widths, strict=True)).rstrip() for line in [head, *body]
    ]
    return "\n".join([lines[0], "-" * max(map(_width, lines)), *lines[1:]]) + "\n"


def json_report(
    entries: list[Entry],
    rows: list[Row],
    outcomes: dict[str, Finished],
    findings: dict[str, list[Finding]],
    written: dict[str, list[str]],
) -> dict[str, Any]:
    """The build as `--format json` prints it: each document with its problems and files, and the
    cross-document findings."""
    problems = {e.name: [p.as_json() for p in e.problems] for e in entries}
    documents = []
    for r in rows:
        done = outcomes.get(r.name)
        documents.append(
            {
                **r.as_json(),
                "outcome": done.outcome if done else None,
                "message": done.message if done else "",
                "files": written.get(r.name, []),
                "problems": problems.get(r.name, []),
                "cross_document": [f.as_json() for f in findings.get(r.name, [])],
            }
        )
    return {"documents": documents, "cross_document": cross_json(findings)}
