"""Japanese-era dates (和暦) as written in real assessments: parsing, comparison and printing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

# (era, first day). An era year N corresponds to Gregorian start.year + N - 1.
ERAS: tuple[tuple[str, dt.date], ...] = (
    ("令和", dt.date(2019, 5, 1)),
    ("平成", dt.date(1989, 1, 8)),
    ("昭和", dt.date(1926, 12, 25)),
    ("大正", dt.date(1912, 7, 30)),
    ("明治", dt.date(1868, 1, 25)),
)
_ERA_START = dict(ERAS)

_DATE = re.compile(
    r"(?P<era>令和|平成|昭和|大正|明治)\s*(?P<year>元|\d{1,2})\s*年\s*(?:(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*日)?)?"
    r"|(?P<gyear>(?:19|20)\d{2})\s*(?:年|[-/.])\s*(?P<gmonth>\d{1,2})\s*(?:月|[-/.])?\s*(?:(?P<gday>\d{1,2})\s*日?)?"
)
_PLANNED_WORDS = ("(予定)", "予定")
_MONTH_DAY = re.compile(r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")


class DateFormatError(ValueError):
    """A text that should be a date is not one (message in Japanese, for the user)."""


@dataclass(frozen=True, order=True)
class JaDate:
    """A date as precise as written: year, optional month and day, and whether it is only planned."""

    year: int
    month: int | None = None
    day: int | None = None
    planned: bool = False
    era: str | None = field(default=None, compare=False)

    @property
    def complete(self) -> bool:
        return self.month is not None and self.day is not None

    def first_day(self) -> dt.date:
        """The earliest calendar day this text can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest calendar day this text can mean."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, self.month, self.day)

    def format(self) -> str:
        """Print in the official style, e.g. 令和7年1月20日 / 平成28年4月 / 令和4年12月（予定）."""
        if self.first_day() < ERAS[-1][1] and self.era is None:
            gregorian = (
                f"{self.year}年"
                + (f"{self.month}月" if self.month else "")
                + (f"{self.day}日" if self.day else "")
            )
            return gregorian + ("（予定）" if self.planned else "")
        era, era_year = (
            (self.era, 1)
            if self.era and self.first_day() < _ERA_START[self.era]
            else to_era(self.first_day())
        )
        if self.era and self.era in _ERA_START:  # a year written in an era that began mid-year (令和元年)
            era, era_year = self.era, self.year - _ERA_START[self.era].year + 1
        text = era_text(era, era_year)
        if self.month is not None:
            text += f"{self.month}月"
            if self.day is not None:
                text += f"{self.day}日"
        return text + ("（予定）" if self.planned else "")


def era_text(era: str, era_year: int) -> str:
    """「令和元年」, 「平成31年」: the first year of an era is 元年."""
    return f"{era}{'元' if era_year == 1 else era_year}年"


def normalise(text: str) -> str:
    """Full-width digits and spaces to half-width (NFKC), keeping the era names."""
    return unicodedata.normalize("NFKC", text)


def to_era(day: dt.date) -> tuple[str, int]:
    """The era and era year of a calendar day."""
    for era, start in ERAS:
        if day >= start:
            return era, day.year - start.year + 1
    raise DateFormatError(f"{day.year}年は対応していない年です（明治以降を書いてください）。")


def _from_match(m: re.Match[str]) -> tuple[int, int | None, int | None]:
    if m.group("era"):
        era = m.group("era")
        era_year = 1 if m.group("year") == "元" else int(m.group("year"))
        year = _ERA_START[era].year + era_year - 1
        month = int(m.group("month")) if m.group("month") else None
        day = int(m.group("day")) if m.group("day") else None
        _check_calendar(m.group(0), year, month, day)
        _check_era(era, era_year, year, month, day)
        return year, month, day
    month = int(m.group("gmonth"))
    day = int(m.group("gday")) if m.group("gday") else None
    return int(m.group("gyear")), month, day


