"""和暦 dates: parsing as written in real assessments, the error messages, periods and round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from piagen.model import dates
from piagen.model.dates import DateFormatError, JaDate, Period

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    ("text", "expected", "printed"),
    [
        ("令和7年1月20日", JaDate(2025, 1, 20), "令和7年1月20日"),
        ("平成２８年４月", JaDate(2016, 4), "平成28年4月"),
        ("令和4年12月（予定）", JaDate(2022, 12, None, planned=True), "令和4年12月（予定）"),
        ("令和元年5月1日", JaDate(2019, 5, 1), "令和元年5月1日"),
        ("平成31年4月30日", JaDate(2019, 4, 30), "平成31年4月30日"),
        ("2025年1月20日", JaDate(2025, 1, 20), "令和7年1月20日"),
        ("令和７年１月２０日", JaDate(2025, 1, 20), "令和7年1月20日"),
        ("令和 7 年 1 月", JaDate(2025, 1), "令和7年1月"),
        ("令和6年4月1日時点", JaDate(2024, 4, 1), "令和6年4月1日"),
        ("昭和64年1月7日", JaDate(1989, 1, 7), "昭和64年1月7日"),
        ("平成元年1月8日", JaDate(1989, 1, 8), "平成元年1月8日"),
        ("令和7年", JaDate(2025), "令和7年"),
        ("令和7年1月20日 予定", JaDate(2025, 1, 20, planned=True), "令和7年1月20日（予定）"),
        ("平成31年", JaDate(2019), "平成31年"),
        ("令和元年", JaDate(2019), "令和元年"),
        ("大正元年7月30日", JaDate(1912, 7, 30), "大正元年7月30日"),
        ("明治45年7月29日", JaDate(1912, 7, 29), "明治45年7月29日"),
        ("大正15年12月24日", JaDate(1926, 12, 24), "大正15年12月24日"),
        ("昭和元年12月25日", JaDate(1926, 12, 25), "昭和元年12月25日"),
        ("明治元年1月25日", JaDate(1868, 1, 25), "明治元年1月25日"),
        ("1900年1月1日", JaDate(1900, 1, 1), "明治33年1月1日"),
    ],
)
def test_parse_and_format(text: str, expected: JaDate, printed: str) -> None:
    parsed = dates.parse(text)
    assert parsed == expected
    assert parsed.format() == printed
    assert dates.is_date(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("平成32年", "平成32年は存在しません（令和2年です）。"),
        ("平成32年4月1日", "平成32年4月1日は存在しません（令和2年です）。"),
        ("平成31年5月1日", "平成31年5月1日は存在しません（令和元年です）。"),
        ("昭和64年1月8日", "昭和64年1月8日は存在しません（平成元年です）。"),
        ("明治45年7月30日", "明治45年7月30日は存在しません（大正元年です）。"),
        ("大正15年12月25日", "大正15年12月25日は存在しません（昭和元年です）。"),
        ("令和1年4月", "令和元年4月は令和の始まり（5月1日）より前です。"),
        ("大正元年7月29日", "大正元年7月29日は大正の始まり（7月30日）より前です。"),
        ("令和0年", "令和0年は存在しません。"),
        ("令和7年2月30日", "「令和7年2月30日」は存在しない日付です。"),
        ("令和7年13月", "「令和7年13月」の月が正しくありません。"),
        (
            "令和7年1月20日です",
            "「令和7年1月20日です」の日付の後ろに余分な文字「です」があります。予定なら「（予定）」と書いてください。",
        ),
        (
            "令和6年12月ごろ",
            "「令和6年12月ごろ」の日付の後ろに余分な文字「ごろ」があります。予定なら「（予定）」と書いてください。",
        ),
        (
            "令和7年1月20日現在",
            "「令和7年1月20日現在」の日付の後ろに余分な文字「現在」があります。予定なら「（予定）」と書いてください。",
        ),
        (
            "令和6年12月[予定]",
            "「令和6年12月[予定]」の日付の後ろに余分な文字「[予定]」があります。予定なら「（予定）」と書いてください。",
        ),
        ("明治元年1月1日", "明治元年1月1日は明治の始まり（1月25日）より前です。"),
        ("未定", "「未定」は日付として読めません。例：令和7年1月20日、平成28年4月。"),
        ("約令和7年1月", "「約令和7年1月」は日付として読めません。例：令和7年1月20日、平成28年4月。"),
        ("", "「」は日付として読めません。例：令和7年1月20日、平成28年4月。"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(DateFormatError) as exc:
        dates.parse(text)
    assert str(exc.value) == message
    assert not dates.is_date(text)


@pytest.mark.parametrize("text", ["平成31年", "昭和64年", "大正15年", "明治45年"])
def test_year_only_in_last_year_of_era(text: str) -> None:
    parsed = dates.parse(text)
    assert parsed.month is None
    assert parsed.format() == text


@pytest.mark.parametrize(
    "text",
    [
        "令和元年",
        "平成元年",
        "昭和元年",
        "大正元年",
        "平成元年1月",
        "明治元年2月",
        "明治元年",
        "明治元年1月",
        "明治2年1月1日",
    ],
)
def test_first_year_of_era_prints_as_written(text: str) -> None:
    assert dates.parse(text).format() == text


@pytest.mark.parametrize(
    ("date", "printed"),
    [
        (JaDate(1868, 1, 24), "1868年1月24日"),
        (JaDate(1868, 1, 25), "明治元年1月25日"),
        (JaDate(1868, 1), "1868年1月"),
        (JaDate(1868, 2), "明治元年2月"),
        (JaDate(1867), "1867年"),
        (JaDate(1600, 10, 21), "1600年10月21日"),
    ],
)
def test_dates_before_meiji_print_as_gregorian(date: JaDate, printed: str) -> None:
    assert date.format() == printed


def test_planned_date_before_meiji_keeps_planned() -> None:
    assert JaDate(1867, 5, planned=True).format() == "1867年5月（予定）"


def test_extra_words_are_quoted_as_written() -> None:
    with pytest.raises(DateFormatError) as exc:
        dates.parse("令和6年12月［予定］")
    assert "余分な文字「［予定］」" in str(exc.value)


@pytest.mark.parametrize(
    "text", ["令和6年4月1日時点", "令和6年12月（予定）", "令和6年12月予定", "令和6年12月 （予定）"]
)
def test_accepted_trailing_words(text: str) -> None:
    assert dates.is_date(text)


def test_first_and_last_day_follow_precision() -> None:
    assert JaDate(2024, 2).first_day() == dt.date(2024, 2, 1)
    assert JaDate(2024, 2).last_day() == dt.date(2024, 2, 29)
    assert JaDate(2024, 12).last_day() == dt.date(2024, 12, 31)
    assert JaDate(2024).last_day() == dt.date(2024, 12, 31)
    assert JaDate(2024, 2, 10).last_day() == dt.date(2024, 2, 10)
    assert not JaDate(2024, 2).complete
    assert JaDate(2024, 2, 10).complete


def test_parse_period_end_without_era() -> None:
    period = dates.parse_period("令和6年10月9日から11月8日までの30日間")
    assert period == Period(JaDate(2024, 10, 9), JaDate(2024, 11, 8), 30)
    assert period.inclusive_days() == 31


def test_parse_period_with_both_eras() -> None:
    period = dates.parse_period("令和4年9月20日～令和4年10月19日（30日間）")
    assert period == Period(JaDate(2022, 9, 20), JaDate(2022, 10, 19), 30)
    assert period.inclusive_days() == 30


def test_parse_period_crossing_new_year() -> None:
    period = dates.parse_period("令和6年12月20日から1月18日まで")
    assert period == Period(JaDate(2024, 12, 20), JaDate(2025, 1, 18), None)
    assert period.inclusive_days() == 30


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("なし", "「なし」から期間の開始日を読めません。例：令和6年10月9日から令和6年11月8日まで。"),
        ("令和6年10月9日から", "「令和6年10月9日から」から期間の終了日を読めません。"),
    ],
)
def test_parse_period_errors(text: str, message: str) -> None:
    with pytest.raises(DateFormatError) as exc:
        dates.parse_period(text)
    assert str(exc.value) == message


_DAYS = st.dates(min_value=dt.date(1989, 1, 8), max_value=dt.date(2099, 12, 31))
# Complete dates from the first day of 明治.
_ALL_DAYS = st.dates(min_value=dt.date(1868, 1, 25), max_value=dt.date(2099, 12, 31))


@given(_ALL_DAYS)
def test_format_then_parse_round_trips(day: dt.date) -> None:
    text = JaDate(day.year, day.month, day.day).format()
    parsed = dates.parse(text)
    assert (parsed.year, parsed.month, parsed.day) == (day.year, day.month, day.day)


@given(_DAYS, st.booleans())
def test_full_width_and_planned_round_trip(day: dt.date, planned: bool) -> None:
    original = JaDate(day.year, day.month, None, planned)
    assert dates.parse(original.format().translate(_FULLWIDTH)) == original
