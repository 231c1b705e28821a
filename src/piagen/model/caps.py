"""The caps on what one text value of a model may hold, each with its Japanese reason: control
characters (invalid in XML, the Excel and PDF outputs), runs without a line-break opportunity (the
layout cost grows with the square of their length) and over-long integers."""

from __future__ import annotations

import re

MAX_DIGITS = 100  # an integer longer than this is no count or amount of a form
MAX_RUN = 1000  # characters without a line-break opportunity
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Japanese text breaks between any two characters; Latin letters, digits and symbols only at spaces.
_UNBREAKABLE = re.compile(
    r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]{" + str(MAX_RUN + 1) + ",}"
)


def text_problem(value: str) -> str | None:
    """Why the text `value` cannot be in a model (None when it can)."""
    control = _CONTROL.search(value)
    if control:
        return f"使えない制御文字（U+{ord(control.group()):04X}）があります。削除してください。"
    long_run = _UNBREAKABLE.search(value) if len(value) > MAX_RUN else None
    if long_run:
        return (
            f"空白や改行の位置のない英数字などの連続が長すぎます（{len(long_run.group()):,} 文字、"
            f"上限 {MAX_RUN:,} 文字）。途中に空白を入れてください。"
        )
    return None


def integer_problem(digits: str) -> str | None:
    """Why the integer written `digits` cannot be in a model (None when it can)."""
    if len(digits.lstrip("+-")) > MAX_DIGITS:
        return f"数の桁数が多すぎます（上限 {MAX_DIGITS} 桁）。"
    return None
