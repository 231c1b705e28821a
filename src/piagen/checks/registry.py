"""Every rule of `piagen validate` in one place: its stable id, what it checks, and the check that
reports it, in the order the checks run. A new consistency rule is a function in rules.py (or
bands.py, timeline.py) and one line here; docs/checks.md is generated from this table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from piagen.checks import bands, basic_items, rules, timeline
from piagen.findings import Check, Located, Registry, Rule
from piagen.model.source import LOAD_RULE

RuleCheck = Callable[[dict[str, Any]], Iterator[Located]]


def _one(rule_id: str, summary: str, run: RuleCheck, ref: str = "") -> tuple[Rule, Check[RuleCheck]]:
    return Rule(rule_id, summary, ref), Check(run, (rule_id,))


# Reported while loading (model/source) and by the JSON Schema translation (checks/schema).
STAGES = (
    Rule(
        LOAD_RULE,
        "The file can be read: UTF-8, size and nesting caps, YAML syntax, no duplicate key, !include inside the model's folder.",
    ),
    Rule("V-not-mapping", "The model is a mapping that starts with `piagen: 1`."),
    Rule("V-model-version", "The model format version is `piagen: 1`."),
    Rule(
        "V-unknown-key", "Every key exists at its place in the form (with a suggestion for a misspelt key)."
    ),
    Rule("V-required", "Every required item is present (ids of list entries included)."),
    Rule("V-choice", "A choice is one of the official option texts, written exactly."),
    Rule("V-type", "A value has the type the item takes (text, number, true/false, list, mapping)."),
    Rule("V-date", "A date is a readable date (和暦 or western, e.g. 令和7年1月20日)."),
    Rule("V-id-pattern", "An id uses only letters, digits and - _ ."),
    Rule("V-list-length", "A list has no more entries than the form has rows, and at least the minimum."),
    Rule("V-minimum", "A number is not below its minimum (e.g. a negative count)."),
    Rule("V-schema", "Any other violation of the form schema."),
)

CONSISTENCY = (
    _one(
        "V-withheld-path",
        "Every 公表しない部分 (withheld) entry names an item of the model.",
        rules.withheld_paths,
    ),
    _one(
        "V-withheld-overlap",
        "No two 公表しない部分 (withheld) entries overlap (one inside the other).",
        rules.withheld_overlap,
    ),
    _one(
        "V-withheld-repeated",
        "A withheld text (current, or earlier as the 変更箇所 records it) is not repeated in a published item (warning naming both).",
        rules.withheld_repeated,
    ),
    _one(
        "V-entrust-count",
        "委託の有無（N）件 equals the number of 委託事項, and the status agrees with the list.",
        rules.entrust_count,
        "B1",
    ),
    _one(
        "V-provision-count",
        "提供・移転（N）件 equals the number of 提供先 / 移転先 listed; 行っていない is not checked with them.",
        rules.provision_count,
        "B2, B3",
    ),
    _one(
        "V-subcontract-details",
        "再委託する has ⑧許諾方法 and ⑨再委託事項; each 委託事項 names its 委託先 (and, in 全項目, how it was checked).",
        rules.subcontract_details,
        "C1, C10",
    ),
    _one(
        "V-subcontractor-rating",
        "Ⅲ４ 再委託先による…確保 agrees with the 委託事項' 再委託する／しない.",
        rules.subcontractor_rating,
        "C2",
    ),
    _one("V-other-text", "A checked その他 has its text in （　）.", rules.other_has_text, "C9"),
    _one(
        "V-linkage-basis",
        "情報連携 実施する has ②法令上の根拠, and not both 接続しない boxes checked.",
        rules.linkage_basis,
        "C8",
    ),
    _one(
        "V-incident-details",
        "重大事故 発生あり has its content and 再発防止策; 死者の個人番号 保管している has the method.",
        rules.incident_details,
        "C4, C6",
    ),
    _one(
        "V-negative-reason",
        "定めていない／行っていない／記録を残していない … has the reason or alternative measure written beside it.",
        rules.negative_needs_reason,
        "C3",
    ),
    _one(
        "V-entrust-flags",
        "Ⅲ４ 委託しない and Ⅲ５ 提供・移転しない agree with Ⅱ４ and Ⅱ５.",
        rules.entrust_flags,
    ),
    _one(
        "V-people-bands",
        "対象人数 agrees with its count, with each file's 対象となる本人の数 and with the form (重点項目 < 30万人).",
        bands.people_bands,
        "B5",
    ),
    _one(
        "V-entrust-people",
        "A 委託事項's 対象となる本人の数 does not exceed its file's.",
        bands.entrust_people,
        "B7",
    ),
    _one(
        "V-handlers-users",
        "取扱者数 500人未満 agrees with the files' 使用者数 and the 委託先's 取扱者数.",
        bands.handlers_vs_users,
        "B6",
    ),
    _one(
        "V-date-order",
        "保有開始日 ≤ 使用開始日, 変更日 ≤ 公表日, 意見聴取 → 第三者点検 → 公表日, 意見聴取 at least 30 days.",
        timeline.date_order,
        "D1, D3, D6, D8",
    ),
    _one(
        "V-threshold-stated",
        "The stated しきい値判断結果 agrees with the decision the しきい値判断項目 lead to, in the form's wording.",
        timeline.threshold_stated,
    ),
    _one(
        "V-national-only",
        "承認日 and Ⅵ４ 個人情報保護委員会の承認 are written by 行政機関等 only.",
        timeline.approval_only_for_national,
        "E3",
    ),
    _one(
        "V-change-rows",
        "Each 変更箇所 row has a date and a 提出時期, and a 事後 row its explanation.",
        timeline.change_rows,
        "D7, E4",
    ),
    _one("V-unique-ids", "ids are unique within each list.", rules.unique_ids),
    _one(
        "V-form-version", "The declared 様式 version exists for the declared form type.", rules.version_fits
    ),
    _one(
        "V-basic-items",
        "Every item of the 基礎項目評価書 is stated or derived from the full/focused form (warning; an error for a model of the 基礎項目評価書 alone). Told once the model has files, the right shape and no error.",
        basic_items.basic_items,
        "B8",
    ),
)
# Rules about what is still to be written: run once the model's shape and consistency are right.
AFTER_CONSISTENT = frozenset({"V-basic-items"})

REGISTRY: Registry[RuleCheck] = Registry(
    "validate", [*STAGES, *(rule for rule, _ in CONSISTENCY)], [check for _, check in CONSISTENCY]
)
