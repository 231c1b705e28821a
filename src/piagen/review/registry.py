"""Every check of `piagen review` in one place: the rule ids it reports, what each checks and the
perspective (適合性 procedure, 妥当性 content), in the order the checks run. Review ids are the codes
of the review checklist (review-practice.md §2.5); every validate finding is also a review finding
under its `V-` id (checks/registry.py). A new review check is a function in conformity.py or
adequacy.py and one line here; docs/checks.md is generated from this table."""

from __future__ import annotations

from piagen.findings import Check, Registry, Rule
from piagen.review import adequacy, conformity
from piagen.review.context import Check as ReviewCheck

RULES = (
    Rule(
        "E2",
        "A 全項目評価 the threshold requires has 意見聴取 (Ⅵ２) and 第三者点検 (Ⅵ３) filled.",
        "E2",
        "適合性",
    ),
    Rule(
        "D4",
        "After the comment period, ④主な意見の内容 and ⑤評価書への反映 state the result (not ‐ or blank).",
        "D4",
        "適合性",
    ),
    Rule("D5", "No 予定 is left in Ⅵ of a published version (a question for a draft).", "D5", "適合性"),
    Rule(
        "D6",
        "The 公表日 is written and refreshed when the content changed (against the previous version, or the last dated 変更箇所 row).",
        "D6",
        "適合性",
    ),
    Rule("D2", "The 基礎項目評価 実施日 is refreshed when the assessment was done again.", "D2", "適合性"),
    Rule(
        "D9",
        "The しきい値 counting date is not more than a year before the 基礎項目評価 実施日.",
        "D9",
        "適合性",
    ),
    Rule(
        "A7",
        "Against the previous version: a 重要な変更 is filed 事前 (unless 規則第９条第２項), and every ※ change is judged.",
        "A7",
        "適合性",
    ),
    Rule("E6", "Against the previous version: changes come with new 変更箇所 rows.", "E6", "適合性"),
    Rule(
        "E5", "Against the previous version: a renamed department is renamed in every item.", "E5", "適合性"
    ),
    Rule("T1", "The yearly review (努力義務) is due: a year has passed since the 公表日.", "", "適合性"),
    Rule(
        "T5",
        "The re-assessment (規則第15条, 努力義務) is due: five years have passed since the 公表日.",
        "",
        "適合性",
    ),
    Rule(
        "C5",
        "Self-ratings: 特に力を入れている asks which measure; 課題が残されている asks for a plan.",
        "C5",
        "妥当性",
    ),
    Rule(
        "R12",
        "A favourable rating (十分である, 特に力を入れている) has its measure described.",
        "B-12",
        "妥当性",
    ),
    Rule("R8", "A measure is described in more than a few words.", "B-8", "妥当性"),
    Rule(
        "R10",
        "委託する: the 委託先's management is checked (全項目) and the contract has the clause (定めている).",
        "",
        "妥当性",
    ),
    Rule(
        "C11",
        "Cloud storage: data location, provider access, erasure, certification and responsibilities are described.",
        "C11",
        "妥当性",
    ),
    Rule("C12", "Cloud storage: 'work only in the building, so no erasure' is questioned.", "C12", "妥当性"),
    Rule("R7", "The 担当部署 (Ⅰ７) appears among each file's 事務担当部署 / 使用部署.", "B-7", "妥当性"),
)

REGISTRY: Registry[ReviewCheck] = Registry(
    "review",
    RULES,
    [
        Check(conformity.mandatory_procedure, ("E2",)),
        Check(conformity.comment_results, ("D4",)),
        Check(conformity.planned_wording, ("D5",)),
        Check(conformity.stale_dates, ("D6", "D2")),
        Check(conformity.unrefreshed_dates, ("D6", "D2")),
        Check(conformity.counting_date, ("D9",)),
        Check(conformity.significant_changes, ("A7", "E6")),
        Check(conformity.department_renames, ("E5",)),
        Check(conformity.overdue, ("T1", "T5")),
        Check(adequacy.ratings, ("C5", "R12")),
        Check(adequacy.concreteness, ("R8",)),
        Check(adequacy.contractor_oversight, ("R10",)),
        Check(adequacy.cloud_questions, ("C11", "C12")),
        Check(adequacy.departments_agree, ("R7",)),
    ],
)
