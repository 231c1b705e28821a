"""Consistency of the bands a model states: 対象人数, 対象となる本人の数, 使用者数 and 取扱者数 (B5–B7)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from piagen import threshold
from piagen.findings import Located
from piagen.model import form
from piagen.model.fields import count_of, entries, files, get
from piagen.model.form import form_type

# ---- B5–B7: bands ----
# Bands of ②対象となる本人の数 (files, 委託事項) and of 使用者数 / 取扱者数 (schema/forms.yaml).
PERSONS = form.BANDS["persons"]
USERS_LOW = {band: low for band, (low, _) in form.BANDS["users"].items()}


def people_bands(data: dict[str, Any]) -> Iterator[Located]:
    """B5 対象人数 and each file's 対象となる本人の数 are compatible; count matches band; focused limits."""
    band = get(data, "threshold", "people", "band")
    count = count_of(get(data, "threshold", "people", "count"))
    count = None if count is not None and count < 0 else count  # the schema reports a negative count
    if count is not None and band and threshold.band_of(count) != band:
        yield (
            ("threshold", "people", "band"),
            "error",
            f"対象人数 {count:,}人は「{threshold.band_of(count)}」です（いまは「{band}」）。",
        )
    band = threshold.band_of(count) if count is not None else band
    if form_type(data) == "focused" and band == "30万人以上":
        yield (
            ("threshold", "people", "band"),
            "error",
            "対象人数が30万人以上の事務は全項目評価が義務付けられます。重点項目評価書には書けません。",
        )
    if band not in threshold.PEOPLE_BANDS:
        return
    low, high = threshold.PEOPLE_BANDS[band]
    spans = [(i, PERSONS[p]) for i, f in files(data) if (p := get(f, "basic", "people")) in PERSONS]
    for i, (f_low, _) in spans:
        if high is not None and f_low >= high:
            yield (
                ("files", i, "basic", "people"),
                "error",
                f"ファイルの対象となる本人の数が、事務全体の対象人数（{band}）を超えています。",
            )
    if spans and len(spans) == len(files(data)):
        highs = [h for _, (_, h) in spans]
        if None not in highs and low >= sum(h for h in highs if h is not None):
            yield (
                ("threshold", "people", "band"),
                "error",
                f"対象人数（{band}）が、全ファイルの対象となる本人の数の合計を超えています。",
            )


def entrust_people(data: dict[str, Any]) -> Iterator[Located]:
    """B7 each 委託事項's 対象となる本人の数 ≤ its file's ②対象となる本人の数."""
    for i, f in files(data):
        file_band = PERSONS.get(str(get(f, "basic", "people")))
        for j, item in entries(f, "entrustment", "items"):
            sub = PERSONS.get(str(item.get("scope_people")))
            if file_band and sub and file_band[1] is not None and sub[0] >= file_band[1]:
                yield (
                    ("files", i, "entrustment", "items", j, "scope_people"),
                    "error",
                    "委託する範囲の本人の数が、ファイルの対象となる本人の数を超えています。",
                )


def handlers_vs_users(data: dict[str, Any]) -> Iterator[Located]:
    """B6 使用者数 and 委託先の取扱者数 are compatible with 取扱者数 (500人)."""
    if get(data, "threshold", "handlers", "band") != "500人未満":
        return
    for i, f in files(data):
        users = USERS_LOW.get(str(get(f, "acquisition_use", "users", "count")), 0)
        contractors = sum(
            USERS_LOW.get(str(e.get("handlers")), 0) for _, e in entries(f, "entrustment", "items")
        )
        if users + contractors >= 500:
            yield (
                ("threshold", "handlers", "band"),
                "error",
                (
                    f"取扱者数が「500人未満」ですが、ファイル（{i + 1}）の使用者数と委託先の取扱者数の合計が少なくとも{users + contractors}人です。"
                ),
            )
