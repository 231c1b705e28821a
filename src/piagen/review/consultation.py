"""The 諮問書 (consultation of the 第三者点検 body) drafted from the model, so it cannot disagree with it.

Its rows and the four paragraphs of 目的・理由 follow the 高槻市 諮問書 of 2022 (seed 003, see
../shared/reference/review-practice.md §1.3); the body and its legal basis are the model's
`consultation` settings, because they differ between municipalities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from piagen import threshold
from piagen.model import form
from piagen.model.fields import blank, entries, get, mapping
from piagen.model.form import form_type

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ATTACHED = "別紙「特定個人情報保護評価書」のとおり"


@dataclass(frozen=True)
class Consultation:
    """The 諮問書 as rows of label and text, in printed order."""

    heading: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]


def _numbered(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return "\n".join(f"{CIRCLED[i] if i < len(CIRCLED) else i + 1} {n}" for i, n in enumerate(names))


def _text(value: Any, default: str = "") -> str:
    return default if blank(value) else str(value).strip()


def _plain(value: Any, default: str) -> str:
    """A name for a list: its first line, without the （１） it may carry (the list numbers it)."""
    text = _text(value, default).splitlines()[0]
    return re.sub(r"^[（(][0-9０-９]+[）)]\s*", "", text)


def draft(data: dict[str, Any]) -> Consultation:
    """The 諮問書 (案) for the model's 第三者点検."""
    c = mapping(data.get("consultation"))
    kind = form.FORM_NAMES[form_type(data)]
    task = _text(c.get("task_name"), _text(get(data, "basic_info", "task", "name"), "（業務名）"))
    body = _text(c.get("body"), "（第三者点検を行う機関）")
    provision = _text(c.get("provision"), "（根拠規定）")
    files = [_plain(f.get("name"), "（名称未記入）") for _, f in entries(data, "files")]
    systems = [_plain(s.get("name"), "（名称未記入）") for _, s in entries(data, "basic_info", "systems")]
    rows = (
        ("諮 問 件 名", f"「特定個人情報保護評価書（{kind}）」に係る第三者点検について"),
        ("業 務 名", task),
        (
            "諮 問 課",
            _text(c.get("departments"), _text(get(data, "basic_info", "department", "name"), "（諮問課）")),
        ),
        ("特定個人情報ファイルの名称", _numbered(files)),
        ("特定個人情報ファイルを取り扱うシステム", _numbered(systems)),
        ("目 的 ・ 理 由", "\n".join(_purpose(data, task, body, provision))),
        ("処 理 概 要", ATTACHED),
        ("保 護 措 置", ATTACHED),
        ("備 考", ""),
    )
    heading = ("諮問書", f"{provision}に規定する", "特定個人情報保護評価書に関する事項")
    return Consultation(heading, rows)


def _purpose(data: dict[str, Any], task: str, body: str, provision: str) -> list[str]:
    why = _why(data)
    return [
        "　行政手続における特定の個人を識別するための番号の利用等に関する法律（番号法）第２８条の規定により、特定個人情報ファイルを保有しようとする地方公共団体の機関は、"
        "特定個人情報ファイルの保有・利用に伴って生じるリスクを分析し、そのリスクを軽減するための適切な措置を講ずる内容等を、「特定個人情報保護評価書」に記載し、公表することとされています。",
        "　" + why,
        "　" + _trigger(data, task),
        f"　このたび、{'パブリックコメント後の手続として、' if _text(get(data, 'procedure', 'public_comment', 'period')) else ''}"
        f"上記の「第三者点検」を実施するため、{provision}の規定により、{body}へ諮問するものです。",
    ]


def _why(data: dict[str, Any]) -> str:
    decision = threshold.from_model(data)
    if form_type(data) != "full":
        return "本事務は重点項目評価書を作成するものであり、「住民からの意見募集」及び「第三者点検」は任意に実施するものです。"
    if decision is not None and decision.people_band == "30万人以上":
        return (
            "「しきい値判断」の結果に基づき、対象人数が３０万人以上の特定個人情報ファイルを取り扱う事務については、"
            "「住民からの意見募集」及び「第三者点検」の実施が義務付けられています。"
        )
    if decision is not None and decision.certain and decision.result == "basic+full":
        return "「しきい値判断」の結果、基礎項目評価及び全項目評価の実施が義務付けられ、「住民からの意見募集」及び「第三者点検」を行うこととされています。"
    return "本事務は任意に全項目評価を実施するものであり、その手続として「住民からの意見募集」及び「第三者点検」を行うものです。"


def _trigger(data: dict[str, Any], task: str) -> str:
    c = mapping(data.get("consultation"))
    previous = [str(d) for d in c.get("previous_publications") or [] if not blank(d)]
    causes = [x for x in (get(data, "revision", "causes") or []) if isinstance(x, dict)]
    reasons = "、".join(_text(x.get("text")) for x in causes if not blank(x.get("text")))
    significant = any(x.get("significant") is True for x in causes)
    period = _text(get(data, "procedure", "public_comment", "period"))
    parts = []
    if previous:
        parts.append(
            f"本市では、{task}について、{'及び'.join(previous)}に基礎項目評価書及び全項目評価書を公表しました。"
        )
    if reasons:
        parts.append(f"今般、{reasons}に伴い、特定個人情報ファイルの取扱いが変更されます。")
    if significant:
        parts.append("これは、特定個人情報保護評価の再実施が義務付けられる「重要な変更」にあたることから、")
    if period:
        parts.append(f"改めて評価を行うとともに、{period}、パブリックコメントを実施したところです。")
    else:
        parts.append("改めて評価を行いました。")
    return "".join(parts)
