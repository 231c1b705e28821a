"""Validation of a loaded model against the form schema, with messages a privacy officer can act on."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any

import jsonschema

from piagen.findings import Finding, Severity
from piagen.model import dates, form
from piagen.model.source import Document, JsonPath, json_path

_TYPE_NAMES = {
    "string": "文字列",
    "integer": "整数",
    "boolean": "true か false",
    "object": "キーと値の組（マッピング）",
    "array": "リスト（- で始まる行）",
    "null": "空欄",
}


# Rule id of each JSON Schema keyword a model can break (listed in checks/registry.py).
RULE_OF_KEYWORD = {
    "additionalProperties": "V-unknown-key",
    "enum": "V-choice",
    "required": "V-required",
    "type": "V-type",
    "const": "V-model-version",
    "format": "V-date",
    "pattern": "V-id-pattern",
    "maxItems": "V-list-length",
    "minItems": "V-list-length",
    "minimum": "V-minimum",
}
OTHER_RULE = "V-schema"
NOT_MAPPING_RULE = "V-not-mapping"


def problem(doc: Document, rule: str, path: JsonPath, severity: Severity, message: str) -> Finding:
    """A finding of `rule` at `path`, located in its file and labelled as in the model's own form."""
    mark = doc.mark(path)
    label = form.label_in(doc.data, path)
    return Finding(rule, severity, message, json_path(path), label, mark.file, mark.line, mark.column)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("wareki", raises=dates.DateFormatError)(_check_date)
    return jsonschema.Draft202012Validator(form.schema(), format_checker=checker)


def _check_date(value: object) -> bool:
    if isinstance(value, str):
        dates.parse(value)
    return True


def schema_problems(doc: Document) -> list[Finding]:
    """Every schema violation in the model, translated."""
    if not isinstance(doc.data, dict):
        message = "モデルが空か、キーと値の組になっていません。先頭は「piagen: 1」です。"
        return [problem(doc, NOT_MAPPING_RULE, (), "error", message)]
    out: list[Finding] = []
    for err in _validator().iter_errors(doc.data):
        out.extend(_translate(doc, err))
    return out


def _translate(doc: Document, err: jsonschema.ValidationError) -> list[Finding]:
    path: JsonPath = tuple(err.absolute_path)
    kind = err.validator
    rule = RULE_OF_KEYWORD.get(str(kind), OTHER_RULE)
    if kind == "additionalProperties":
        return _unknown_keys(doc, path, err)
    if kind == "enum" and not isinstance(err.instance, str):
        shown = "、".join(str(v) for v in err.validator_value if v is not None)
        return [
            problem(
                doc,
                rule,
                path,
                "error",
                f"ここには選択肢の文言を1つ書きます（いまは{_describe(err.instance)}）。選択肢: {shown}",
            )
        ]
    if kind == "enum":
        return [problem(doc, rule, path, "error", _enum_message(err))]
    if kind == "required":
        missing = [k for k in err.validator_value if k not in err.instance]
        return [problem(doc, rule, path, "error", _required_message(path, k)) for k in missing]
    return [problem(doc, rule, path, "error", _message(err, path))]


def _unknown_keys(doc: Document, path: JsonPath, err: jsonschema.ValidationError) -> list[Finding]:
    allowed: dict[str, Any] = err.schema.get("properties", {})
    out = []
    for key in err.instance:
        if key in allowed:
            continue
        hint = _suggest(key, allowed)
        where = form.title(path) or "この階層"
        message = f"「{key}」は「{where}」にないキーです。{hint}"
        out.append(problem(doc, RULE_OF_KEYWORD["additionalProperties"], (*path, key), "error", message))
    return out


def _suggest(key: str, allowed: dict[str, Any]) -> str:
    by_title = {str(form.resolve(v).get("title", "")): k for k, v in allowed.items()}
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    if not close:
        close_title = difflib.get_close_matches(key, [t for t in by_title if t], n=1, cutoff=0.5)
        close = [by_title[close_title[0]]] if close_title else []
    if close:
        return f"「{close[0]}」の誤りではありませんか？"
    names = "、".join(allowed)
    return f"使えるキー: {names}"


def _enum_message(err: jsonschema.ValidationError) -> str:
    allowed = [v for v in err.validator_value if v is not None]
    shown = "、".join(f"{i}) {v}" for i, v in enumerate(allowed, start=1))
    close = difflib.get_close_matches(str(err.instance), [str(v) for v in allowed], n=1, cutoff=0.5)
    named = {name: key for key, name in form.FORM_NAMES.items()}
    if str(err.instance) in named and named[str(err.instance)] in allowed:
        close = [named[str(err.instance)]]
    hint = f"「{close[0]}」の誤りではありませんか？ " if close else ""
    if str(err.instance)[-1:].isdigit() and any(str(v).startswith(f"{err.instance},") for v in allowed):
        hint = '「,」を含む値は引用符で囲んでください（例: "1,000人以上"）。 '
    return f"「{err.instance}」は選択肢にありません。{hint}選択肢の文言どおりに書いてください: {shown}"


def _required_message(path: JsonPath, key: str) -> str:
    name = form.title((*path, key)) or key
    if key == "id":
        return "識別子 id がありません。版の比較で項目を対応づけるために、英数字の id を付けてください（例: id: sys1）。"
    return f"必須の項目「{name}」（{key}）がありません。"


def _message(err: jsonschema.ValidationError, path: JsonPath) -> str:
    kind, value = err.validator, err.validator_value
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        names = "・".join(_TYPE_NAMES.get(str(t), str(t)) for t in wanted if t != "null")
        return f"ここには{names}を書きます（いまは{_describe(err.instance)}）。"
    if kind == "const" and path == ("piagen",):
        return "モデル形式の版は「piagen: 1」です。"
    if kind == "format":
        return str(err.cause or err.message)
    if kind == "pattern":
        return f"識別子「{err.instance}」に使えない文字があります。英数字と - _ . で書いてください。"
    if kind == "maxItems":
        return f"{len(err.instance)}件あります。様式に書けるのは{value}件までです。"
    if kind == "minItems":
        return f"{value}件以上書いてください。"
    if kind == "minimum":
        return f"{value}以上の数を書いてください。"
    return f"値が正しくありません（{err.message}）。"


def _describe(value: Any) -> str:
    if value is None:
        return "空欄"
    if isinstance(value, bool):
        return f"真偽値 {str(value).lower()}"
    if isinstance(value, int):
        return f"数 {value}"
    if isinstance(value, str):
        return f"文字列「{value[:20]}」"
    if isinstance(value, list):
        return "リスト"
    return "キーと値の組"
