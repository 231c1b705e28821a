"""The review tests' shared base: 川崎市's published document with its real defects corrected (`clean()`,
no finding at all), one-change copies of it, and the findings as rows (code, severity, perspective, item
label, whole message). Group and rule ids refer to ../shared/reference/review-practice.md §2.4 and §2.5."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from piagen.model import source
from piagen.review import kit as review
from tests.shared import EXAMPLES, example

TODAY = dt.date(2025, 2, 1)
KAWASAKI = "kawasaki-kenko-zoshin"
Row = tuple[str, str, str | None, str, str]

D4 = "意見募集の期間は終わっています。「意見なし」「反映事項なし」など結果を明記してください（‐ や空欄では未記入と区別できません）。"
D5 = "「予定」の記載が残っています。実施した後は、実施した内容（日付・方法・結果）に改めてください。"
UNDATED = "変更日が空欄です。公表時には日付を書いてください。"
AFTER_NO_REASON = "事後の提出です。重要な変更に当たらない理由など、提出時期に係る説明を書いてください。"
NO_CAUSE = "この変更の原因（revision.causes）が記録されていません。"
LATE_SIGNIFICANT = "重要な変更が事後の提出になっています。緊急時の事後評価（規則第９条第２項）に当たらなければ、変更前に評価を再実施してください。"
OLD_DEPT = "健康福祉局保健医療政策部健康増進担当"
NEW_DEPT = "健康福祉局保健医療部健康づくり担当"
LOCATION = ("files", 0, "storage", "location")


def model(name: str = KAWASAKI) -> dict[str, Any]:
    return copy.deepcopy(example(name).data)


def clean() -> dict[str, Any]:
    """川崎市's published document with its four real defects corrected (no finding remains)."""
    data = model()
    comment = data["procedure"]["public_comment"]
    comment["method"] = comment["method"].replace("受付予定", "受け付けた")  # D5
    comment["period"] = "令和6年10月9日から11月8日までの31日間"  # D3: 31 days counted inclusively
    data["changes"][4]["date"] = "令和5年1月25日"  # D7: the one undated row of the 令和5年 rename
    for key in (
        "people",
        "handlers",
    ):  # the 基礎項目評価書's counting dates (its original is not in the seed)
        data["threshold"].setdefault(key, {})["as_of"] = "令和6年10月1日"
    for row in data["changes"]:
        if row.get("timing") == "事後" and not row.get("explanation"):
            row["explanation"] = "組織改正に伴う修正であり、重要な変更に当たらない。"  # E4
    return data


def put(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    if isinstance(data, list) and path[-1] == len(data):
        data.append(value)  # a new last row
    else:
        data[path[-1]] = value


def changed(*edits: tuple[tuple[str | int, ...], Any]) -> dict[str, Any]:
    data = clean()
    for path, value in edits:
        put(data, path, value)
    return data


def run(
    data: dict[str, Any],
    previous: dict[str, Any] | None = None,
    today: dt.date | None = TODAY,
    name: str = KAWASAKI,
) -> list[review.Finding]:
    doc = example(name)
    return review.run(source.Document(data, doc.marks, doc.main), previous, today)


def findings(
    data: dict[str, Any],
    previous: dict[str, Any] | None = None,
    today: dt.date | None = TODAY,
    name: str = KAWASAKI,
) -> list[Row]:
    found = run(data, previous, today, name)
    return [
        (code, f.severity, f.perspective, f.label, f.message)
        for code, f in zip(review.codes(found), found, strict=True)
    ]


def only(rows: list[Row], *ids: str) -> list[Row]:
    return [r for r in rows if r[0] in ids]


F = ("files", 0)
ITEM = (*F, "entrustment", "items", 0)
RISKS = (*F, "risks")
COMMENT = ("procedure", "public_comment")
R2 = (*RISKS, "acquisition", "r2")


def record(data: dict[str, Any], item: str, before: str, after: str) -> None:
    """A new 変更箇所 row for a change of this version, dated with its 公表日."""
    data["changes"].append(
        {"date": data["cover"]["published"], "item": item, "before": before, "after": after, "timing": "事前"}
    )


def moved(published: str | None = "令和7年4月1日", *, recorded: bool = True) -> dict[str, Any]:
    """The 保管場所 of file (1) moves to the cloud; a new 変更箇所 row records it unless not `recorded`."""
    data = clean()
    before = data["files"][0]["storage"]["location"]
    put(data, LOCATION, before + "\n・令和7年3月からガバメントクラウドに移行した。")
    if published is not None:
        data["cover"]["published"] = published
    if recorded:
        record(data, "Ⅱ ６．①保管場所", before, data["files"][0]["storage"]["location"])
    return data


def revised(effective: str, **cause: Any) -> dict[str, Any]:
    data = moved()
    data["revision"] = {
        "date": "令和7年4月1日",
        "causes": [
            {
                "id": "cloud",
                "text": "ガバメントクラウドへの移行",
                "effective": effective,
                "significant": True,
                **cause,
            }
        ],
    }
    return data


def renamed(data: Any, old: str = OLD_DEPT, new: str = NEW_DEPT) -> Any:
    if isinstance(data, dict):
        return {k: renamed(v, old, new) for k, v in data.items()}
    if isinstance(data, list):
        return [renamed(v, old, new) for v in data]
    return data.replace(old, new) if isinstance(data, str) else data


def renamed_everywhere() -> dict[str, Any]:
    """The rename applied to every item; the 変更箇所 history keeps the old name, as it must."""
    base = clean()
    history = base.pop("changes")
    data: dict[str, Any] = renamed(base)
    data["changes"] = history
    data["cover"]["published"] = "令和7年4月1日"
    return data


def review_json(
    run_cli: Callable[..., tuple[int, str, str]], name: str, *args: str
) -> tuple[int, dict[str, Any]]:
    code, out, err = run_cli("review", str(EXAMPLES / f"{name}.yaml"), "--format", "json", *args)
    assert err == ""
    return code, json.loads(out)


def rows_of(body: dict[str, Any]) -> list[Row]:
    return [(f["id"], f["severity"], f["perspective"], f["item"], f["message"]) for f in body["findings"]]


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(source.dump(data), encoding="utf-8")
    return path