def _check_era(era: str, era_year: int, year: int, month: int | None, day: int | None) -> None:
    if era_year < 1:
        raise DateFormatError(f"{era}{era_year}年は存在しません。")
    earliest = dt.date(year, month or 1, day or 1)
    latest = JaDate(year, month, day).last_day()
    later = [s for _, s in ERAS if s > _ERA_START[era]]
    written = era_text(era, era_year) + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    if later and earliest >= min(later):
        new_era, new_year = to_era(earliest)
        raise DateFormatError(f"{written}は存在しません（{era_text(new_era, new_year)}です）。")
    if latest < _ERA_START[era]:
        raise DateFormatError(
            f"{written}は{era}の始まり（{_ERA_START[era].month}月{_ERA_START[era].day}日）より前です。"
        )


def parse(text: str) -> JaDate:
    """Parse one date written as in real documents; raise DateFormatError when it is not one."""
    norm = normalise(text).strip()
    m = _DATE.search(norm)
    if not m or norm[: m.start()].strip():
        raise DateFormatError(f"「{text}」は日付として読めません。例：令和7年1月20日、平成28年4月。")
    year, month, day = _from_match(m)
    _check_calendar(text, year, month, day)
    rest = norm[m.end() :].strip()
    planned = rest in _PLANNED_WORDS
    if rest and not planned and rest != "時点":
        # quote the words as written (the search ran on the half-width form, which has the same length)
        written = (
            text.strip()[len(normalise(text.strip())) - len(rest) :]
            if len(normalise(text.strip())) == len(text.strip())
            else rest
        )
        raise DateFormatError(
            f"「{text}」の日付の後ろに余分な文字「{written}」があります。予定なら「（予定）」と書いてください。"
        )
    return JaDate(year, month, day, planned, m.group("era"))


def parse_printed(text: str) -> JaDate:
    """Parse a date as the 様式 prints it: in the Japanese era; a Western date is refused with the
    和暦 to write instead."""
    parsed = parse(text)
    if parsed.era is None:
        shown = JaDate(parsed.year, parsed.month, parsed.day, parsed.planned, to_era(parsed.first_day())[0])
        raise DateFormatError(
            f"「{text}」は西暦です。様式の日付は和暦で書きます: 「{shown.format()}」と書いてください。"
        )
    return parsed


def _check_calendar(text: str, year: int, month: int | None, day: int | None) -> None:
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(f"「{text}」の月が正しくありません。")
    if day is not None and month is None:
        raise DateFormatError(f"「{text}」は日付として読めません。")
    if day is not None:
        try:
            dt.date(year, month or 1, day)
        except ValueError:
            raise DateFormatError(f"「{text}」は存在しない日付です。") from None


def optional(value: object) -> JaDate | None:
    """A date when `value` is a text that parses as one; None for blanks, dashes and non-dates."""
    if not isinstance(value, str) or not value.strip() or value.strip() in "－―-‐—ー─":
        return None
    try:
        return parse(value)
    except DateFormatError:
        return None


def is_date(text: str) -> bool:
    """True when `text` parses as a date."""
    try:
        parse(text)
    except DateFormatError:
        return False
    return True


@dataclass(frozen=True)
class Period:
    """A period such as 令和6年10月9日から11月8日までの30日間: start, end and the stated day count."""

    start: JaDate
    end: JaDate
    stated_days: int | None

    def inclusive_days(self) -> int:
        """Days counted with both the first and the last day included."""
        return (self.end.last_day() - self.start.first_day()).days + 1


_DAYS = re.compile(r"(\d+)\s*日間")


def parse_period(text: str) -> Period:
    """Parse a comment period; the end may omit era and year (…から11月8日まで)."""
    norm = normalise(text)
    starts = list(_DATE.finditer(norm))
    if not starts:
        raise DateFormatError(
            f"「{text}」から期間の開始日を読めません。例：令和6年10月9日から令和6年11月8日まで。"
        )
    first = starts[0]
    start = JaDate(*_from_match(first))
    tail = norm[first.end() :]
    end: JaDate | None = None
    if len(starts) > 1:
        end = JaDate(*_from_match(starts[1]))
    else:
        md = _MONTH_DAY.search(tail)
        if md:
            month, day = int(md.group("month")), int(md.group("day"))
            year = start.year + (1 if month < (start.month or 1) else 0)
            end = JaDate(year, month, day)
    if end is None:
        raise DateFormatError(f"「{text}」から期間の終了日を読めません。")
    days = _DAYS.search(tail)
    return Period(start, end, int(days.group(1)) if days else None)
