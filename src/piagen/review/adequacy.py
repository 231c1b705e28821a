"""妥当性: is the content concrete and consistent? (ratings, measures, contractors, cloud, departments)"""

from __future__ import annotations

import re
from collections.abc import Iterator

from piagen.findings import Finding
from piagen.model.fields import blank, files, get, keyed
from piagen.model.form import form_type
from piagen.review.context import Context, leaves


# ---- 妥当性: content ----
def ratings(c: Context) -> Iterator[Finding]:
    """C5/B-12 self-ratings: 特に力を入れている asks what; 課題が残されている asks for a plan; a
    favourable rating needs a described measure."""
    for path, value, parent in keyed(c.data, "rating"):
        texts = [v for p, v in leaves(parent, ()) if isinstance(v, str) and p[-1] not in ("rating", "status")]
        if value == "特に力を入れている":
            yield c.finding(
                "C5", "question", "妥当性", path, "「特に力を入れている」とした具体的な措置は何ですか。"
            )
        elif value == "課題が残されている":
            yield c.finding(
                "C5",
                "warning",
                "妥当性",
                path,
                "「課題が残されている」としています。改善の計画と時期を記載してください。",
            )
        if value in ("十分である", "特に力を入れている") and texts and all(blank(t) for t in texts):
            yield c.finding(
                "R12", "warning", "妥当性", path, f"「{value}」としていますが、措置の内容が書かれていません。"
            )


MEASURE_KEYS = {
    "measures",
    "non_subjects",
    "unnecessary",
    "identity",
    "authenticity",
    "accuracy",
    "addressing",
    "other_systems",
    "method",
    "content",
}


def concreteness(c: Context) -> Iterator[Finding]:
    """B-8/12 a measure described in a few words is a question for the committee."""
    for i, f in files(c.data):
        for path, value in leaves(f.get("risks"), ("files", i, "risks")):
            if (
                path[-1] in MEASURE_KEYS
                and isinstance(value, str)
                and not blank(value)
                and len(value.strip()) < 15
            ):
                yield c.finding(
                    "R8",
                    "question",
                    "妥当性",
                    path,
                    "措置の記載が短く、具体的な内容が読み取れません。",
                    value,
                )


def contractor_oversight(c: Context) -> Iterator[Finding]:
    """Contractor oversight: 委託する → Ⅲ４ describes the checks and the contract clause is 定めている."""
    for i, f in files(c.data):
        if get(f, "entrustment", "status") != "委託する":
            continue
        base = ("files", i, "risks", "entrustment")
        if form_type(c.data) == "full" and blank(get(f, "risks", "entrustment", "governance")):
            yield c.finding(
                "R10",
                "warning",
                "妥当性",
                (*base, "governance"),
                "委託していますが、委託先の情報保護管理体制の確認方法が書かれていません。",
            )
        if get(f, "risks", "entrustment", "contract", "status") not in ("定めている", None):
            yield c.finding(
                "R10",
                "warning",
                "妥当性",
                (*base, "contract", "status"),
                "委託契約書に特定個人情報ファイルの取扱いに関する規定を定めていません。",
            )


CLOUD = re.compile(r"クラウド|IaaS|PaaS|SaaS|ＩａａＳ")


CLOUD_TOPICS = (
    ("国内", r"国内|日本国内", "データを保管する場所（国内のデータセンターか）"),
    ("access", r"アクセス", "クラウド事業者による利用者データへのアクセスの制御"),
    ("erase", r"消去|削除|破棄", "契約終了時や機器交換時のデータ消去の方法"),
    (
        "cert",
        r"ISMAP|ＩＳＭＡＰ|ISO|ＩＳＯ|国際規格|認証",
        "クラウドサービスの認証（ISMAP、ISO/IEC 27017 等）",
    ),
    ("duty", r"責任", "地方公共団体・クラウド事業者・運用事業者の責任分担"),
)


def cloud_questions(c: Context) -> Iterator[Finding]:
    """C11/C12 cloud storage: the questions a committee asks, for each topic the text does not answer."""
    texts = [
        (p, v)
        for p, v in leaves(c.data, ())
        if isinstance(v, str) and p[:1] not in (("changes",), ("revision",))
    ]
    cloud = [(p, v) for p, v in texts if CLOUD.search(v)]
    if not cloud:
        return
    corpus = "\n".join(v for _, v in cloud)
    where, sample = cloud[0]
    for _, pattern, topic in CLOUD_TOPICS:
        if not re.search(pattern, corpus):
            yield c.finding(
                "C11",
                "question",
                "妥当性",
                where,
                f"クラウドを利用しています。{topic}について記載がありません。",
                sample,
            )
    for path, value in texts:
        if re.search(r"庁舎内|市庁舎", value) and re.search(
            r"消去.{0,10}(行わない|不要)|消去の委託は行わない", value
        ):
            yield c.finding(
                "C12",
                "question",
                "妥当性",
                path,
                "作業を庁舎内に限るため消去は不要としていますが、クラウド上のデータにも当てはまりますか。",
                value,
            )


def departments_agree(c: Context) -> Iterator[Finding]:
    """B-7 the 担当部署 (Ⅰ７) also appears among the files' 事務担当部署/使用部署."""
    head = get(c.data, "basic_info", "department", "name")
    if blank(head):
        return
    for i, f in files(c.data):
        shown = " ".join(
            str(v)
            for v in (get(f, "basic", "department"), get(f, "acquisition_use", "users", "departments"))
            if isinstance(v, str)
        )
        if shown and re.sub(r"\s", "", str(head)) not in re.sub(r"\s", "", shown):
            yield c.finding(
                "R7",
                "question",
                "妥当性",
                ("files", i, "basic", "department"),
                f"Ⅰ７．の担当部署「{str(head).strip()}」が、このファイルの事務担当部署・使用部署にありません。",
                shown,
            )
