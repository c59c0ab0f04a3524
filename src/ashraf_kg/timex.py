"""Time expressions: from the words of a text to OWL-Time / SEM values.

A news document says "today", "last night" or "approximately midnight local time";
the graph needs dates. :func:`normalise_time` reads such an expression against the
date the document was published and the local time zone of the events, and returns a
:class:`~ashraf_kg.model.TimeSpec` with ``begin``/``end`` as ``xsd:date`` or, when the
text names a clock time, ``xsd:dateTime`` lexical forms, and ``duration`` as
``xsd:duration``. Parts the text leaves open stay ``None``: a guess would be a claim
the document never makes.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from .model import TimeSpec

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})

_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M",
          "second": "S"}
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "several": None,
    "dozen": 12, "a dozen": 12, "hundred": 100, "a hundred": 100,
}

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\b")
_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\s+(?:of\s+)?(this year|last year|\d{4})\b")
_YEAR = re.compile(r"\b(?:in\s+)?(1[89]\d\d|20\d\d)\b")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?\b", re.IGNORECASE)
_CLOCK_24 = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_DURATION = re.compile(
    r"\b(\d+|[a-z]+(?:-[a-z]+)?)\s+(year|month|week|day|hour|minute|second)s?\b(?!\s+(?:ago|after|before|later|earlier))",
    re.IGNORECASE)
_NAMED_CLOCK = {"midnight": (0, 0), "noon": (12, 0), "midday": (12, 0)}


def number_value(word: str) -> int | None:
    """The integer a number written in digits or words stands for.

    >>> number_value("forty-four"), number_value("52"), number_value("several")
    (44, 52, None)
    """
    text = word.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    parts = [p for p in re.split(r"[-\s]+", text) if p != "and"]
    if parts and all(p in _NUMBER_WORDS and _NUMBER_WORDS[p] is not None for p in parts):
        total = 0
        for part in parts:
            value = _NUMBER_WORDS[part]
            total = total * value if value == 100 and total else total + value
        return total
    return None


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _find_dates(text: str, published: date | None) -> tuple[date, date] | None:
    """The calendar day(s) an expression names, absolute or relative to ``published``."""
    lower = text.lower()
    if m := _ISO.search(text):
        day = _valid_date(int(m[1]), int(m[2]), int(m[3]))
        if day:
            return day, day
    if (m := _DAY_MONTH_YEAR.search(text)) and _month(m[2]):
        day = _valid_date(int(m[3]), _month(m[2]), int(m[1]))
        if day:
            return day, day
    if (m := _MONTH_DAY_YEAR.search(text)) and _month(m[1]):
        year = int(m[3]) if m[3] else (published.year if published else None)
        day = _valid_date(year, _month(m[1]), int(m[2])) if year else None
        if day:
            return day, day
    if (m := _DAY_MONTH.search(text)) and _month(m[2]) and published:
        day = _valid_date(published.year, _month(m[2]), int(m[1]))
        if day:
            return day, day
    if (m := _MONTH_YEAR.search(text)) and _month(m[1]):
        year = _relative_year(m[2], published)
        if year:
            return _month_span(year, _month(m[1]))
    return _relative_dates(lower, published) or _year_span(text)


def _relative_year(word: str, published: date | None) -> int | None:
    if word.isdigit():
        return int(word)
    if published is None:
        return None
    return published.year - 1 if word == "last year" else published.year


def _year_span(text: str) -> tuple[date, date] | None:
    if m := _YEAR.search(text):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31)
    return None


_RELATIVE_DAYS = (
    (r"\b(today|this (morning|afternoon|evening)|tonight|earlier today)\b", 0, 0),
    (r"\b(last night|overnight)\b", -1, 0),
    (r"\byesterday\b", -1, -1),
    (r"\btomorrow\b", 1, 1),
    (r"\b(days (after|before)|days ago|a few days|several days|recently)\b", -14, 0),
    (r"\blast week\b", -13, -7),
    (r"\bthis week\b", -6, 0),
    (r"\b(in )?recent (years|months)\b", None, 0),
)


def _relative_dates(lower: str, published: date | None) -> tuple[date | None, date] | None:
    if published is None:
        return None
    for pattern, begin, end in _RELATIVE_DAYS:
        if re.search(pattern, lower):
            first = published + timedelta(days=begin) if begin is not None else None
            return first, published + timedelta(days=end)
    if re.search(r"\bthis year\b", lower):
        return date(published.year, 1, 1), published
    if re.search(r"\blast year\b", lower):
        return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)
    return None


def _find_clock(text: str) -> tuple[int, int] | None:
    if m := _CLOCK.search(text):
        hour = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0)
        return hour, int(m[2] or 0)
    lower = text.lower()
    for word, clock in _NAMED_CLOCK.items():
        if re.search(rf"\b{word}\b", lower):
            return clock
    if m := _CLOCK_24.search(text):
        return int(m[1]), int(m[2])
    return None


def _find_duration(text: str) -> tuple[str, timedelta | None] | None:
    for m in _DURATION.finditer(text):
        amount = number_value(m[1])
        if amount is None:
            continue
        unit = m[2].lower()
        code = _UNITS[unit]
        lexical = f"PT{amount}{code}" if unit in ("hour", "minute", "second") else f"P{amount}{code}"
        seconds = {"hour": 3600, "minute": 60, "second": 1, "day": 86400, "week": 604800}
        delta = timedelta(seconds=amount * seconds[unit]) if unit in seconds else None
        return lexical, delta
    return None


def _timestamp(moment: datetime, timezone: str | None) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + (timezone or "")


def normalise_time(expression: str | None, published: date | None,
                   timezone: str | None = None) -> TimeSpec:
    """Read a time expression against the publication date of its document.

    ``timezone`` (``"+03:00"``) is the local time of the events; it is written on
    every ``xsd:dateTime`` so "midnight local time" means the right instant.

    >>> normalise_time("approximately midnight local time", date(2013, 9, 1), "+03:00").begin
    '2013-09-01T00:00:00+03:00'
    >>> normalise_time("February of this year", date(2013, 9, 1)).end
    '2013-02-28'
    >>> normalise_time("6 hours", date(2013, 9, 1)).duration
    'PT6H'
    """
    if not expression or not expression.strip():
        return TimeSpec(expression=expression or None)
    days = _find_dates(expression, published)
    clock = _find_clock(expression)
    duration = _find_duration(expression)
    if clock and not days and published:
        days = (published, published)
    begin = end = None
    if days:
        first, last = days
        if clock and first == last:
            start = datetime.combine(first, datetime.min.time()).replace(
                hour=clock[0], minute=clock[1])
            begin = _timestamp(start, timezone)
            finish = start + duration[1] if duration and duration[1] else None
            end = _timestamp(finish, timezone) if finish else None
        else:
            begin = first.isoformat() if first else None
            end = last.isoformat() if last else None
    return TimeSpec(expression=expression, begin=begin, end=end,
                    duration=duration[0] if duration else None)
