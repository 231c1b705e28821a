"""The deadline calendar, parsed back with the `icalendar` library: every review, re-assessment,
意見聴取 period and 第三者点検 of the examples, stable UIDs, RFC 5545 folding and escaping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar

from piagen import portfolio
from piagen.portfolio import calendar, folder

TODAY = dt.date(2025, 6, 1)


def _export(folder_path: Path, stamp: dt.datetime) -> bytes:
    entries = folder.load(folder_path, folder.model_files(folder_path))
    return portfolio.ics(portfolio.events(entries, TODAY), "見本市", stamp)


def _category(event: Any) -> str:
    return str(event["CATEGORIES"].cats[0])


def _events(data: bytes) -> dict[tuple[str, str], Any]:
    parsed = icalendar.Calendar.from_ical(data)
    return {(str(e["SUMMARY"]).split(": ")[0], str(e["UID"])): e for e in parsed.walk("VEVENT")}


def test_every_deadline_of_the_examples(portfolio_dir: Path) -> None:
    data = _export(portfolio_dir, dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC))
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    by = {(_category(e), str(e["SUMMARY"]).split("（評価書番号 ")[-1][:-1]): e for e in events}
    assert len(events) == len(by) == 12
    review = by[("評価書の見直し（1年ごと）", "42")]
    assert review.decoded("DTSTART") == dt.date(2025, 10, 4)  # 公表日 令和3年10月4日, next anniversary
    assert review.decoded("DTEND") == dt.date(2025, 10, 5)
    assert by[("評価の再実施（公表から5年）", "42")].decoded("DTSTART") == dt.date(2026, 10, 4)
    assert by[("評価の再実施（公表から5年）", "59")].decoded("DTSTART") == dt.date(2030, 1, 20)
    comment = by[("国民・住民等からの意見の聴取", "1")]  # 令和４年１０月３日から令和４年１１月２日
    assert (comment.decoded("DTSTART"), comment.decoded("DTEND")) == (
        dt.date(2022, 10, 3),
        dt.date(2022, 11, 3),
    )
    assert "令和４年１０月３日から令和４年１１月２日" in str(comment["DESCRIPTION"])
    checked = by[("第三者点検", "1")]  # 令和４年１２月予定: the whole month
    assert (checked.decoded("DTSTART"), checked.decoded("DTEND")) == (
        dt.date(2022, 12, 1),
        dt.date(2023, 1, 1),
    )
    assert "高槻市　住民基本台帳事務　全項目評価書" in str(checked["SUMMARY"])
    # takatsuki-juki has no 公表日: no review dates, only its procedure dates
    assert ("評価書の見直し（1年ごと）", "1") not in by


def test_a_re_export_keeps_every_uid(portfolio_dir: Path) -> None:
    first = _events(_export(portfolio_dir, dt.datetime(2025, 6, 1, tzinfo=dt.UTC)))
    second = _events(_export(portfolio_dir, dt.datetime(2025, 7, 1, tzinfo=dt.UTC)))
    assert set(first) == set(second)
    assert len({uid for _, uid in first}) == len(first)
    assert all(uid.endswith("@piagen") for _, uid in first)


def test_lines_are_folded_escaped_and_end_in_crlf(portfolio_dir: Path) -> None:
    data = _export(portfolio_dir, dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert all(b"\n" not in line and len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # long Japanese summaries are folded
    text = "a;b,c\\d\n2行目"
    event = calendar.Event("x@piagen", "review", dt.date(2025, 1, 1), dt.date(2025, 1, 2), text * 20, text)
    parsed = icalendar.Calendar.from_ical(
        calendar.ics([event], "名前", dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    )
    (back,) = parsed.walk("VEVENT")
    assert str(back["SUMMARY"]) == text * 20 and str(back["DESCRIPTION"]) == text
