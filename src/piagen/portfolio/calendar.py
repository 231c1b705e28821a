"""The portfolio's deadlines as an iCalendar file (RFC 5545), written here rather than by a library:
all-day events, text escaped and lines folded at 75 octets, CRLF line ends.

Each event's UID is derived from the 評価実施機関, the 評価書番号 (the model's name when it has none),
the kind of event and its date, so exporting again updates the office calendar's events instead of
adding duplicates; a date that moves is a new event (the old one is for a day that no longer applies)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, Literal

from piagen.model import dates
from piagen.model.fields import get
from piagen.portfolio.folder import Entry
from piagen.portfolio.summary import heading, review_dates

Kind = Literal["review", "reassessment", "comment", "third-party"]
KIND_NAMES: dict[Kind, str] = {
    "review": "評価書の見直し（1年ごと）",
    "reassessment": "評価の再実施（公表から5年）",
    "comment": "国民・住民等からの意見の聴取",
    "third-party": "第三者点検",
}


@dataclass(frozen=True)
class Event:
    """One all-day event: first day and the day after the last (DTEND is exclusive)."""

    uid: str
    kind: Kind
    start: dt.date
    end: dt.date
    summary: str
    description: str


def _uid(organization: str, number: str, kind: Kind, day: dt.date) -> str:
    who = hashlib.sha256(organization.encode("utf-8")).hexdigest()[:10]
    ident = number if number.isascii() else hashlib.sha256(number.encode("utf-8")).hexdigest()[:10]
    return f"{who}-{ident}-{kind}-{day:%Y%m%d}@piagen"


def _span(value: Any) -> tuple[dt.date, dt.date, str] | None:
    """A written date as (first day, day after the last day, text): a month-only date is the month."""
    parsed = dates.optional(value)
    if parsed is None:
        return None
    return parsed.first_day(), parsed.last_day() + dt.timedelta(days=1), parsed.format()


def events(entries: list[Entry], today: dt.date) -> list[Event]:
    """Every review, re-assessment, 意見聴取 period and 第三者点検 date of the loaded models."""
    found: list[Event] = []
    for entry in entries:
        if entry.doc is not None:
            found.extend(_events_of(entry, today))
    return sorted(found, key=lambda e: (e.start, e.uid))


def _events_of(entry: Entry, today: dt.date) -> list[Event]:
    data = entry.data
    shown = heading(data)
    ident = shown.number or entry.name
    title = f"{shown.title}（評価書番号 {shown.number}）" if shown.number else shown.title or entry.name
    spans: list[tuple[Kind, dt.date, dt.date, str]] = []
    due = review_dates(data, today)
    if due is not None:
        spans.append(("review", due[0], due[0] + dt.timedelta(days=1), f"公表日 {shown.published}"))
        spans.append(("reassessment", due[1], due[1] + dt.timedelta(days=1), f"公表日 {shown.published}"))
    period = get(data, "procedure", "public_comment", "period")
    if isinstance(period, str):
        try:
            parsed = dates.parse_period(period)
            end = parsed.end.last_day() + dt.timedelta(days=1)
            spans.append(("comment", parsed.start.first_day(), end, period.strip()))
        except dates.DateFormatError:
            pass
    checked = _span(get(data, "procedure", "third_party", "date"))
    if checked is not None:
        spans.append(("third-party", checked[0], checked[1], f"実施日 {checked[2]}"))
    return [
        Event(
            _uid(shown.organization, ident, kind, start),
            kind,
            start,
            end,
            f"{KIND_NAMES[kind]}: {title}",
            f"{shown.organization} {title}\n{note}\nモデル: {entry.name}",
        )
        for kind, start, end, note in spans
    ]


def escape(text: str) -> str:
    """TEXT value escaping of RFC 5545 §3.3.11."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded into lines of at most 75 octets (§3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def ics(found: list[Event], name: str, stamp: dt.datetime) -> bytes:
    """The events as an iCalendar file; `stamp` (UTC) is the DTSTAMP of this export."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//piagen//portfolio deadlines//JA",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    utc = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for e in found:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.uid}",
            f"DTSTAMP:{utc}",
            f"DTSTART;VALUE=DATE:{e.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{e.end:%Y%m%d}",
            f"SUMMARY:{escape(e.summary)}",
            f"DESCRIPTION:{escape(e.description)}",
            f"CATEGORIES:{escape(KIND_NAMES[e.kind])}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("".join(fold(line) + "\r\n" for line in lines)).encode("utf-8")
